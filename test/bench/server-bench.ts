/**
 * `npm run bench:server`: the server's two figures that matter in the field, on SQLite and
 * PostgreSQL in one run, through a real listening server (@hono/node-server on 127.0.0.1).
 *
 * 1. Report ingest: batches of 100 reports with 20 values each, POSTed with fetch from a
 *    worker thread (the phones are other machines, so the load must not share the server's
 *    thread), 4 requests in flight; reports/s per round, median of the rounds after a warm-up.
 * 2. A village's full first sync (commune with 20 villages and 20 field users, a plan of 200
 *    targets each assigned to every village, 4 quarterly periods): GET /api/sync from the
 *    start until `more` is false; server time per sync (app.request, no socket), median.
 *
 * 3. One report per request at concurrency 8 (small-pushes.ts): the one-transaction-per-request
 *    path against group commit, on both engines, with the disk's flush time; and on
 *    PostgreSQL one app server process against two on one database.
 *
 * Writes the figures under "## Server (issue 3)" and "## Small pushes (issue 11)" in
 * docs/benchmarks.md, only between those sections' bench markers (support/doc-section.ts).
 * Env: TEST_DATABASE_URL (PostgreSQL; default postgres://postgres@127.0.0.1:5432/test),
 * ROUNDS (ingest rounds, default 7), BATCHES (per round, default 20), SYNCS (default 30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { openPostgres, openSqlite, type Database } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createApp } from '../../src/server/app';
import { inTransaction } from '../../src/server/db/handle';
import { assignmentToRow, targetToRow } from '../../src/server/db/queries/records';
import { uuidv7 } from '../../src/shared/ids';
import type { Target, Assignment } from '../../src/shared/schemas/targets';
import { TEST_CONFIG } from '../integration/support/databases';
import { seedCommune } from '../integration/support/fixtures';
import { writeBenchSection } from './support/doc-section';
import { SMALL_CONCURRENCY, SMALL_SETTINGS, benchSmallPushesPostgres, benchSmallPushesSqlite, smallPushesTable, type SmallFigures } from './small-pushes';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BATCHES = Number(process.env.BATCHES ?? 20);
const SYNCS = Number(process.env.SYNCS ?? 30);
const CONCURRENCY = 4;
/** `ENGINES=sqlite` to profile one engine (the docs section is then not written). */
const ENGINES = (process.env.ENGINES ?? 'sqlite,postgres').split(',');
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const LOAD_BEFORE = loadavg().map((x) => x.toFixed(1)).join(' / ');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Adds `n` quantity targets to the commune's plan, each assigned to every given unit. */
async function addTargets(db: Database, c: Awaited<ReturnType<typeof seedCommune>>, n: number, unitIds: string[]): Promise<Target[]> {
  const targets: Target[] = Array.from({ length: n }, (_, i) => ({
    ...c.targets.quantity, id: uuidv7(), position: 100 + i, label: `Chỉ tiêu ${i + 1}`, source: { line: i + 1, text: `dòng ${i + 1}` },
  }));
  const assignments: Assignment[] = targets.flatMap((t) => unitIds.map((unitId) => ({ id: uuidv7(), planId: c.plan.id, targetId: t.id, unitId, share: 10 })));
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < targets.length; i += 100) await tx.kysely.insertInto('targets').values(targets.slice(i, i + 100).map((t) => targetToRow(t, c.communeId))).execute();
    for (let i = 0; i < assignments.length; i += 500) await tx.kysely.insertInto('assignments').values(assignments.slice(i, i + 500).map((a) => assignmentToRow(a, c.communeId))).execute();
  });
  return targets;
}

// The load generator: runs in a worker, posts pre-serialised bodies, `concurrency` in flight.
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, token, bodies, concurrency } = workerData;
  let next = 0, accepted = 0, failed = 0;
  const started = performance.now();
  async function lane() {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body });
      const json = await res.json();
      if (res.status !== 200) { failed += 100; continue; }
      for (const r of json.results) r.status === 'accepted' ? accepted++ : failed++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  parentPort.postMessage({ ms: performance.now() - started, accepted, failed });
})();
`;

function runLoad(url: string, token: string, bodies: string[]): Promise<{ ms: number; accepted: number; failed: number }> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData: { url, token, bodies, concurrency: CONCURRENCY } });
    worker.once('message', (m) => { resolvePromise(m); void worker.terminate(); });
    worker.once('error', reject);
  });
}

interface Figures { engine: string; ingest: number[]; syncMs: number[]; syncRecords: number; syncPages: number }

async function bench(engine: 'sqlite' | 'postgres', db: Database): Promise<Figures> {
  await migrateToLatest(db);
  const app = createApp({ db, clock: () => new Date(), config: TEST_CONFIG });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // --- ingest ---------------------------------------------------------------------------
    const c = await seedCommune(db, { villages: 1 });
    const unitId = c.villages[0]!.id;
    const extra = await addTargets(db, c, 19, [unitId]);
    const batch = () => JSON.stringify({ reports: Array.from({ length: 100 }, () => ({
      id: uuidv7(), unitId, planId: c.plan.id, periodId: c.periods[0]!.id,
      values: [...extra.map((t, i) => ({ targetId: t.id, value: i + 0.5 })), { targetId: c.targets.rate.id, numerator: 9, denominator: 10 }],
      note: 'Ghi chú', createdAt: new Date().toISOString(), supersedes: null,
    })) });
    const ingest: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const bodies = Array.from({ length: BATCHES }, batch);
      const r = await runLoad(`${base}/api/reports`, c.villageUsers[0]!.token, bodies);
      if (r.failed > 0 || r.accepted !== BATCHES * 100) throw new Error(`${engine}: ${r.failed} reports not accepted`);
      if (round > 0) ingest.push((r.accepted / r.ms) * 1000); // round 0 warms up
    }

    // --- first sync of a village -------------------------------------------------------------
    const s = await seedCommune(db, { villages: 20 });
    await addTargets(db, s, 200 - Object.keys(s.targets).length, s.villages.map((v) => v.id));
    await db.kysely.updateTable('plans').set({ reporting_json: '["quarter"]' }).where('id', '=', s.plan.id).execute();
    const village = s.villageUsers[3]!;
    const syncOnce = async () => {
      let cursor = '';
      let records = 0;
      let pages = 0;
      const started = performance.now();
      for (;;) {
        const res = await app.request(`/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${village.token}` } });
        const body = await res.json();
        if (res.status !== 200) throw new Error(`${engine}: sync ${res.status} ${JSON.stringify(body)}`);
        pages++;
        for (const k of ['units', 'plans', 'periods', 'targets', 'assignments', 'reports', 'reviews', 'households']) records += body[k].length;
        if (!body.more) break;
        cursor = body.cursor;
      }
      return { ms: performance.now() - started, records, pages };
    };
    for (let i = 0; i < 3; i++) await syncOnce(); // warm-up
    const syncMs: number[] = [];
    let last = { records: 0, pages: 0 };
    for (let i = 0; i < SYNCS; i++) {
      const r = await syncOnce();
      syncMs.push(r.ms);
      last = r;
    }
    return { engine, ingest, syncMs, syncRecords: last.records, syncPages: last.pages };
  } finally {
    await new Promise((r) => server.close(r));
  }
}

async function main() {
  const results: Figures[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'sothidua-bench-'));
  const sqlite = openSqlite(join(dir, 'bench.sqlite'));
  try {
    if (ENGINES.includes('sqlite')) results.push(await bench('sqlite', sqlite));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (ENGINES.includes('postgres')) await benchPostgres(results);
  report(results, ENGINES.length === 2);

  const small: SmallFigures[] = [];
  let flush = { median: NaN, p95: NaN };
  if (ENGINES.includes('sqlite')) {
    const s = await benchSmallPushesSqlite();
    small.push(...s.rows);
    flush = s.flush;
  }
  if (ENGINES.includes('postgres')) small.push(...(await benchSmallPushesPostgres()));
  reportSmall(small, flush, ENGINES.length === 2);
}

function reportSmall(rows: SmallFigures[], flush: { median: number; p95: number }, write: boolean) {
  const table = smallPushesTable(rows);
  const flushLine = `Disk flush measured in this run (4 KB write + fsync beside the SQLite file, 200 times, before and after the load): median ${flush.median.toFixed(2)} ms, p95 ${flush.p95.toFixed(2)} ms.`;
  console.log(`\n${table}\n\n${flushLine}`);
  if (!write) return;
  const section = [
    `Command: \`npm run bench:server\` (test/bench/small-pushes.ts, run after the table above). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average before the whole run ${LOAD_BEFORE}, after ${loadavg().map((x) => x.toFixed(1)).join(' / ')}.`,
    '',
    `- One report (2 values) per POST, ${SMALL_CONCURRENCY} requests in flight from a worker thread, ${SMALL_SETTINGS.REQUESTS} requests per round; a warm-up round, then ${SMALL_SETTINGS.ROUNDS} rounds of every row in turn (interleaved, so the machine's load falls on all rows alike); medians of the rounds. p50/p95 are per request, in the load's clock.`,
    '- "one transaction per request (before)" is the same server with `maxGroup: 1`: no grouping, exactly the path before group commit. SQLite in WAL with synchronous=FULL.',
    '- In-process rows: the load runs in a child process instead, so `process.cpuUsage()` of the bench process is the app server\'s CPU alone ("app server CPU ms/request"; on PostgreSQL without the database server\'s own CPU). Other work on the machine moves it far less than the wall-clock figures.',
    '- PostgreSQL "app server process" rows: real `npm start` processes (src/server/cli/start.ts) on one database, the load round-robin over them.',
    `- ${flushLine}`,
    '- Aim (issue 11): group commit ≥ 4× the one-transaction path and ≥ 1,500 requests/s with p95 ≤ 20 ms on SQLite.',
    '',
    table,
    '',
  ].join('\n');
  writeBenchSection('small-pushes', '## Small pushes (issue 11)', section);
}

async function benchPostgres(results: Figures[]) {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
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

function report(results: Figures[], write: boolean) {
  const fmt = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
  const rows = results.map((r) =>
    `| ${r.engine} | ${fmt(median(r.ingest))} | ${fmt(Math.min(...r.ingest))}–${fmt(Math.max(...r.ingest))} | ${fmt(median(r.syncMs))} | ${fmt(Math.min(...r.syncMs))}–${fmt(Math.max(...r.syncMs))} | ${r.syncRecords} in ${r.syncPages} page(s) |`);
  const table = [
    '| database | ingest, reports/s (median) | ingest range | first sync, ms (median) | sync range | first sync size |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
  console.log(table);
  if (!write) return;

  const section = [
    `Command: \`npm run bench:server\` (test/bench/server-bench.ts). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average before the run ${LOAD_BEFORE} (other work on the machine slows both figures).`,
    '',
    `- Ingest: a real listening server (@hono/node-server, 127.0.0.1), fetch from a worker thread, ${CONCURRENCY} requests in flight, batches of 100 reports × 20 values, ${BATCHES} batches per round; median of ${ROUNDS} rounds after a warm-up round. SQLite in WAL with synchronous=FULL (every acknowledged batch is on disk).`,
    `- First sync: a village of a commune with 20 villages, 20 field users, 200 targets each assigned to every village, 4 quarterly periods; GET /api/sync from the start until \`more\` is false, server time (app.request, no socket); median of ${SYNCS} after 3 warm-ups.`,
    '- Aim: ≥ 5,000 reports/s on SQLite; first sync < 30 ms.',
    '',
    table,
  ].join('\n');
  writeBenchSection('server', '## Server (issue 3)', section);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
