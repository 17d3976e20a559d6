/**
 * The deadline evening's shape of write: ONE report per request, 8 requests in flight, on
 * SQLite (synchronous=FULL) and PostgreSQL. Compared in the same run, rounds interleaved so
 * the machine's load falls on both alike:
 * - one transaction per request (`maxGroup: 1`, the path before group commit) against group
 *   commit, each a real listening server in this process;
 * - on PostgreSQL, one app server process against two (as `npm start` runs them) on one
 *   database, the load spread round-robin.
 * The disk's flush time (4 KB write + fsync beside the SQLite file) is measured in the run.
 * Called by server-bench.ts; figures go under "## Small pushes (issue 11)".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openPostgres, openSqlite, type Database } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createApp } from '../../src/server/app';
import { uuidv7 } from '../../src/shared/ids';
import { TEST_CONFIG } from '../integration/support/databases';
import { seedCommune } from '../integration/support/fixtures';
import { createTestDatabase } from '../integration/support/pgbouncer';
import { TestServer } from '../e2e/support/server';
import { measureFlush, median, quantile, runLoad, runLoadInChild } from './support/load';

const REQUESTS = Number(process.env.SMALL_REQUESTS ?? 1500);
const ROUNDS = Number(process.env.SMALL_ROUNDS ?? 3);
export const SMALL_CONCURRENCY = 8;

export interface SmallFigures {
  engine: 'sqlite' | 'postgres';
  path: string;
  rps: number[];
  p50: number[];
  p95: number[];
  /** Requests per commit, when the server is in this process. */
  perCommit?: number;
  /** This process's CPU per request (ms), when the server is in it: the load then runs in a child process. */
  cpu?: number[];
}

interface Target {
  label: string;
  urls: string[];
  token: string;
  body: () => string;
  figures: SmallFigures;
  /** The server runs in this process: its CPU per request is measured. */
  inProcess?: boolean;
}

async function seeded(db: Database) {
  const c = await seedCommune(db, { villages: 1 });
  const unitId = c.villages[0]!.id;
  const body = () => JSON.stringify({ reports: [{
    id: uuidv7(), unitId, planId: c.plan.id, periodId: c.periods[0]!.id,
    values: [{ targetId: c.targets.quantity.id, value: 12 }, { targetId: c.targets.rate.id, numerator: 9, denominator: 10 }],
    note: 'Ghi chú', createdAt: new Date().toISOString(), supersedes: null,
  }] });
  return { token: c.villageUsers[0]!.token, body };
}

async function listen(db: Database): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({ db, clock: () => new Date(), config: TEST_CONFIG });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/reports`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Warm-up round, then ROUNDS rounds of every target in turn. */
async function interleave(targets: Target[]): Promise<void> {
  for (let round = 0; round <= ROUNDS; round++) {
    for (const t of targets) {
      const bodies = Array.from({ length: round === 0 ? Math.min(300, REQUESTS) : REQUESTS }, t.body);
      const cpu0 = process.cpuUsage();
      const r = await (t.inProcess ? runLoadInChild : runLoad)(t.urls, t.token, bodies, SMALL_CONCURRENCY);
      const cpu = process.cpuUsage(cpu0);
      if (r.failed > 0) throw new Error(`${t.label}: ${r.failed} requests or reports failed`);
      if (round === 0) continue;
      t.figures.rps.push((bodies.length / r.ms) * 1000);
      t.figures.p50.push(quantile(r.latencies, 0.5));
      t.figures.p95.push(quantile(r.latencies, 0.95));
      if (t.inProcess) (t.figures.cpu ??= []).push((cpu.user + cpu.system) / 1000 / bodies.length);
    }
  }
}

const figures = (engine: SmallFigures['engine'], path: string): SmallFigures => ({ engine, path, rps: [], p50: [], p95: [] });

export async function benchSmallPushesSqlite(): Promise<{ rows: SmallFigures[]; flush: { median: number; p95: number } }> {
  const dir = mkdtempSync(join(tmpdir(), 'sothidua-small-'));
  const single = openSqlite(join(dir, 'single.sqlite'), { maxGroup: 1 });
  const grouped = openSqlite(join(dir, 'grouped.sqlite'));
  const servers: { close(): Promise<void> }[] = [];
  try {
    const flushBefore = measureFlush(dir);
    const targets: Target[] = [];
    for (const [db, path] of [[single, 'one transaction per request (before)'], [grouped, 'group commit']] as const) {
      await migrateToLatest(db);
      const s = await seeded(db);
      const server = await listen(db);
      servers.push(server);
      targets.push({ label: `sqlite ${path}`, urls: [server.url], ...s, figures: figures('sqlite', path), inProcess: true });
    }
    await interleave(targets);
    targets.forEach((t, i) => { const w = [single, grouped][i]!.writes.stats; t.figures.perCommit = w.jobs / w.groups; });
    const flushAfter = measureFlush(dir);
    return {
      rows: targets.map((t) => t.figures),
      flush: { median: (flushBefore.median + flushAfter.median) / 2, p95: Math.max(flushBefore.p95, flushAfter.p95) },
    };
  } finally {
    for (const s of servers) await s.close();
    await single.close();
    await grouped.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSmallPushesPostgres(): Promise<SmallFigures[]> {
  const database = await createTestDatabase('bench');
  const single = openPostgres({ connectionString: database.url, maxGroup: 1 });
  const grouped = openPostgres({ connectionString: database.url });
  const closers: (() => Promise<void>)[] = [];
  const site = mkdtempSync(join(tmpdir(), 'sothidua-bench-site-'));
  try {
    await migrateToLatest(grouped);
    const targets: Target[] = [];
    for (const [db, path] of [[single, 'one transaction per request (before), in-process'], [grouped, 'group commit, in-process']] as const) {
      const s = await seeded(db);
      const server = await listen(db);
      closers.push(server.close);
      targets.push({ label: `postgres ${path}`, urls: [server.url], ...s, figures: figures('postgres', path), inProcess: true });
    }
    // Real app server processes, as npm start runs them, on the same database.
    const procs = await Promise.all([0, 1].map(() => TestServer.start({ databaseUrl: database.url, siteRoot: site, env: { LOG: '0' } })));
    closers.push(async () => { await Promise.all(procs.map((p) => p.dispose())); });
    const urls = procs.map((p) => `${p.baseURL.replace('localhost', '127.0.0.1')}/api/reports`);
    const one = await seeded(grouped);
    const two = await seeded(grouped);
    targets.push({ label: 'postgres 1 server process', urls: [urls[0]!], ...one, figures: figures('postgres', 'group commit, 1 app server process') });
    targets.push({ label: 'postgres 2 server processes', urls, ...two, figures: figures('postgres', 'group commit, 2 app server processes') });
    await interleave(targets);
    targets.slice(0, 2).forEach((t, i) => { const w = [single, grouped][i]!.writes.stats; t.figures.perCommit = w.jobs / w.groups; });
    return targets.map((t) => t.figures);
  } finally {
    for (const close of closers) await close();
    await single.close();
    await grouped.close();
    await database.drop();
    rmSync(site, { recursive: true, force: true });
  }
}

export function smallPushesTable(rows: SmallFigures[]): string {
  const fmt = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
  const base = new Map(rows.filter((r) => r.path.startsWith('one transaction')).map((r) => [r.engine, median(r.rps)]));
  return [
    '| database | path | requests/s (median) | range | × before | p50 ms | p95 ms (median of rounds) | requests per commit | app server CPU ms/request |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.engine} | ${r.path} | ${fmt(median(r.rps))} | ${fmt(Math.min(...r.rps))}–${fmt(Math.max(...r.rps))} | ${base.has(r.engine) ? `${fmt(median(r.rps) / base.get(r.engine)!)}×` : ''} | ${fmt(median(r.p50))} | ${fmt(median(r.p95))} | ${r.perCommit ? fmt(r.perCommit) : ''} | ${r.cpu ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(median(r.cpu)) : ''} |`),
  ].join('\n');
}

export const SMALL_SETTINGS = { REQUESTS, ROUNDS };
