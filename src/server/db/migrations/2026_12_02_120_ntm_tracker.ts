/**
 * The NTM tracker (issue 10, stream ntm-tracker):
 * - `criteria_sets.commune_id`: null for the shipped sets, the commune for a village-level set
 *   its office added (like checklist_sets).
 * - `ntm_trackers`: which set (id, code, version) and commune group a commune follows, one row
 *   per commune and level ("commune": the commune's own set; "village": the set its villages
 *   are scored on).
 * - `ntm_indicator_states`: every recorded state of an indicator, one row per change (latest
 *   `at` wins, src/shared/ntm.ts latestStates), for the commune (unit_id = commune id) or for a
 *   village (village-level sets). Nothing is updated or deleted: the rows are the history.
 *   `revision` counts the recordings of one indicator (1, 2, …; written under the tracker row's
 *   lock), so the latest is known even when two land in the same millisecond.
 */
import type { Kysely, Migration } from 'kysely';

export const ntmTracker: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('criteria_sets').addColumn('commune_id', 'text').execute();
    await db.schema
      .createTable('ntm_trackers')
      // `${commune_id}:${level}`: synced records need one id (migration 121's triggers).
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('criteria_set_id', 'text', (c) => c.notNull())
      .addColumn('criteria_set_code', 'text', (c) => c.notNull())
      .addColumn('criteria_set_version', 'text', (c) => c.notNull())
      .addColumn('commune_group', 'integer')
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('ntm_trackers_commune_level', ['commune_id', 'level'])
      .execute();
    await db.schema
      .createTable('ntm_indicator_states')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('criteria_set_id', 'text', (c) => c.notNull())
      .addColumn('indicator_code', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('state', 'text')
      .addColumn('figure', 'double precision')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('by_user_id', 'text')
      .addColumn('by_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ntm_indicator_states_unit_set').on('ntm_indicator_states').columns(['unit_id', 'criteria_set_id', 'indicator_code', 'revision']).execute();
  },
};
