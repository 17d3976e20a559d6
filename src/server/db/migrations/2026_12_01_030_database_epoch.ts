/**
 * Every database gets an identity, `database_epoch` in app_meta: a random id, made anew when
 * a backup is restored over it (npm run restore) and never copied when a commune moves
 * (export/import skip app_meta). A sync cursor carrying the epoch it was made in can then be
 * told apart from one made by another database — or by this one before a restore rewound its
 * transaction counter — and answered `sync.cursor_reset` instead of silently skipping changes.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

export const DATABASE_EPOCH_KEY = 'database_epoch';

export const databaseEpoch: Migration = {
  async up(db: Kysely<any>) {
    await db.insertInto('app_meta').values({ key: DATABASE_EPOCH_KEY, value: randomUUID() }).execute();
  },
};
