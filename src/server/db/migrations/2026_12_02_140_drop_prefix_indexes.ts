/**
 * Two indexes on `reports` are each the leading part of a later, longer one:
 * - reports_unit_plan_period (unit_id, plan_id, period_id) of reports_group_created
 *   (unit_id, plan_id, period_id, created_at), migration 052;
 * - reports_commune_state (commune_id, state) of reports_commune_state_id
 *   (commune_id, state, id), migration 060.
 * Any look-up the shorter one serves, the longer one serves the same way (same leading
 * columns, same order), so they only cost: every stored report updated both, on every push
 * (8 B-trees per report, 6 without them, counting the primary key and the sync log's two).
 */
import type { Kysely, Migration } from 'kysely';

export const dropPrefixIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('reports_unit_plan_period').ifExists().execute();
    await db.schema.dropIndex('reports_commune_state').ifExists().execute();
  },
};
