/** app_meta: one-time claims (first-run setup: a key is written once, ever) and the database's id. */
import type { DbHandle } from '../handle';
import { DATABASE_ID_KEY } from '../migrations/2026_12_01_010_database_id';

/**
 * Writes the key unless it exists; true when this call wrote it. ON CONFLICT DO NOTHING makes
 * a racing second claim wait for the first and then return false, rather than fail with a
 * unique violation that callers could mistake for another duplicate (e.g. a taken username).
 */
export async function claimAppMeta(tx: DbHandle, key: string, value: string): Promise<boolean> {
  const rows = await tx.kysely.insertInto('app_meta').values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing()).returning('key').execute();
  return rows.length === 1;
}

const databaseIds = new WeakMap<object, Promise<string>>();

/** This database's id (written once by a migration), read once per connection pool. */
export function databaseIdOf(db: DbHandle): Promise<string> {
  let id = databaseIds.get(db.kysely);
  if (!id) {
    id = db.kysely.selectFrom('app_meta').select('value').where('key', '=', DATABASE_ID_KEY).executeTakeFirstOrThrow()
      .then((row) => row.value);
    id.catch(() => databaseIds.delete(db.kysely));
    databaseIds.set(db.kysely, id);
  }
  return id;
}
