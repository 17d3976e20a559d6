/**
 * Finding the approved report in force for a unit and plan (every ingest batch asks) must
 * not scan all of that unit's reports: index the state next to unit and plan.
 */
import type { Kysely, Migration } from 'kysely';

export const reportStateIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('reports_unit_plan_state').on('reports').columns(['unit_id', 'plan_id', 'state']).execute();
  },
};
