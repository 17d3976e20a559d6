/**
 * Bundled by households-bench.ts (esbuild) into a script the phone's page loads from its own
 * origin, so the timings go through the app's real data layer and register model on the app's
 * own IndexedDB: the same functions the screens call, under the page's CPU throttling.
 */
import { FieldDb } from '../../src/client/data/db';
import { tickItem } from '../../src/client/data/household-changes';
import { loadRegister } from '../../src/client/data/register-data';
import { defaultPeriod, filterRows, nextUnassessed, NO_FILTER, prepareRows, usableChecklists, type RegisterFilter } from '../../src/client/model/register';

async function setUp() {
  const db = new FieldDb();
  const data = await loadRegister(db);
  const today = new Date().toISOString().slice(0, 10);
  const period = defaultPeriod(data.periods, today)!;
  const checklist = usableChecklists(data.checklists, period).find((c) => c.code === '5k3s')!;
  return { db, data, checklist, period };
}

/** Search and filter: from the register in memory (as the screen holds it) to the rows to show. */
async function searchBench(filters: Partial<RegisterFilter>[], rounds: number): Promise<{ times: number[]; households: number; prepareMs: number }> {
  const { db, data, checklist, period } = await setUp();
  const t0 = performance.now();
  const rows = prepareRows(data.households, data.assessments, checklist, period.id);
  const prepareMs = performance.now() - t0;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const f of filters) {
      const start = performance.now();
      filterRows(rows, { ...NO_FILTER, ...f });
      times.push(performance.now() - start);
    }
  }
  db.close();
  return { times, households: data.households.length, prepareMs };
}

/**
 * Tick one item and move to the next household not yet reviewed, `n` times: the Dexie
 * transaction that updates the household and assessment and queues the change (committed,
 * durability strict), then the walk's next-unassessed over the prepared rows.
 */
async function tickBench(n: number): Promise<{ times: number[]; queued: number }> {
  const { db, data, checklist, period } = await setUp();
  const rows = filterRows(prepareRows(data.households, data.assessments, checklist, period.id), NO_FILTER);
  const times: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[at]!;
    const item = checklist.items[i % checklist.items.length]!.code;
    const value = (row.items?.[item] ?? null) === false ? true : false;
    const start = performance.now();
    await tickItem(db, row.household.id, checklist.id, period.id, item, value);
    const next = nextUnassessed(rows, at);
    times.push(performance.now() - start);
    at = next >= 0 ? next : (at + 1) % rows.length;
  }
  const queued = await db.householdOutbox.count();
  db.close();
  return { times, queued };
}

(window as unknown as { __hh: unknown }).__hh = { searchBench, tickBench };
