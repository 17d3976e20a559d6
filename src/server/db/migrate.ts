/**
 * Runs the migrations (TS objects, date-named, in migrations/). Kysely's Migrator takes a
 * lock, so several app servers starting at once against one PostgreSQL is safe.
 */
import { Migrator, type Migration } from 'kysely';
import type { Database } from './database';
import { initial } from './migrations/2026_11_25_001_initial';
import { reportStateIndex } from './migrations/2026_11_25_002_report_state_index';

export async function migrateToLatest(db: Database): Promise<void> {
  const migrations: Record<string, Migration> = {
    '2026_11_25_001_initial': initial(db.dialect),
    '2026_11_25_002_report_state_index': reportStateIndex,
  };
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
