/**
 * `npm run bench:households`: the household register on a cheap phone (issue 10), in Debian's
 * Chromium on the built app served by `npm start`'s server, DevTools CPU throttling 4×, with a
 * Women's Union register of 2,000 households, every one assessed against "5 không 3 sạch":
 * (1) search and filter, p95 — the register model over the 2,000 rows as the list screen holds
 *     them, and the list screen itself (typing in the search box to the next frame);
 * (2) tick an item and move to the next household, p95 — the data layer's tickItem (household
 *     and assessment updated and the change queued, one committed Dexie transaction) plus the
 *     walk's next-not-yet-assessed; and the walk screen itself (tap to the toggle showing it);
 * (3) the unit's first sync of the 2,000 households with their assessments on the 3G profile,
 *     beside its physical floor (round trips × 300 ms + bytes on the wire ÷ bandwidth).
 * Each timed figure is the median of RUNS runs (default 5). Writes docs/benchmarks.md
 * ("## Household registers (issue 10)").
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT, TestServer } from '../e2e/support/server';
import { launchBrowser, newPhoneContext, waitForServiceWorkerControl } from '../e2e/support/browser';
import { FieldApp, eventually } from '../e2e/support/pages';
import { OfficeApi } from '../e2e/support/api';
import { uuidv7 } from '../../src/shared/ids';
import type { ChecklistSet, Period } from '../../src/shared/schemas';
import { defaultPeriod } from '../../src/client/model/register';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const HOUSEHOLDS = 2000;
const CPU_SLOWDOWN = 4;
const THREE_G = { offline: false, latency: 300, uploadThroughput: (400 * 1000) / 8, downloadThroughput: (1600 * 1000) / 8 };
const OFFLINE = { offline: true, latency: 0, uploadThroughput: -1, downloadThroughput: -1 };
const TICKS_PER_RUN = 100;
const UI_TICKS_PER_RUN = 12;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const log = (line: string) => console.log(`[bench:households] ${line}`);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Rơ Châm', 'Siu', 'Ksor'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Hữu', 'Ngọc', 'Minh', 'Thanh', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Đào', 'Giang', 'Hạnh', 'Hoa', 'Khải', 'Lan', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Uyên', 'Vân', 'Xuân', 'Yến'];
const nameOf = (i: number) => `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / FAMILY.length) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;

function buildSite(outDir: string): void {
  const res = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
  // The page-side bench: the app's real data layer and model, loaded from the app's origin.
  const entry = join(ROOT, 'test/bench/households-bench-entry.ts');
  const bundled = spawnSync('npx', ['esbuild', entry, '--bundle', '--format=iife', '--target=es2022', `--outfile=${join(outDir, 'bench-households.js')}`], { cwd: ROOT, encoding: 'utf8' });
  if (bundled.status !== 0) throw new Error(`esbuild failed:\n${bundled.stdout}\n${bundled.stderr}`);
}

/** 2,000 households and every one's ticks, entered by the office in batches of 500. */
async function seedRegister(office: OfficeApi, unitId: string, checklist: ChecklistSet, periodId: string): Promise<void> {
  const at = Date.now() - 86_400_000;
  const ids = Array.from({ length: HOUSEHOLDS }, (_, i) => uuidv7(at + i));
  const changes: unknown[] = ids.map((id, i) => ({
    id: uuidv7(at + i), householdId: id, kind: 'create', baseRevision: 0, createdAt: new Date(at + i).toISOString(),
    value: { unitId, headName: nameOf(i), hamlet: `Thôn ${1 + (i % 12)}`, members: 2 + (i % 7), poor: i % 17 === 0, nearPoor: i % 13 === 0 },
  }));
  ids.forEach((id, i) => {
    // Most households looked at on every item; one in nine fails one; one in seven not yet assessed.
    if (i % 7 === 6) return;
    checklist.items.forEach((item, k) => changes.push({
      id: uuidv7(at + HOUSEHOLDS + i), householdId: id, kind: 'item', checklistId: checklist.id, periodId, itemId: item.code,
      value: (i + k) % 9 !== 0, baseRevision: 1 + k, createdAt: new Date(at + HOUSEHOLDS + i * 10 + k).toISOString(),
    }));
  });
  for (let i = 0; i < changes.length; i += 500) {
    const answer = await office.ok<{ results: Array<{ status: string; code?: string }> }>('POST', '/api/households/changes', { changes: changes.slice(i, i + 500) });
    const refused = answer.results.filter((r) => r.status === 'rejected');
    if (refused.length) throw new Error(`seed refused: ${JSON.stringify(refused[0])}`);
  }
  log(`seeded ${HOUSEHOLDS} households and ${changes.length - HOUSEHOLDS} ticks`);
}

/** Clears what a sync brings (plain IndexedDB in the page) so the next sync is a first sync. */
const RESET_TO_FIRST_SYNC = String.raw`new Promise((ok, fail) => {
  const open = indexedDB.open('so-thi-dua');
  open.onsuccess = () => {
    const db = open.result;
    const stores = ['units', 'plans', 'periods', 'targets', 'assignments', 'reports', 'reviews', 'households', 'assessments', 'checklists'];
    const tx = db.transaction([...stores, 'meta'], 'readwrite');
    for (const s of stores) tx.objectStore(s).clear();
    tx.objectStore('meta').put({ key: 'cursor', value: '' });
    tx.objectStore('meta').delete('lastSyncAt');
    tx.oncomplete = () => { db.close(); ok(true); };
    tx.onerror = () => fail(tx.error);
  };
})`;

/** Polls meta.lastSyncAt, which the pull sets when its last page (and the checklists) is stored. */
const WAIT_FOR_SYNC = String.raw`new Promise((ok) => {
  const open = indexedDB.open('so-thi-dua');
  open.onsuccess = () => {
    const db = open.result;
    const start = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Đồng bộ ngay')).click();
    const poll = () => {
      const req = db.transaction('meta').objectStore('meta').get('lastSyncAt');
      req.onsuccess = () => {
        if (req.result) { const end = performance.now(); db.close(); ok(end - start); } else setTimeout(poll, 20);
      };
    };
    poll();
  };
})`;

const COUNT = String.raw`new Promise((ok) => {
  const open = indexedDB.open('so-thi-dua');
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['households', 'assessments']);
    const h = tx.objectStore('households').count();
    const a = tx.objectStore('assessments').count();
    tx.oncomplete = () => { db.close(); ok([h.result, a.result]); };
  };
})`;

interface SyncRun {
  total: number;
  requests: number;
  bytesDown: number;
  bytesUp: number;
}

/**
 * (3) One first sync on 3G, from Home (where a new phone lands after enrolling): the synced
 * tables emptied and the cursor cleared, then "Đồng bộ ngay" pressed in the page; timed to
 * lastSyncAt, with its requests and bytes. The page stays on 3G throughout: switching DevTools
 * from offline fires 'online' before the network is back (see client-bench.ts).
 */
async function firstSync(page: Page, cdp: CDPSession): Promise<SyncRun> {
  await page.evaluate(RESET_TO_FIRST_SYNC);
  const requests = new Map<string, { down: number; up: number }>();
  const onSent = (e: { requestId: string; request: { url: string; postData?: string } }) => {
    if (e.request.url.includes('/api/')) requests.set(e.requestId, { down: 0, up: e.request.postData?.length ?? 0 });
  };
  const onDone = (e: { requestId: string; encodedDataLength: number }) => {
    const r = requests.get(e.requestId);
    if (r) r.down = e.encodedDataLength;
  };
  cdp.on('Network.requestWillBeSent', onSent);
  cdp.on('Network.loadingFinished', onDone);
  const total = (await page.evaluate(WAIT_FOR_SYNC)) as number;
  cdp.off('Network.requestWillBeSent', onSent);
  cdp.off('Network.loadingFinished', onDone);
  const [households, assessments] = (await page.evaluate(COUNT)) as [number, number];
  if (households !== HOUSEHOLDS) throw new Error(`the phone holds ${households} households of ${HOUSEHOLDS}`);
  const all = [...requests.values()];
  const run = { total, requests: all.length, bytesDown: all.reduce((s, r) => s + r.down, 0), bytesUp: all.reduce((s, r) => s + r.up, 0) };
  log(`  first sync: ${ms(total)}, ${run.requests} requests, ${(run.bytesDown / 1024).toFixed(0)} KB down; ${assessments} assessments`);
  return run;
}

/** (1b) The list screen: type a query into the search box, time to the frame after the list shows it. */
async function uiSearch(page: Page, queries: string[]): Promise<number[]> {
  return page.evaluate(async (qs) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="hh-search"]')!;
    const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    const times: number[] = [];
    for (const q of qs) {
      const start = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      times.push(performance.now() - start);
    }
    return times;
  }, queries);
}

/** (2b) The walk screen: tap a toggle, time to it showing the new state; then "Hộ sau". */
async function uiTicks(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const times: number[] = [];
    // Gives up after 10 s so one lost update cannot hang the run (the time then says so).
    const waitFor = (test: () => boolean) => new Promise<void>((ok) => {
      const until = performance.now() + 10_000;
      const check = () => (test() || performance.now() > until ? ok() : setTimeout(check, 5));
      check();
    });
    for (let i = 0; i < count; i++) {
      const at = i % document.querySelectorAll('.walk-item').length;
      const item = () => document.querySelectorAll('.walk-item')[at]!;
      const on = item().querySelector('[aria-checked="true"]')?.getAttribute('data-testid');
      const want = on === 'tick-yes' ? 'tick-no' : 'tick-yes';
      const start = performance.now();
      item().querySelector<HTMLButtonElement>(`[data-testid="${want}"]`)!.click();
      // Looked up again each time: the screen may have drawn the toggle anew.
      await waitFor(() => item().querySelector(`[data-testid="${want}"]`)?.getAttribute('aria-checked') === 'true');
      times.push(performance.now() - start);
      if (i % 3 === 2) {
        const before = document.querySelector('[data-testid="walk-household"]')?.getAttribute('data-household-id');
        document.querySelector<HTMLButtonElement>('[data-testid="walk-next"]')!.click();
        await waitFor(() => document.querySelector('[data-testid="walk-household"]')?.getAttribute('data-household-id') !== before);
      }
    }
    return times;
  }, n);
}

async function main(): Promise<void> {
  const site = process.env.BENCH_SITE ?? join(tmpdir(), 'sothidua-bench-households');
  log('building the app and the page bench…');
  buildSite(site);
  const server = await TestServer.start({ siteRoot: site });
  const demo = server.loadDemo();
  // An association the demo gives no register (the Women's Union keeps the demo's 32 households).
  const leader = demo.field.find((f) => f.unit.includes('Nông dân'));
  if (!leader) throw new Error('no Farmers\' Association login in the demo');
  const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
  const sets = await office.ok<{ checklists: ChecklistSet[] }>('GET', '/api/checklists');
  const checklist = sets.checklists.filter((s) => s.code === '5k3s').sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]!;
  const sync = { periods: [] as Array<{ id: string; kind: string; from: string; to: string }> };
  for (let cursor = '', more = true; more;) {
    const pageOf = await office.ok<{ cursor: string; more: boolean; periods: typeof sync.periods }>('GET', `/api/sync?cursor=${encodeURIComponent(cursor)}`);
    sync.periods.push(...pageOf.periods.filter((p) => !('deleted' in p)));
    ({ cursor, more } = pageOf);
  }
  // The period the phone's register opens on (the same rule, model/register.ts).
  const period = defaultPeriod(sync.periods as Period[], new Date().toISOString().slice(0, 10))!;
  await seedRegister(office, leader.unitId, checklist, period.id);

  const browser = await launchBrowser();
  const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
  try {
    const context = await newPhoneContext(browser, server.baseURL);
    // tsx names functions with a helper the page lacks; the page functions below need it.
    await context.addInitScript('window.__name = (f) => f;');
    // The page-side bench in every page of the phone, offline too (it is not in the precache).
    await context.addInitScript({ content: readFileSync(join(site, 'bench-households.js'), 'utf8') });
    const page = await context.newPage();
    const app = new FieldApp(page);
    await app.enroll(leader.code);
    await waitForServiceWorkerControl(page);
    await page.goto('/households');
    await page.getByTestId('hh-count').filter({ hasText: `Hiện ${HOUSEHOLDS} / ${HOUSEHOLDS} hộ` }).waitFor({ timeout: 120_000 });
    // The whole pull done (the checklists come after the last page).
    await eventually(async () => (await app.syncStatus.textContent())?.includes('Đã gửi hết') ?? false, 'the first sync to finish', 120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // Offline for the on-phone figures: no sync competes for the CPU.
    await cdp.send('Network.emulateNetworkConditions', OFFLINE);

    const filters = [
      { query: 'nguyen' }, { query: 'nguyen van' }, { query: 'tran thi h' }, { query: 'd' }, { query: 'dang duc' }, { query: 'ro cham' },
      { verdict: 'meets' }, { verdict: 'fails' }, { verdict: 'unassessed' }, { hamlet: 'Thôn 3' }, { missingItem: checklist.items[0]!.code },
      { hamlet: 'Thôn 5', verdict: 'unassessed', query: 'le' }, { status: 'gone' },
    ];
    log(`(1) search/filter: ${RUNS} runs × ${filters.length * 5} filters over ${HOUSEHOLDS} households…`);
    const modelP95: number[] = [];
    let prepare: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const res = (await page.evaluate(([f]) => (window as unknown as { __hh: { searchBench(f: unknown, n: number): Promise<{ times: number[]; households: number; prepareMs: number }> } }).__hh.searchBench(f, 5), [filters])) as { times: number[]; households: number; prepareMs: number };
      if (res.households !== HOUSEHOLDS) throw new Error(`register holds ${res.households}`);
      modelP95.push(percentile(res.times, 95));
      prepare.push(res.prepareMs);
    }
    const queries = ['n', 'ng', 'ngu', 'nguy', 'nguye', 'nguyen', 'nguyen ', 'nguyen v', 'nguyen va', 'nguyen van', '', 't', 'tr', 'tra', 'tran', 'tran t', 'tran th', 'tran thi', '', 'd', 'da', 'dan', 'dang', ''];
    const uiP95: number[] = [];
    for (let r = 0; r < RUNS; r++) uiP95.push(percentile(await uiSearch(page, queries), 95));

    log(`(2) tick + next: ${RUNS} runs × ${TICKS_PER_RUN} through the data layer, ${UI_TICKS_PER_RUN} on the walk screen…`);
    // On Home, where no screen re-reads the register after each write: this figure is the data
    // layer's own; the walk screen's figure below includes its live re-read.
    await app.gotoHome();
    const tickP95: number[] = [];
    const tickMedians: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const res = (await page.evaluate((n) => (window as unknown as { __hh: { tickBench(n: number): Promise<{ times: number[]; queued: number }> } }).__hh.tickBench(n), TICKS_PER_RUN)) as { times: number[]; queued: number };
      tickP95.push(percentile(res.times, 95));
      tickMedians.push(median(res.times));
    }
    await page.goto('/households/walk');
    await page.getByTestId('walk-household').waitFor({ timeout: 60_000 });
    const uiTickP95: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const times = await uiTicks(page, UI_TICKS_PER_RUN);
      log(`  walk screen taps: ${times.map(ms).join(', ')}`);
      uiTickP95.push(percentile(times, 95));
    }

    log(`(3) first sync of ${HOUSEHOLDS} households with assessments on 3G: ${RUNS} runs…`);
    // The queued ticks of (2) go first, so the sync runs measure a pull alone.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, uploadThroughput: -1, downloadThroughput: -1 });
    await app.gotoHome();
    await app.syncNow();
    await app.waitForWaitingCount(0, 120_000);
    await cdp.send('Network.emulateNetworkConditions', THREE_G);
    await eventually(async () => (await app.syncStatus.textContent())?.includes('Đã gửi hết') ?? false, 'the sync to finish', 120_000);
    const syncs: SyncRun[] = [];
    for (let r = 0; r < RUNS; r++) syncs.push(await firstSync(page, cdp));

    const floors = syncs.map((s) => s.requests * THREE_G.latency + (s.bytesDown / THREE_G.downloadThroughput + s.bytesUp / THREE_G.uploadThroughput) * 1000);
    const s0 = syncs[Math.floor(syncs.length / 2)]!;
    const rows = [
      [`Search / filter ${HOUSEHOLDS.toLocaleString('en')} households (register model), p95`, '≤ 100 ms', ms(median(modelP95)), `p95 of ${filters.length * 5} filters × ${RUNS} runs: ${modelP95.map(ms).join(', ')}; preparing the rows once per data change ${ms(median(prepare))}`],
      ['Search on the list screen (keystroke → next frame), p95', '≤ 100 ms', ms(median(uiP95)), `p95 of ${queries.length} keystrokes × ${RUNS} runs: ${uiP95.map(ms).join(', ')}`],
      ['Tick an item + move to next household (data layer: Dexie write + queue, next-unassessed), p95', '≤ 50 ms', ms(median(tickP95)), `p95 of ${TICKS_PER_RUN} × ${RUNS} runs: ${tickP95.map(ms).join(', ')}; median tick ${ms(median(tickMedians))}`],
      ['Tick on the walk screen (tap → toggle shows it, incl. the live re-read of the register), p95', '—', ms(median(uiTickP95)), `p95 of ${UI_TICKS_PER_RUN} taps × ${RUNS} runs: ${uiTickP95.map(ms).join(', ')}`],
      [`First sync of ${HOUSEHOLDS.toLocaleString('en')} households with assessments on 3G`, '≤ 2 s', `${(median(syncs.map((s) => s.total)) / 1000).toFixed(2)} s`,
        `${RUNS} runs: ${syncs.map((s) => (s.total / 1000).toFixed(2) + ' s').join(', ')}; physical floor ${(median(floors) / 1000).toFixed(2)} s = ${s0.requests} round trips × 300 ms + ${(s0.bytesDown / 1024).toFixed(0)} KB gzip'd down ÷ 1.6 Mbit/s + ${(s0.bytesUp / 1024).toFixed(1)} KB up ÷ 400 kbit/s`],
    ];
    console.log('\n| figure | aim | median | runs |\n| --- | --- | ---: | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    const loadAfter = loadavg().map((x) => x.toFixed(1)).join(' / ');
    log(`load average before ${load}, after ${loadAfter}`);
    if (RUNS >= 5) writeDocs(rows, `${load} before the run, ${loadAfter} after`, browser.version(), checklist, period.id);
    else log(`only ${RUNS} run(s): docs/benchmarks.md left as it was`);
    await context.close();
  } finally {
    await browser.close();
    await server.dispose();
  }
}

function writeDocs(rows: string[][], load: string, chromium: string, checklist: ChecklistSet, periodId: string): void {
  const path = join(ROOT, 'docs/benchmarks.md');
  const doc = readFileSync(path, 'utf8');
  const heading = '## Household registers (issue 10)';
  const start = doc.indexOf(heading);
  const next = start < 0 ? -1 : doc.indexOf('\n## ', start + heading.length);
  const old = start < 0 ? '' : doc.slice(start, next < 0 ? undefined : next + 1);
  // The hand-written analysis ("What the figures say…") is kept across runs; the rest is regenerated.
  const analysisAt = old.indexOf('\nWhat the figures say');
  const analysis = analysisAt < 0 ? '' : old.slice(analysisAt + 1).trimEnd() + '\n';
  const section = [
    heading,
    '',
    `Command: \`npm run bench:households\` (test/bench/households-bench.ts). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium ${chromium} (Debian, headless); load average (1 / 5 / 15 min) ${load} (the machine is shared with other engineers' runs).`,
    '',
    `The built app served by \`npm start\`'s server (SQLite, demo data), the demo's Farmers' Association (Hội Nông dân, which keeps no demo register) with ${HOUSEHOLDS.toLocaleString('en')} households entered by the office, six in seven assessed on every item of "${checklist.name}" (${checklist.version}, ${checklist.items.length} items) for period \`${periodId}\`; a 360 × 740 phone context, DevTools CPU throttling ${CPU_SLOWDOWN}× for every figure. The data-layer figures run the app's own modules (src/client/data/household-changes.ts, register-data.ts, model/register.ts, bundled by esbuild and loaded from the app's origin) on the app's IndexedDB; the screen figures time the built screens in the page's clock.`,
    '',
    '- Search / filter: the register as the list screen holds it (rows prepared once per data change: sorted with `Intl.Collator(\'vi\')`, names folded), then `filterRows` for name searches without diacritics, verdict, hamlet, missing item and moved-away filters; the list renders the first 50 rows. The screen figure types into the search box (an `input` event) and waits for the next frame.',
    '- Tick + next: `tickItem` (one Dexie transaction, durability strict: household revision and assessment updated, the change queued) and `nextUnassessed`, offline, with Home on screen (no live query of the register competing). The screen figure taps a toggle on the walk screen and waits for it to show the new state: the walk shows a tap once its transaction has committed, while the live re-read of the register (2,000 households) runs behind it.',
    '- First sync: from Home, synced tables emptied and the cursor cleared (what a new phone holds), the page on 300 ms latency / 400 kbit/s up / 1.6 Mbit/s down; from a press of "Đồng bộ ngay" to `lastSyncAt` being stored (every page applied, the checklists fetched). Round trips and bytes counted from the DevTools protocol (encoded, i.e. gzip\'d, response bytes).',
    '',
    '| figure | aim | median | runs |',
    '| --- | --- | ---: | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    analysis,
  ].join('\n');
  const out = start < 0 ? `${doc.trimEnd()}\n\n${section}` : doc.slice(0, start) + section + (next < 0 ? '' : doc.slice(next + 1));
  writeFileSync(path, out);
  log('figures written to docs/benchmarks.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
