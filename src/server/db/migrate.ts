/**
 * Runs the migrations (TS objects, date-named, in migrations/). Several app servers may start
 * at once against one database, also through PgBouncer in transaction pooling mode: see
 * migrateToLatest. The migration table lives in the connection's current schema.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Database } from './database';
import { ensureShippedChecklists } from './queries/checklists';
import { SHIPPED_CHECKLISTS } from '../reference/checklists';
import { initial } from './migrations/2026_11_25_001_initial';
import { reportStateIndex } from './migrations/2026_11_25_002_report_state_index';
import { databaseId } from './migrations/2026_12_01_010_database_id';
import { invitations } from './migrations/2026_12_01_011_invitations';
import { changeTriggers } from './migrations/2026_12_01_020_change_triggers';
import { databaseEpoch } from './migrations/2026_12_01_030_database_epoch';
import { officeLifecycle } from './migrations/2026_12_01_050_office_lifecycle';
import { userPhone } from './migrations/2026_12_01_051_user_phone';
import { reportNewestIndex } from './migrations/2026_12_01_052_report_newest_index';
import { reportsPlanPeriod } from './migrations/2026_12_01_060_reports_plan_period';
import { reportNotes } from './migrations/2026_12_01_070_report_notes';
import { householdRegisters } from './migrations/2026_12_01_090_household_registers';
import { assessmentTriggers } from './migrations/2026_12_01_091_assessment_triggers';
import { oneDatabaseIdentity } from './migrations/2026_12_02_090_one_database_identity';
import { targetLinks } from './migrations/2026_12_02_110_target_links';
import { ntmTracker } from './migrations/2026_12_02_120_ntm_tracker';
import { ntmTriggers } from './migrations/2026_12_02_121_ntm_triggers';
import { ensureShippedCriteria } from './queries/ntm';
import { SHIPPED_CRITERIA } from '../reference/criteria';
import { dropPrefixIndexes } from './migrations/2026_12_02_140_drop_prefix_indexes';

/** Arbitrary, fixed: "STĐ" as a number, so other apps sharing the server do not collide. */
const MIGRATION_LOCK_ID = 5_318_404;

/** Every migration by name, in the order they run. */
export function migrationsFor(db: Database): Record<string, Migration> {
  return {
    '2026_11_25_001_initial': initial(db.dialect),
    '2026_11_25_002_report_state_index': reportStateIndex,
    '2026_12_01_010_database_id': databaseId,
    '2026_12_01_011_invitations': invitations,
    '2026_12_01_020_change_triggers': changeTriggers(db.dialect),
    '2026_12_01_030_database_epoch': databaseEpoch,
    '2026_12_01_050_office_lifecycle': officeLifecycle(db.dialect),
    '2026_12_01_051_user_phone': userPhone,
    '2026_12_01_052_report_newest_index': reportNewestIndex,
    '2026_12_01_060_reports_plan_period': reportsPlanPeriod,
    '2026_12_01_070_report_notes': reportNotes,
    '2026_12_01_090_household_registers': householdRegisters,
    '2026_12_01_091_assessment_triggers': assessmentTriggers(db.dialect),
    '2026_12_02_090_one_database_identity': oneDatabaseIdentity,
    '2026_12_02_110_target_links': targetLinks,
    '2026_12_02_120_ntm_tracker': ntmTracker,
    '2026_12_02_121_ntm_triggers': ntmTriggers(db.dialect),
    '2026_12_02_140_drop_prefix_indexes': dropPrefixIndexes,
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

export async function migrateToLatest(db: Database): Promise<void> {
  await migrateSchema(db);
  // Reference data shipped as files: inserted once, never overwritten (a commune's ticks name their version).
  await ensureShippedChecklists(db, SHIPPED_CHECKLISTS);
  await ensureShippedCriteria(db, SHIPPED_CRITERIA);
}

/** The table Kysely's Migrator kept; its name and columns stay so existing databases carry on. */
const MIGRATION_TABLE = 'kysely_migration';

/**
 * Every pending migration, in name order, in ONE transaction: on PostgreSQL that transaction
 * first takes `pg_advisory_xact_lock`, so a second server starting at the same moment waits
 * and then finds nothing left to do. A transaction-scoped lock (not Kysely's session lock)
 * because behind PgBouncer in transaction pooling a session lock and its unlock can land on
 * different server connections, leaving the lock held forever. DDL is transactional on both
 * engines: a migration that fails leaves the schema as it was.
 */
async function migrateSchema(db: Database): Promise<void> {
  const migrations = migrationsFor(db);
  await db.kysely.transaction().execute(async (trx) => {
    if (db.dialect.name === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(trx);
    const kysely = trx as unknown as Kysely<any>;
    await kysely.schema.createTable(MIGRATION_TABLE).ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    const done = new Set((await kysely.selectFrom(MIGRATION_TABLE).select('name').execute()).map((r: { name: string }) => r.name));
    const unknown = [...done].filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      // A database migrated by a newer release: running this older code on it would be a guess.
      throw new Error(`Cơ sở dữ liệu đã chạy migration mà bản này không có (${unknown.join(', ')}): hãy chạy bản mới hơn.`);
    }
    for (const name of Object.keys(migrations).sort()) {
      if (done.has(name)) continue;
      await migrations[name]!.up(kysely);
      await kysely.insertInto(MIGRATION_TABLE).values({ name, timestamp: new Date().toISOString() }).execute();
    }
  });
}
