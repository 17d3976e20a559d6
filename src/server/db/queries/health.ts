/** The health check's one query: the database answers and holds our tables. */
import type { DbHandle } from '../handle';

export async function pingDatabase(db: DbHandle): Promise<void> {
  await db.kysely.selectFrom('app_meta').select('key').limit(1).execute();
}
