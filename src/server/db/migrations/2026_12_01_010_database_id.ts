/**
 * A random id for this database, written once. Sync cursors carry it, so a cursor made by
 * another database (a phone moved to a new server, a commune moved, a restored copy) is
 * recognised and answered `sync.cursor_reset` instead of being read against the wrong log.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

export const DATABASE_ID_KEY = 'database_id';

export const databaseId: Migration = {
  async up(db: Kysely<any>) {
    await db.insertInto('app_meta').values({ key: DATABASE_ID_KEY, value: randomUUID() })
      .onConflict((oc) => oc.column('key').doNothing()).execute();
  },
};
