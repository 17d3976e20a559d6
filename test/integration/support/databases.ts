/**
 * Runs a test file's suite once on SQLite and once on PostgreSQL. Each run gets its own
 * database: a fresh SQLite file in a temp dir, or a fresh PostgreSQL database (dropped after).
 * When PostgreSQL is unreachable the PG run is skipped — unless CI=true or
 * REQUIRE_POSTGRES=1, where that is a loud failure, never a silent pass.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Hono } from 'hono';
import { openPostgres, openSqlite, type Database } from '../../../src/server/db/database';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { createApp } from '../../../src/server/app';
import type { AppConfig, AppDeps, AppEnv } from '../../../src/server/context';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const POSTGRES_REQUIRED = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

/**
 * Whether PostgreSQL answers. Where it is required (CI) one slow answer is not the verdict: a
 * server still starting, or a machine under load, gets up to a minute of retries before the
 * PG runs fail; elsewhere a single 3 s try decides and a skip is announced on stderr.
 */
async function probePostgres(patienceMs: number): Promise<boolean> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      if (Date.now() + 1000 >= deadline) return false;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export const postgresAvailable = await probePostgres(POSTGRES_REQUIRED ? 60_000 : 3_000);
if (!postgresAvailable && !POSTGRES_REQUIRED) {
  console.warn(`PostgreSQL not reachable at ${TEST_DATABASE_URL}: the PostgreSQL runs are SKIPPED (set CI=true or REQUIRE_POSTGRES=1 to fail instead)`);
}

export type DatabaseKind = 'sqlite' | 'postgres';

/** A clock tests can set and move. */
export class TestClock {
  constructor(private current = new Date('2025-06-10T03:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime());
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const TEST_CONFIG: AppConfig = {
  publicUrl: 'https://thidua.example.test',
  corsOrigins: [],
  version: '0.0.0-test',
  sessionTtlMs: 30 * 86_400_000,
  enrollmentCodeTtlMs: 7 * 86_400_000,
};

export interface TestContext {
  kind: DatabaseKind;
  db: Database;
  clock: TestClock;
  deps: AppDeps;
  app: Hono<AppEnv>;
  /** Opens a second, independent connection pool to the same database (PostgreSQL races). */
  openAnother(): Database;
  /** app.request with JSON helpers: `ctx.call('POST', '/api/x', { token, body })`. */
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit }): Promise<Response>;
}

export interface Opened {
  db: Database;
  openAnother(): Database;
  cleanup(): Promise<void>;
}

export async function openFresh(kind: DatabaseKind): Promise<Opened> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sothidua-test-'));
    const file = join(dir, 'test.sqlite');
    const db = openSqlite(file);
    const others: Database[] = [];
    return {
      db,
      openAnother: () => {
        const other = openSqlite(file);
        others.push(other);
        return other;
      },
      cleanup: async () => {
        for (const o of others) await o.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // A database of its own, not just a schema: the sync horizon counts the write transactions
  // of the current database (dialect.ts), so another test file's open transactions in a
  // shared database would hold this file's syncs back and make them flaky.
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const open = () => openPostgres({ connectionString: url.toString(), max: 4 });
  const db = open();
  const others: Database[] = [];
  return {
    db,
    openAnother: () => {
      const other = open();
      others.push(other);
      return other;
    },
    cleanup: async () => {
      for (const o of others) await o.close();
      await db.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function makeCall(getApp: () => Hono<AppEnv>): TestContext['call'] {
  return (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.body);
    }
    return Promise.resolve(getApp().request(path, { method, headers, body }));
  };
}

/**
 * Declares `body` once per database. Inside, use the ctx getters only in hooks and tests.
 * @example forEachDatabase((ctx) => { it('answers', async () => { expect((await ctx.call('GET', '/api/health')).status).toBe(200); }); });
 */
export function forEachDatabase(body: (ctx: TestContext) => void, kinds: readonly DatabaseKind[] = ['sqlite', 'postgres']): void {
  for (const kind of kinds) {
    const skip = kind === 'postgres' && !postgresAvailable && !POSTGRES_REQUIRED;
    describe.skipIf(skip)(kind, () => {
      let opened: Opened | null = null;
      const clock = new TestClock();
      let deps: AppDeps | null = null;
      let app: Hono<AppEnv> | null = null;
      const need = <T>(v: T | null): T => {
        if (v === null) throw new Error('test context used outside a test or hook');
        return v;
      };
      const ctx: TestContext = {
        kind,
        get db() { return need(opened).db; },
        clock,
        get deps() { return need(deps); },
        get app() { return need(app); },
        openAnother: () => need(opened).openAnother(),
        call: makeCall(() => need(app)),
      };
      beforeAll(async () => {
        if (kind === 'postgres' && !postgresAvailable) {
          throw new Error(`PostgreSQL is required (CI/REQUIRE_POSTGRES) but not reachable at ${TEST_DATABASE_URL}`);
        }
        opened = await openFresh(kind);
        await migrateToLatest(opened.db);
        deps = { db: opened.db, clock: clock.now, config: TEST_CONFIG };
        app = createApp(deps);
      });
      afterAll(async () => {
        await opened?.cleanup();
      });
      body(ctx);
    });
  }
}
