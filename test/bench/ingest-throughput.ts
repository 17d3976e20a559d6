/**
 * Report ingest throughput through real HTTP on SQLite (or PostgreSQL with DATABASE_URL):
 * batches of 100 reports with 20 values each, a few requests in flight like several phones.
 * Run: npx tsx test/bench/ingest-throughput.ts [totalReports] [concurrency]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openPostgres, openSqlite } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createApp } from '../../src/server/app';
import { inTransaction } from '../../src/server/db/handle';
import { assignmentToRow, targetToRow } from '../../src/server/db/queries/records';
import { uuidv7 } from '../../src/shared/ids';
import { TEST_CONFIG } from '../integration/support/databases';
import { seedCommune } from '../integration/support/fixtures';
import type { ReportSubmission } from '../../src/shared/schemas/reports';

async function runSql(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(text);
  await client.end();
}

const total = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 4);
const dir = mkdtempSync(join(tmpdir(), 'sothidua-bench-'));
const url = process.env.DATABASE_URL;
// On PostgreSQL: a private schema, dropped afterwards.
const schema = `t_bench_${Date.now().toString(36)}`;
if (url) await runSql(url, `create schema ${schema}`);
const db = url ? openPostgres({ connectionString: url, options: `-c search_path=${schema}` }) : openSqlite(join(dir, 'bench.sqlite'));
if (process.env.BENCH_SYNC && !url) await (await import('kysely')).sql.raw(`pragma synchronous = ${process.env.BENCH_SYNC}`).execute(db.kysely);
await migrateToLatest(db);
const c = await seedCommune(db, { villages: 1 });
const unitId = c.villages[0]!.id;
const extra = Array.from({ length: 15 }, (_, i) => ({
  ...c.targets.quantity, id: uuidv7(), position: 100 + i, label: `Chỉ tiêu thêm ${i}`, source: null,
}));
await inTransaction(db, async (tx) => {
  await tx.kysely.insertInto('targets').values(extra.map((t) => targetToRow(t, c.communeId))).execute();
  await tx.kysely.insertInto('assignments').values(extra.map((t) => assignmentToRow({ id: uuidv7(), planId: c.plan.id, targetId: t.id, unitId, share: null }, c.communeId))).execute();
});
const targetIds = [c.targets.quantity.id, c.targets.xOfY.id, c.targets.rank.id, c.targets.child.id, ...extra.map((t) => t.id)];

const app = createApp({ db, clock: () => new Date(), config: TEST_CONFIG });
const server = serve({ fetch: app.fetch, port: 0 });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function batch(): ReportSubmission[] {
  return Array.from({ length: 100 }, () => ({
    id: uuidv7(), unitId, planId: c.plan.id, periodId: c.periods[0]!.id,
    values: [
      ...targetIds.slice(0, 19).map((targetId, i) => ({ targetId, value: i })),
      { targetId: c.targets.rate.id, numerator: 9, denominator: 10 },
    ],
    note: 'Ghi chú', createdAt: new Date().toISOString(), supersedes: null,
  }));
}
const batches = Array.from({ length: Math.ceil(total / 100) }, batch);
const bodies = batches.map((reports) => JSON.stringify({ reports }));

// The phones are other machines: the load runs in a worker thread, off the server's thread.
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { base, token, bodies, concurrency } = workerData;
  let next = 0, accepted = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(base + '/api/reports', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token } });
      const json = await res.json();
      accepted += json.results.filter((r) => r.status === 'accepted').length;
    }
  }));
  parentPort.postMessage(accepted);
})();
`;
const started = performance.now();
const accepted = await new Promise<number>((resolve, reject) => {
  const worker = new Worker(LOAD, { eval: true, workerData: { base, token: c.villageUsers[0]!.token, bodies, concurrency } });
  worker.once('message', resolve);
  worker.once('error', reject);
});
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ db: db.dialect.name, reports: accepted, seconds: +seconds.toFixed(2), perSecond: Math.round(accepted / seconds), concurrency }));
server.close();
await db.close();
if (url) await runSql(url, `drop schema ${schema} cascade`);
rmSync(dir, { recursive: true, force: true });
