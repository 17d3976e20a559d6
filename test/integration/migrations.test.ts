import { expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { forEachDatabase, TEST_DATABASE_URL } from './support/databases';
import { migrateToLatest } from '../../src/server/db/migrate';
import { openPostgres } from '../../src/server/db/database';

forEachDatabase((ctx) => {
  it('runs again without harm on an up-to-date database', async () => {
    await migrateToLatest(ctx.db);
    const rows = await ctx.db.kysely.selectFrom('kysely_migration' as never).selectAll().execute();
    expect(rows.map((r) => (r as { name: string }).name)).toEqual(['2026_11_25_001_initial', '2026_11_25_002_report_state_index', '2026_12_01_060_reports_plan_period']);
  });
});

forEachDatabase(() => {
  it('lets several app servers start against one empty database at once', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const servers = Array.from({ length: 3 }, () => openPostgres({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}`, max: 2 }));
    try {
      await Promise.all(servers.map((db) => migrateToLatest(db)));
      const { rows } = await admin.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'reports'`, [schema]);
      expect(rows[0].n).toBe(1);
    } finally {
      await Promise.all(servers.map((db) => db.close()));
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
}, ['postgres']);
