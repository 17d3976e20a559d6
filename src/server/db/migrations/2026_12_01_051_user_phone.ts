/**
 * A field user's phone number, typed at "Đổi người phụ trách" so the office can call the new
 * head. Optional; never sent to phones.
 */
import type { Kysely, Migration } from 'kysely';

export const userPhone: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('users').addColumn('phone', 'text').execute();
  },
};
