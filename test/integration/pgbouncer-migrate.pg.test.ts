/**
 * Migrations through PgBouncer in transaction pooling mode, several app servers at once: each
 * run is one transaction under pg_advisory_xact_lock, so none races another, and no advisory
 * lock is left behind on a pooled server connection (a session lock taken and released in
 * separate transactions can be taken on one server connection and "released" on another).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { POSTGRES_REQUIRED, postgresAvailable } from './support/databases';
import { PgBouncer, PGBOUNCER_REQUIRED, createTestDatabase, pgbouncerAvailable } from './support/pgbouncer';
import { openPostgres } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';

const skip = (!postgresAvailable && !POSTGRES_REQUIRED) || (!pgbouncerAvailable && !PGBOUNCER_REQUIRED);

describe.skipIf(skip)('migrations through PgBouncer (transaction pooling)', () => {
  let bouncer: PgBouncer;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    bouncer = await PgBouncer.start();
  });
  afterAll(async () => {
    bouncer?.stop();
    await database?.drop();
  });

  it('run once from four servers starting together and leave no advisory lock held', async () => {
    const servers = Array.from({ length: 4 }, () => openPostgres({ connectionString: bouncer.url(database.name), max: 3 }));
    try {
      await Promise.all(servers.map((db) => migrateToLatest(db)));
      await Promise.all(servers.map((db) => migrateToLatest(db))); // and again, up to date
    } finally {
      await Promise.all(servers.map((db) => db.close()));
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const locks = await client.query(`select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = $1`, [database.name]);
      expect(locks.rows[0].n).toBe(0);
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from kysely_migration group by name');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
