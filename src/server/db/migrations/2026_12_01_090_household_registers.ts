/**
 * Household registers kept offline on phones (issue 10): a household gains its revision and
 * the open disputes between devices; every change a device sends is kept (`household_changes`:
 * the history, and what makes a resend harmless); the ticks of a household against one
 * checklist version for one period are an `assessment`, unique per (household, checklist,
 * period) so two devices ticking the same household meet in one row.
 * Checklist sets gain the commune that added them (null: shipped with the app).
 */
import type { Kysely, Migration } from 'kysely';

export const householdRegisters: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('households').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('households').addColumn('conflicts_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    // Per field / item key: { rev, at, changeId, by } of the change in force (ordering and disputes).
    await db.schema.alterTable('households').addColumn('meta_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
    await db.schema.alterTable('checklist_sets').addColumn('commune_id', 'text').execute();

    await db.schema
      .createTable('household_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('change_key', 'text', (c) => c.notNull())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('base_revision', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('applied', 'integer', (c) => c.notNull())
      .addColumn('conflict', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('household_changes_household').on('household_changes').columns(['household_id', 'created_at']).execute();

    await db.schema
      .createTable('assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('checklist_id', 'text', (c) => c.notNull())
      .addColumn('checklist_version', 'text', (c) => c.notNull())
      .addColumn('period_id', 'text', (c) => c.notNull())
      .addColumn('items_json', 'text', (c) => c.notNull())
      .addColumn('by_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addUniqueConstraint('assessments_household_checklist_period', ['household_id', 'checklist_id', 'period_id'])
      .execute();
    await db.schema.createIndex('assessments_unit').on('assessments').columns(['unit_id']).execute();
  },
};
