/**
 * The free-text parts of the A4 progress report ("Đánh giá chung", "Tồn tại, hạn chế",
 * "Phương hướng"), written by the office before printing and kept with the period, so a
 * reprint next week says what the office wrote then. One row per period (a period belongs to
 * exactly one plan); the commune is kept to scope reads without a join.
 */
import type { Kysely, Migration } from 'kysely';

export const reportNotes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('report_notes')
      .addColumn('period_id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('general', 'text', (c) => c.notNull())
      .addColumn('shortcomings', 'text', (c) => c.notNull())
      .addColumn('directions', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};
