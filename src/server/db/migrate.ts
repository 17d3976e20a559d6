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
import { databaseId } from './migrations/2026_12_01_010_database_id';
import { invitations } from './migrations/2026_12_01_011_invitations';
import { databaseEpoch } from './migrations/2026_12_01_030_database_epoch';
import { householdRegisters } from './migrations/2026_12_01_090_household_registers';

/** Arbitrary, fixed: "STĐ" as a number, so other apps sharing the server do not collide. */
const MIGRATION_LOCK_ID = 5_318_404;

/** Every migration by name, in the order they run. */
export function migrationsFor(db: Database): Record<string, Migration> {
  return {
    '2026_11_25_001_initial': initial(db.dialect),
    '2026_11_25_002_report_state_index': reportStateIndex,
    '2026_12_01_010_database_id': databaseId,
    '2026_12_01_011_invitations': invitations,
    '2026_12_01_030_database_epoch': databaseEpoch,
    '2026_12_01_090_household_registers': householdRegisters,
  };
}

/** The migrations this code knows, in order: what a database must hold to be served (and restored). */
export function knownMigrations(db: Database): string[] {
  return Object.keys(migrationsFor(db)).sort();
}

export interface MigrationStatus {
  /** Known to this code, not yet run on the database. */
  pending: string[];
  /** Run on the database, unknown to this code: the database is newer than the app. */
  unknown: string[];
}

/** Compares the database's migration table with knownMigrations (read only; a missing table = all pending). */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const known = knownMigrations(db);
  let done: string[] = [];
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db.kysely);
    done = rows.rows.map((r) => r.name);
  } catch (error) {
    // No table yet is "nothing run"; anything else (unreachable, locked) is the caller's error.
    const e = error as { code?: string; message?: string };
    const noTable = e.code === '42P01' || /no such table: kysely_migration/.test(String(e.message));
    if (!noTable) throw error;
  }
  return { pending: known.filter((m) => !done.includes(m)), unknown: done.filter((m) => !known.includes(m)) };
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
  await ensureShippedChecklists(db, SHIPPED_CHECKLISTS);
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
