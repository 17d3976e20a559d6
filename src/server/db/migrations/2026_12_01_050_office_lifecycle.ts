/**
 * Issue 8 (the office, part 1): what the plan lifecycle, late and locked reports, the review
 * and the audit trail need. Only added columns (with defaults, so older rows read as before)
 * and one new table; nothing existing changes meaning.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectSeam } from '../dialect';
import { COUNTED_UNITS } from '../../../shared/target-flags';

export function officeLifecycle(seam: DialectSeam): Migration {
  return {
    async up(db: Kysely<any>) {
      // Targets: "số nguyên" and "xã tự báo cáo".
      await db.schema.alterTable('targets').addColumn('whole_number', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('targets').addColumn('commune_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Targets counted in whole things are whole-number targets, as new ones are by default.
      await db.updateTable('targets').set({ whole_number: 1 }).where('unit', 'in', [...COUNTED_UNITS]).execute();

      await db.schema.alterTable('plans').addColumn('grace_days', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('plans').addColumn('closed_at', 'text').execute();
      await db.schema.alterTable('periods').addColumn('locked_at', 'text').execute();
      await db.schema.alterTable('units').addColumn('closed_at', 'text').execute();

      // Reports: judged once, when received (a later lock or a new grace never rewrites history).
      await db.schema.alterTable('reports').addColumn('late', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('reports').addColumn('days_late', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('reports').addColumn('clock_skew', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('reports').addColumn('entered_by', 'text').execute();
      await db.schema.alterTable('reports').addColumn('entered_by_name', 'text').execute();
      await db.schema.alterTable('reports').addColumn('warnings_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();

      await db.schema.alterTable('devices').addColumn('last_sync_at', 'text').execute();
      await db.schema.alterTable('devices').addColumn('app_version', 'text').execute();

      // The audit trail: append-only; no route updates or deletes a row. `seq` orders it (ids
      // made in the same millisecond do not sort by time) and pages it.
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', seam.autoIncrementPrimaryKey, (c) =>
          seam.name === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('commune_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await db.schema.createIndex('audit_log_commune_seq').on('audit_log').columns(['commune_id', 'seq']).execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    },
  };
}
