/**
 * EVERY WRITE ROUTE UNDER CONCURRENCY. For each write route of the registry, its fixture
 * request (support/write-fixtures.ts) is sent six times in parallel and, on a fresh copy of
 * the fixture, six times one after another. Both must answer only 2xx/4xx, the same statuses
 * (as a multiset, stricter than the same set) and add the same number of rows to every table:
 * a race may not turn into a 500 (a unique violation), nor into two winners (a check read
 * outside the transaction).
 *
 * On PostgreSQL the six parallel requests go to six app instances over six connection pools,
 * as six app servers would; on SQLite to the one app over its one connection, as deployed.
 */
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { forEachDatabase, TEST_CONFIG, type TestContext } from './support/databases';
import { seedCommune, createOperator, type TestUser } from './support/fixtures';
import { WRITE_FIXTURES, type WriteRequest } from './support/write-fixtures';
import { allRoutes } from '../../src/server/routes';
import { createApp } from '../../src/server/app';
import type { AppEnv } from '../../src/server/context';

const COPIES = 6;
const writeRoutes = () => allRoutes().filter((r) => r.method !== 'get');
const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

async function send(app: Hono<AppEnv>, method: string, req: WriteRequest): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  const res = await app.request(req.path, { method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
  return { status: res.status, text: await res.text() };
}

/** Row count of every table, in one statement. */
async function rowCounts(ctx: TestContext, tables: string[]): Promise<Record<string, number>> {
  const union = tables.map((t) => `select '${t}' as t, count(*) as n from ${JSON.stringify(t)}`).join(' union all ');
  const { rows } = await sql.raw<{ t: string; n: number | string }>(union).execute(ctx.db.kysely);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [t, n] of Object.entries(after)) if (n !== before[t]) out[t] = n - (before[t] ?? 0);
  return out;
}

forEachDatabase((ctx) => {
  let operator: TestUser;
  let tables: string[];
  let parallelApps: Hono<AppEnv>[];

  beforeAll(async () => {
    operator = await createOperator(ctx.db);
    tables = (await ctx.db.kysely.introspection.getTables()).map((t) => t.name).sort();
    parallelApps = ctx.kind === 'postgres'
      ? Array.from({ length: COPIES }, () => createApp({ db: ctx.openAnother(), clock: ctx.clock.now, config: TEST_CONFIG }))
      : Array.from({ length: COPIES }, () => ctx.app);
  });

  it('has a fixture for every write route, and none for a route that is not one', () => {
    const keys = writeRoutes().map(keyOf);
    expect(keys.filter((k) => !(k in WRITE_FIXTURES)), 'write routes without a fixture in support/write-fixtures.ts').toEqual([]);
    expect(Object.keys(WRITE_FIXTURES).filter((k) => !keys.includes(k)), 'fixtures for routes that are not write routes').toEqual([]);
  });

  for (const route of writeRoutes()) {
    const key = keyOf(route);
    it(`${key}: six at once = six in a row`, async () => {
      const fixture = WRITE_FIXTURES[key];
      if (!fixture) throw new Error(`no write fixture for ${key}`);
      const method = route.method.toUpperCase();
      const run = async (parallel: boolean) => {
        const req = await fixture({ ctx, c: await seedCommune(ctx.db, { villages: 2 }), operator });
        // An hour apart, so per-window limits (enrollment failures) start afresh for each run.
        ctx.clock.advance(3_600_000);
        const before = await rowCounts(ctx, tables);
        const answers = parallel
          ? await Promise.all(parallelApps.map((app) => send(app, method, req)))
          : await (async () => { const out = []; for (let i = 0; i < COPIES; i++) out.push(await send(ctx.app, method, req)); return out; })();
        return { answers, rows: delta(before, await rowCounts(ctx, tables)) };
      };
      const serial = await run(false);
      const parallel = await run(true);
      const statuses = (r: typeof serial) => r.answers.map((a) => a.status).sort();
      const bad = [...serial.answers, ...parallel.answers].filter((a) => a.status >= 500 || a.status < 200 || (a.status >= 300 && a.status < 400));
      expect(bad.map((a) => `${a.status} ${a.text.slice(0, 200)}`), `${key}: only 2xx/4xx`).toEqual([]);
      // Not only the same set: identical requests through any one-at-a-time order meet the same
      // states, so the same count of each status (two winners of a replace would show here).
      expect(statuses(parallel), `${key}: statuses in parallel vs in a row; ${parallel.answers.map((a) => a.text.slice(0, 120)).join(' | ')}`)
        .toEqual(statuses(serial));
      expect(parallel.rows, `${key}: rows added`).toEqual(serial.rows);
    }, 30_000);
  }
});
