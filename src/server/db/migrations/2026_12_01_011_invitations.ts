/**
 * Invitations: how a commune's first admin gets a password nobody else chose. The hosting
 * operator creates the commune and its admin without a password; the admin opens a one-time,
 * expiring link and sets their own. Like tokens and codes, only a hash of the link's secret
 * is stored.
 */
import type { Kysely, Migration } from 'kysely';

export const invitations: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('invitations')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('invitations_user').on('invitations').columns(['user_id']).execute();
    await db.schema.createIndex('enrollment_codes_user').on('enrollment_codes').columns(['user_id']).execute();
  },
};
