/**
 * Where a small push's CPU goes: one report (2 values) per POST at concurrency 8 against a
 * real listening server on SQLite (synchronous=FULL), the load in a child process. Prints the
 * server process's CPU per request (process.cpuUsage: the load's CPU is another process's,
 * and other work on the machine barely moves it), its main thread's busy time (event-loop
 * utilisation × wall time, which includes waiting for the disk's flush), and the
 * same for GET /api/sync from a cursor (a phone's sync with nothing, or one report, new).
 * Run with `node --cpu-prof --import tsx test/bench/profile-push.ts` to see the profile.
 * Env: REQUESTS (default 3000), MAX_GROUP (1 = one transaction per request).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openSqlite } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createApp } from '../../src/server/app';
import { uuidv7 } from '../../src/shared/ids';
import { TEST_CONFIG } from '../integration/support/databases';
import { seedCommune } from '../integration/support/fixtures';
import { quantile, runLoadInChild as runLoad } from './support/load';
import SQLite from 'better-sqlite3';

/** SQL_TIMES=1: time every statement by its text (wraps better-sqlite3's prepare). */
const sqlTimes = new Map<string, { n: number; ms: number }>();
if (process.env.SQL_TIMES) {
  const proto = SQLite.prototype as unknown as { prepare(source: string): SQLite.Statement };
  const original = proto.prepare;
  proto.prepare = function (this: SQLite.Database, source: string) {
    const st = original.call(this, source);
    for (const m of ['all', 'run', 'get'] as const) {
      const f = (st as any)[m].bind(st);
      (st as any)[m] = (...args: unknown[]) => {
        const t = performance.now();
        try { return f(...args); } finally {
          const e = sqlTimes.get(source) ?? { n: 0, ms: 0 };
          e.n++; e.ms += performance.now() - t; sqlTimes.set(source, e);
        }
      };
    }
    return st;
  };
}

const REQUESTS = Number(process.env.REQUESTS ?? 3000);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sothidua-profile-'));
  const db = openSqlite(join(dir, 'p.sqlite'), process.env.MAX_GROUP ? { maxGroup: Number(process.env.MAX_GROUP) } : {});
  await migrateToLatest(db);
  const c = await seedCommune(db, { villages: 1 });
  const unitId = c.villages[0]!.id;
  const body = () => JSON.stringify({ reports: [{
    id: uuidv7(), unitId, planId: c.plan.id, periodId: c.periods[0]!.id,
    values: [{ targetId: c.targets.quantity.id, value: 12 }, { targetId: c.targets.rate.id, numerator: 9, denominator: 10 }],
    note: 'Ghi chú', createdAt: new Date().toISOString(), supersedes: null,
  }] });
  const app = createApp({ db, clock: () => new Date(), config: TEST_CONFIG });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/reports`;
  const token = c.villageUsers[0]!.token;
  try {
    await runLoad([url], token, Array.from({ length: 300 }, body), 8); // warm-up
    for (let round = 0; round < 2; round++) {
      const bodies = Array.from({ length: REQUESTS }, body);
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const s0 = { ...db.writes.stats };
      const r = await runLoad([url], token, bodies, 8);
      const elu = performance.eventLoopUtilization(elu0);
      const cpu = process.cpuUsage(cpu0);
      if (r.failed) throw new Error(`${r.failed} failed`);
      const perCommit = (db.writes.stats.jobs - s0.jobs) / (db.writes.stats.groups - s0.groups);
      if (process.env.SQL_TIMES) {
        for (const [src, e] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`  ${(e.ms / REQUESTS).toFixed(3)} ms/req  ${(e.n / REQUESTS).toFixed(2)}×  ${src.slice(0, 200)}`);
        sqlTimes.clear();
      }
      console.log(`push: ${(REQUESTS / r.ms * 1000).toFixed(0)} req/s, server CPU ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(2)} ms/request (user ${(cpu.user / 1000 / REQUESTS).toFixed(2)}), main thread busy ${(elu.active / REQUESTS).toFixed(2)} ms/request (ELU ${(elu.utilization * 100).toFixed(0)} %), p50 ${quantile(r.latencies, 0.5).toFixed(1)} p95 ${quantile(r.latencies, 0.95).toFixed(1)} ms, ${perCommit.toFixed(1)} per commit`);
    }
    // Sync from a cursor: first sync to the end, then N syncs with nothing new.
    let cursor = '';
    for (;;) {
      const res = await app.request(`/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
      const j = await res.json() as { more: boolean; cursor: string };
      cursor = j.cursor;
      if (!j.more) break;
    }
    const n = 1000;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await app.request(`/api/sync?cursor=${encodeURIComponent(cursor)}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`sync ${res.status}`);
      await res.arrayBuffer();
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(`sync from a cursor (nothing new), app.request: ${((performance.now() - t0) / n).toFixed(2)} ms wall, ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms CPU per request`);
  } finally {
    await new Promise((r) => server.close(r));
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
