/**
 * Each ingest asks, per unit and period it stores reports for, which report was the newest
 * (by createdAt) before — its `newerReportId` changes. With createdAt in the index that is an
 * index-only read, however many reports a unit has sent for the period.
 */
import type { Kysely, Migration } from 'kysely';

export const reportNewestIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('reports_group_created').on('reports').columns(['unit_id', 'plan_id', 'period_id', 'created_at']).execute();
  },
};
