/**
 * Two app servers (real processes, as `npm start` runs them) on ONE PostgreSQL database,
 * directly and through PgBouncer in transaction pooling mode, with clients that alternate
 * between them: no report doubled, none lost, no change skipped by a cursor; a device revoked
 * on one server is refused on the other at once; migrations run once though both servers
 * start together; login limits hold across both; and several phones pushing and pulling at
 * once through both servers find every report in every stream exactly once (issue 12,
 * finding 0: the negative sync horizon that made every phone deaf).
 * Required under CI=true (PostgreSQL and PgBouncer); elsewhere skipped with a loud message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TestServer, type DemoLogins } from './support/server';
import { HttpError, HttpPhone, httpCall, loginAs } from './support/http-phone';
import { POSTGRES_REQUIRED, postgresAvailable } from '../integration/support/databases';
import { PgBouncer, PGBOUNCER_REQUIRED, createTestDatabase, pgbouncerAvailable } from '../integration/support/pgbouncer';

const MODES = ['direct', 'pgbouncer'] as const;

function skipped(mode: (typeof MODES)[number]): boolean {
  if (!postgresAvailable && !POSTGRES_REQUIRED) return true;
  return mode === 'pgbouncer' && !pgbouncerAvailable && !PGBOUNCER_REQUIRED;
}

for (const mode of MODES) {
  describe.skipIf(skipped(mode))(`two app servers on one PostgreSQL (${mode})`, () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let bouncer: PgBouncer | null = null;
    let servers: TestServer[] = [];
    let demo: DemoLogins;
    const site = mkdtempSync(join(tmpdir(), 'sothidua-api-only-'));
    let nextCode = 0;
    const base = (i: number) => servers[i % 2]!.baseURL;
    const enroll = async (server: number) => HttpPhone.enroll(base(server), demo.field[nextCode++]!.code);

    beforeAll(async () => {
      if (!postgresAvailable) throw new Error('PostgreSQL is required (CI=true) but not reachable');
      database = await createTestDatabase('scale');
      if (mode === 'pgbouncer') bouncer = await PgBouncer.start();
      const url = bouncer ? bouncer.url(database.name) : database.url;
      // Both at once on the empty database: the migrations race unless they are locked.
      servers = await Promise.all([0, 1].map(() => TestServer.start({ databaseUrl: url, siteRoot: site })));
      demo = servers[0]!.loadDemo();
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.dispose()));
      bouncer?.stop();
      await database?.drop();
      rmSync(site, { recursive: true, force: true });
    });

    it('ran the migrations once although both servers started together', async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string; n: number }>('select name, count(*)::int as n from kysely_migration group by name');
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.n === 1)).toBe(true);
        const tables = await client.query(`select count(*)::int as n from information_schema.tables where table_name = 'reports'`);
        expect(tables.rows[0].n).toBe(1);
      } finally {
        await client.end();
      }
      for (const s of servers) expect((await fetch(`${s.baseURL}/api/health`)).status).toBe(200);
    });

    it('a phone alternating between the servers: nothing doubled, nothing lost, nothing skipped by its cursor', async () => {
      const phone = await enroll(0);
      await phone.sync(base(1));
      const sent: string[] = [];
      let previous: ReturnType<HttpPhone['makeReports']> = [];
      for (let round = 0; round < 10; round++) {
        await phone.sync(base(round));
        const batch = phone.makeReports(1 + (round % 3));
        const results = await phone.push(base(round + 1), batch);
        expect(results.map((r) => r.status)).toEqual(batch.map(() => 'accepted'));
        sent.push(...batch.map((r) => r.id));
        // The last batch again, to the other server (a receipt lost on the way): duplicates.
        if (previous.length) {
          const again = await phone.push(base(round), previous);
          expect(again.map((r) => r.status)).toEqual(previous.map(() => 'duplicate'));
        }
        previous = batch;
      }
      await phone.sync(base(0));
      await phone.sync(base(1));
      expect([...phone.streamed.keys()].sort()).toEqual([...sent].sort());
      expect([...phone.streamed.values()].every((n) => n === 1)).toBe(true);

      const office = await loginAs(base(1), demo.office.username, demo.office.password);
      const listed = (await office.get(base(0), `/api/reports?unitId=${phone.unitId}&limit=500`)) as { reports: { id: string }[] };
      expect(listed.reports.map((r) => r.id).sort()).toEqual([...sent].sort());
    });

    it('several phones pushing and pulling at once through both servers find every report in every stream exactly once', async () => {
      const phones = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => enroll(i)));
      const office = await loginAs(base(0), demo.office.username, demo.office.password);
      await office.sync(base(0));
      await Promise.all(phones.map((p, i) => p.sync(base(i))));
      const sentBy = new Map<HttpPhone, string[]>(phones.map((p) => [p, []]));
      // The office screen syncs now and then from either server; one sync at a time, as the
      // app does (two at once from one cursor would fetch the same window twice).
      let officeSyncing: Promise<unknown> = Promise.resolve();
      const until = Date.now() + 6_000;
      await Promise.all(phones.map(async (phone, i) => {
        for (let round = i; Date.now() < until; round++) {
          const batch = phone.makeReports(1 + (round % 3));
          const results = await phone.push(base(round), batch);
          expect(results.every((r) => r.status === 'accepted')).toBe(true);
          sentBy.get(phone)!.push(...batch.map((r) => r.id));
          await phone.sync(base(round + 1));
          if (round % 4 === 0) await (officeSyncing = officeSyncing.then(() => office.sync(base(round))));
        }
      }));
      for (const phone of phones) {
        await phone.sync(base(0));
        const sent = sentBy.get(phone)!;
        expect(sent.length).toBeGreaterThan(3);
        const own = [...phone.streamed].filter(([id]) => sent.includes(id));
        expect(own.map(([id]) => id).sort()).toEqual([...sent].sort());
        expect(own.every(([, n]) => n === 1)).toBe(true);
      }
      await officeSyncing;
      await office.sync(base(1));
      const all = [...sentBy.values()].flat();
      // Every report reached the office, and never more often than its changes were logged: a
      // report is sent again (the same content, possibly) when a newer one of its unit arrives
      // (announced for its newerReportId), which is by design; a cursor that doubled a window would not be.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const logged = new Map<string, number>();
      try {
        const { rows } = await client.query<{ id: string; n: string }>(`select entity_id as id, count(*) as n from changes where entity = 'reports' group by entity_id`);
        for (const r of rows) logged.set(r.id, Number(r.n));
      } finally {
        await client.end();
      }
      for (const id of all) {
        const n = office.deliveries.get(id) ?? 0;
        expect(n, `report ${id} in the office's stream`).toBeGreaterThanOrEqual(1);
        expect(n, `report ${id}: delivered more often than logged`).toBeLessThanOrEqual(logged.get(id) ?? 0);
      }
    });

    it('a device revoked on one server is refused on the other at once', async () => {
      const phone = await enroll(0);
      await phone.sync(base(1));
      const office = await loginAs(base(0), demo.office.username, demo.office.password);
      await httpCall(base(0), 'POST', `/api/devices/${phone.deviceId}/revoke`, office.token);
      const refused = await phone.push(base(1), phone.makeReports(1)).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(HttpError);
      expect((refused as HttpError).status).toBe(401);
      expect(((refused as HttpError).body as { code: string }).code).toBe('auth.device_revoked');
    });

    it('login limits hold across both servers', async () => {
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${base(i)}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: demo.admin!.username, password: `sai-${i}` }),
        });
        expect(res.status).toBe(401);
      }
      for (const i of [0, 1]) {
        const res = await fetch(`${base(i)}/api/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: demo.admin!.username, password: demo.admin!.password }),
        });
        expect(res.status).toBe(429);
        expect(((await res.json()) as { code: string }).code).toBe('auth.rate_limited');
      }
    });
  });
}
