/**
 * A plan's progress for a period reads every report of that plan and period and every
 * assignment of the plan: index both, so one commune's figures do not scan the rows of every
 * commune (progress p95 ≤ 50 ms with 200 communes in one database). The review queue's first
 * page (a commune's waiting reports by id) reads them in index order instead of sorting
 * thousands of reports with their values to keep the first 100.
 */
import type { Kysely, Migration } from 'kysely';

export const reportsPlanPeriod: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('reports_plan_period').on('reports').columns(['plan_id', 'period_id']).execute();
    await db.schema.createIndex('assignments_plan').on('assignments').columns(['plan_id']).execute();
    await db.schema.createIndex('reports_commune_state_id').on('reports').columns(['commune_id', 'state', 'id']).execute();
  },
};
