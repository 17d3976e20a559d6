/**
 * `npm run bench:dashboard`: the progress API, the review queue and the XLSX export at the
 * size of a province's worth of communes, on SQLite and PostgreSQL in one run.
 *
 * Seeds, with multi-row inserts, 200 communes × 28 units (20 villages, 8 associations) × 100
 * targets (80 for every village, 20 for every association) × 4 quarterly periods of approved
 * reports in ONE database (22,400 reports, 352,000 assignments), plus 10,000 reports waiting for
 * review in one commune. Then, server time through app.request (no socket):
 * - one commune's progress for a plan and period (a random commune and quarter each time): aim p95 ≤ 50 ms;
 * - the review queue's first page (GET /api/reports?state=submitted) with 10,000 waiting: aim ≤ 200 ms;
 * - the XLSX export of one commune: aim ≤ 1 s;
 * - without an aim: a district-size plan of 2,000 units × 100 targets (progress and XLSX).
 * Prints medians, p95 and response sizes; writes "## Progress and exports (issue 9)" in
 * docs/benchmarks.md when both engines ran. Env: TEST_DATABASE_URL, ENGINES, RUNS (default 60).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, openSqlite, type Database } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createApp } from '../../src/server/app';
import { hashSecret, newToken } from '../../src/server/auth/tokens';
import { periodToRow, planToRow, targetToRow, unitToRow } from '../../src/server/db/queries/records';
import { uuidv7 } from '../../src/shared/ids';
import { planPeriods } from '../../src/shared/periods';
import type { Plan, Period } from '../../src/shared/schemas/plans';
import type { Target } from '../../src/shared/schemas/targets';
import type { Unit } from '../../src/shared/schemas/units';
import { TEST_CONFIG } from '../integration/support/databases';
import { writeBenchSection } from './support/doc-section';

const COMMUNES = Number(process.env.COMMUNES ?? 200);
const VILLAGES = 20;
const ASSOCIATIONS = 8;
const TARGETS = 100;
const VILLAGE_TARGETS = 80;
const WAITING = 10_000;
const DISTRICT_UNITS = 2_000;
const RUNS = Number(process.env.RUNS ?? 60);
/** `DISTRICT=0` leaves out the 2,000-unit plan (quick checks; the docs section is then not written). */
const DISTRICT = process.env.DISTRICT !== '0';
const ENGINES = (process.env.ENGINES ?? 'sqlite,postgres').split(',');
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = '2025-01-15T02:00:00.000Z';
const LOAD_BEFORE = loadavg().map((x) => x.toFixed(1)).join(' / ');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const median = (xs: number[]) => quantile(xs, 0.5);

interface SeededCommune { communeId: string; plan: Plan; periods: Period[]; token: string; units: Unit[] }

/** Inserts rows in chunks small enough for both engines' parameter limits. */
async function insertMany(db: Database, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    await db.kysely.insertInto(table as 'units').values(rows.slice(i, i + per) as never).execute();
  }
}

/** One commune (or a district-size "commune" of many units) with its plan, targets, assignments and office user. */
function communeRows(villages: number, associations: number, name: string) {
  const communeId = uuidv7();
  const commune: Unit = { id: communeId, parentId: null, kind: 'commune', name, communeId, successorId: null, replacedOn: null };
  const mk = (kind: Unit['kind'], n: string): Unit => ({ id: uuidv7(), parentId: communeId, kind, name: n, communeId, successorId: null, replacedOn: null });
  const vs = Array.from({ length: villages }, (_, i) => mk('village', `Thôn ${i + 1}`));
  const as = Array.from({ length: associations }, (_, i) => mk('association', `Hội ${i + 1}`));
  const office = mk('office', 'Văn phòng');
  const plan: Plan = {
    id: uuidv7(), issuerUnitId: communeId, number: '43/KH-UBND', issuedOn: '2025-03-07', year: 2025, issuer: `UBND ${name.toUpperCase()}`,
    title: 'Kế hoạch phát động phong trào thi đua năm 2025', theme: '', rounds: [], reporting: ['quarter'], status: 'active',
  };
  const periods = planPeriods(plan);
  const areas: Target['area'][] = ['economy', 'society', 'defense'];
  const targets: Target[] = Array.from({ length: TARGETS }, (_, i) => ({
    id: uuidv7(), planId: plan.id, parentId: null, position: i, area: areas[i % 3]!, label: `Chỉ tiêu thi đua số ${i + 1} của kế hoạch năm 2025`,
    unit: i % 10 === 0 ? '%' : 'hộ', comparator: 'atLeast', value: 100 + i, valueMax: null, outOf: null,
    measure: i % 10 === 0 ? 'rate' : 'quantity', aggregation: i % 10 === 0 ? 'weightedRate' : 'sum', assigneeUnitId: null, source: null,
  }));
  const carries = (u: Unit) => (u.kind === 'village' ? targets.slice(0, VILLAGE_TARGETS) : targets.slice(VILLAGE_TARGETS));
  const assignments = [...vs, ...as].flatMap((u) => carries(u).map((t) => ({
    id: uuidv7(), plan_id: plan.id, commune_id: communeId, target_id: t.id, unit_id: u.id, share: t.measure === 'rate' ? null : 5,
  })));
  const token = newToken();
  const userId = uuidv7();
  const user = { id: userId, username: `vp-${userId}`, name: 'Văn phòng', role: 'office', unit_id: office.id, commune_id: communeId, password_hash: null, active: 1, created_at: NOW, updated_at: NOW };
  const auth = { token_hash: hashSecret(token), user_id: userId, device_id: null, kind: 'session', created_at: NOW, expires_at: null, revoked_at: null };
  const reportFor = (u: Unit, period: Period, state: string, n: number) => ({
    id: uuidv7(), unit_id: u.id, commune_id: communeId, plan_id: plan.id, period_id: period.id,
    values_json: JSON.stringify(carries(u).map((t, i) => (t.measure === 'rate' ? { targetId: t.id, numerator: 80 + (i % 20), denominator: 100 } : { targetId: t.id, value: (n + i) % 13 }))),
    note: null, created_at: NOW, supersedes: null, submitted_by: userId, device_id: null, received_at: NOW, state, correction_of: null, content_hash: `h${n}`,
  });
  const reports = periods.flatMap((p, pi) => [...vs, ...as].map((u, ui) => reportFor(u, p, 'approved', pi * 100 + ui)));
  return {
    seeded: { communeId, plan, periods, token, units: [...vs, ...as] } as SeededCommune,
    units: [commune, ...vs, ...as, office].map((u) => unitToRow(u, NOW)),
    plan: planToRow(plan, communeId, NOW), periods: periods.map((p) => periodToRow(p, communeId)),
    targets: targets.map((t) => targetToRow(t, communeId)), assignments, user, auth, reports, reportFor,
  };
}

type Rows = ReturnType<typeof communeRows>;

async function insertCommunes(db: Database, all: Rows[]): Promise<void> {
  await insertMany(db, 'units', all.flatMap((r) => r.units));
  await insertMany(db, 'plans', all.map((r) => r.plan));
  await insertMany(db, 'periods', all.flatMap((r) => r.periods));
  await insertMany(db, 'targets', all.flatMap((r) => r.targets));
  await insertMany(db, 'users', all.map((r) => r.user));
  await insertMany(db, 'auth_tokens', all.map((r) => r.auth));
  for (let i = 0; i < all.length; i += 20) {
    const part = all.slice(i, i + 20);
    await insertMany(db, 'assignments', part.flatMap((r) => r.assignments));
    await insertMany(db, 'reports', part.flatMap((r) => r.reports));
  }
}

/** Wall time per request, and this process's CPU time for it (less sensitive to a busy machine). */
interface Timing { ms: number[]; cpuMs: number[]; bytes: number }
interface Figures {
  engine: string; seedMs: number; reports: number;
  progress: Timing; queue: Timing; xlsx: Timing; districtProgress: Timing; districtXlsx: Timing;
}

async function bench(engine: string, db: Database): Promise<Figures> {
  await migrateToLatest(db);
  const app = createApp({ db, clock: () => new Date(), config: TEST_CONFIG });
  const seedStarted = performance.now();
  const all = Array.from({ length: COMMUNES }, (_, i) => communeRows(VILLAGES, ASSOCIATIONS, `Xã Thử ${i + 1}`));
  await insertCommunes(db, all);
  // The review queue: 10,000 corrections waiting in one commune (its units, its four quarters).
  const queue = all[1]!;
  const waiting = Array.from({ length: WAITING }, (_, i) => {
    const u = queue.seeded.units[i % queue.seeded.units.length]!;
    return { ...queue.reportFor(u, queue.seeded.periods[i % 4]!, 'submitted', i), received_at: new Date(Date.parse(NOW) + i * 1000).toISOString() };
  });
  await insertMany(db, 'reports', waiting);
  const district = communeRows(DISTRICT ? DISTRICT_UNITS * 0.8 : 1, DISTRICT ? DISTRICT_UNITS * 0.2 : 0, 'Huyện Thử');
  district.reports = district.reports.filter((r) => r.period_id === district.seeded.periods[0]!.id);
  await insertCommunes(db, [district]);
  const seedMs = performance.now() - seedStarted;
  const reports = all.reduce((n, r) => n + r.reports.length, 0) + WAITING + district.reports.length;
  console.log(`${engine}: seeded ${reports} reports in ${(seedMs / 1000).toFixed(1)} s`);

  const time = async (runs: number, path: () => { url: string; token: string }, check: (res: Response) => void): Promise<Timing> => {
    const ms: number[] = [];
    const cpuMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 3; i++) {
      const { url, token } = path();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.arrayBuffer();
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(cpu);
      check(res);
      if (res.status !== 200) throw new Error(`${engine}: ${url} → ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`);
      bytes = body.byteLength;
      if (i >= 3) { // three warm-ups
        ms.push(elapsed);
        cpuMs.push((used.user + used.system) / 1000);
      }
    }
    return { ms, cpuMs, bytes };
  };
  const ok = () => {};
  const pick = () => all[Math.floor(Math.random() * all.length)]!.seeded;
  const progress = await time(RUNS, () => {
    const c = pick();
    return { url: `/api/plans/${c.plan.id}/progress?periodId=${c.periods[Math.floor(Math.random() * 4)]!.id}`, token: c.token };
  }, ok);
  const queueTiming = await time(RUNS, () => ({ url: '/api/reports?state=submitted', token: queue.seeded.token }), ok);
  const xlsx = await time(Math.ceil(RUNS / 4), () => {
    const c = pick();
    return { url: `/api/plans/${c.plan.id}/export?periodId=${c.periods[3]!.id}&format=xlsx`, token: c.token };
  }, ok);
  const d = district.seeded;
  const none: Timing = { ms: [0], cpuMs: [0], bytes: 0 };
  const districtProgress = DISTRICT ? await time(5, () => ({ url: `/api/plans/${d.plan.id}/progress?periodId=${d.periods[0]!.id}`, token: d.token }), ok) : none;
  const districtXlsx = DISTRICT ? await time(2, () => ({ url: `/api/plans/${d.plan.id}/export?periodId=${d.periods[0]!.id}&format=xlsx`, token: d.token }), ok) : none;
  return { engine, seedMs, reports, progress, queue: queueTiming, xlsx, districtProgress, districtXlsx };
}

async function main() {
  const results: Figures[] = [];
  if (ENGINES.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'sothidua-dash-'));
    const sqlite = openSqlite(join(dir, 'bench.sqlite'));
    try {
      results.push(await bench('sqlite', sqlite));
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (ENGINES.includes('postgres')) {
    const schema = `dash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const pgDb = openPostgres({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    try {
      results.push(await bench('postgres', pgDb));
    } finally {
      await pgDb.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
  report(results, ENGINES.length === 2 && COMMUNES === 200 && DISTRICT);
}

// The analysis ("Where the time goes") is prose in docs/benchmarks.md, below the generated block.

function report(results: Figures[], write: boolean) {
  const fmt = (n: number, digits = 1) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n);
  const kb = (b: number) => `${fmt(b / 1024)} KB`;
  const line = (what: string, aim: number | null, pick: (f: Figures) => Timing) => `| ${what} | ${results.map((r) => {
    const t = pick(r);
    const p95 = quantile(t.ms, 0.95);
    return `${fmt(median(t.ms))} / ${fmt(p95)}${aim ? ` (${fmt(p95 / aim, 2)}× aim)` : ''}; CPU ${fmt(median(t.cpuMs))}`;
  }).join(' | ')} | ${aim ? `≤ ${fmt(aim)} ms` : '—'} | ${results.map((r) => kb(pick(r).bytes)).join(' / ')} |`;
  const table = [
    `| server time, ms: median / p95 (ratio to aim); CPU median | ${results.map((r) => r.engine).join(' | ')} | aim (p95) | response size (${results.map((r) => r.engine).join(' / ')}) |`,
    `| --- | ${results.map(() => '---:').join(' | ')} | ---: | ---: |`,
    line('one commune\'s progress (plan, period; 28 units × 100 targets)', 50, (f) => f.progress),
    line('review queue, first page (10,000 waiting)', 200, (f) => f.queue),
    line('XLSX export of one commune', 1000, (f) => f.xlsx),
    line('district plan, 2,000 units: progress', null, (f) => f.districtProgress),
    line('district plan, 2,000 units: XLSX', null, (f) => f.districtXlsx),
    `| seeding (${fmt(results[0]?.reports ?? 0, 0)} reports), s | ${results.map((r) => fmt(r.seedMs / 1000)).join(' | ')} | < 120 s | |`,
  ].join('\n');
  console.log(table);
  if (!write) return;
  const section = [
    `Command: \`npm run bench:dashboard\` (test/bench/dashboard-bench.ts). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average before the run ${LOAD_BEFORE} (the machine is shared; busy cores slow every figure).`,
    '',
    `- One database per engine holding ${COMMUNES} communes × 28 units (20 villages, 8 associations) × 100 targets (80 carried by every village, 20 by every association; every tenth a rate) × 4 quarterly periods of approved reports, 10,000 more reports waiting for review in one commune, and a district-size plan of 2,000 units with one quarter reported; seeded with multi-row inserts.`,
    `- Server time through app.request (no socket), ${RUNS} requests after 3 warm-ups (XLSX ${Math.ceil(RUNS / 4)}, district progress 5, district XLSX 2); each progress request asks for a random commune and quarter. No cache anywhere: every answer reads the database.`,
    '',
    table,
  ].join('\n');
  writeBenchSection('dashboard', '## Progress and exports (issue 9)', section);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
