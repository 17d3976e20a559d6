/**
 * Runs the migrations (TS objects, date-named, in migrations/). Several app servers may start
 * at once against one empty PostgreSQL: Kysely's own lock lives in a table it must first
 * create, which races, so on PostgreSQL the whole run holds a session advisory lock on one
 * connection, and the migration tables live in the connection's current schema.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Database } from './database';
import type { DB } from './schema';
import { ensureShippedChecklists } from './queries/checklists';
import { SHIPPED_CHECKLISTS } from '../reference/checklists';
import { initial } from './migrations/2026_11_25_001_initial';
import { reportStateIndex } from './migrations/2026_11_25_002_report_state_index';
import { reportsPlanPeriod } from './migrations/2026_12_01_060_reports_plan_period';
import { reportNotes } from './migrations/2026_12_01_070_report_notes';
import { householdRegisters } from './migrations/2026_12_01_090_household_registers';

/** Arbitrary, fixed: "STĐ" as a number, so other apps sharing the server do not collide. */
const MIGRATION_LOCK_ID = 5_318_404;

/** Every migration by name, in the order they run. */
export function migrationsFor(db: Database): Record<string, Migration> {
  return {
    '2026_11_25_001_initial': initial(db.dialect),
    '2026_11_25_002_report_state_index': reportStateIndex,
    '2026_12_01_060_reports_plan_period': reportsPlanPeriod,
    '2026_12_01_070_report_notes': reportNotes,
    '2026_12_01_090_household_registers': householdRegisters,
  };
}

async function run(kysely: Kysely<DB>, migrations: Record<string, Migration>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

export async function migrateToLatest(db: Database): Promise<void> {
  await migrateSchema(db);
  // Reference data shipped as files: inserted once, never overwritten (a commune's ticks name their version).
  await ensureShippedChecklists(db, SHIPPED_CHECKLISTS, new Date().toISOString());
}

async function migrateSchema(db: Database): Promise<void> {
  const migrations = migrationsFor(db);
  if (db.dialect.name !== 'postgres') return run(db.kysely, migrations);
  await db.kysely.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(conn);
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
      await run(conn, migrations, rows[0]!.schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(conn);
    }
  });
}
