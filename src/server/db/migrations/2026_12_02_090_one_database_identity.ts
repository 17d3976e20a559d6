/**
 * One identity per database, not two. Migration 010 wrote `database_id`, which sync cursors
 * carry; migration 030 wrote a second one, `database_epoch`, that a restore renewed but no
 * cursor ever carried, so a restored copy kept the id of the database it came from and a
 * phone's cursor from before the restore was trusted. A restore now renews `database_id`
 * itself (src/server/db/backup.ts) and the unused epoch goes.
 */
import type { Kysely, Migration } from 'kysely';

export const oneDatabaseIdentity: Migration = {
  async up(db: Kysely<any>) {
    await db.deleteFrom('app_meta').where('key', '=', 'database_epoch').execute();
  },
};
