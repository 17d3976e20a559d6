/**
 * The initial schema: every table the product needs. Types are chosen so both engines behave
 * the same: text ids, ISO 8601 text instants, JSON as text, booleans as integer 0/1,
 * `double precision` for figures (never float4).
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectSeam } from '../dialect';

export function initial(seam: DialectSeam): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('parent_id', 'text', (c) => c.references('units.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('commune_id', 'text')
        .addColumn('successor_id', 'text', (c) => c.references('units.id'))
        .addColumn('replaced_on', 'text')
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('units_commune').on('units').columns(['commune_id']).execute();
      await db.schema.createIndex('units_parent').on('units').columns(['parent_id']).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.references('units.id'))
        .addColumn('commune_id', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_commune').on('users').columns(['commune_id']).execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_seen_at', 'text')
        .execute();
      await db.schema.createIndex('devices_user').on('devices').columns(['user_id']).execute();

      await db.schema
        .createTable('auth_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('auth_tokens_user').on('auth_tokens').columns(['user_id']).execute();
      await db.schema.createIndex('auth_tokens_device').on('auth_tokens').columns(['device_id']).execute();

      await db.schema
        .createTable('enrollment_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('issued_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();

      // Rate-limit state lives here, not in memory: several app servers may share one database.
      await db.schema
        .createTable('login_failures')
        .addColumn('id', seam.autoIncrementPrimaryKey, (c) =>
          seam.name === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failures_username_at').on('login_failures').columns(['username', 'at']).execute();

      await db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('issuer_unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('commune_id', 'text')
        .addColumn('number', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('issued_on', 'text')
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('rounds_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('reporting_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plans_commune').on('plans').columns(['commune_id']).execute();

      await db.schema
        .createTable('periods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('commune_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('periods_plan').on('periods').columns(['plan_id']).execute();

      await db.schema
        .createTable('targets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('commune_id', 'text')
        .addColumn('parent_id', 'text', (c) => c.references('targets.id'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('comparator', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('value_max', 'double precision')
        .addColumn('out_of', 'double precision')
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('aggregation', 'text', (c) => c.notNull())
        .addColumn('assignee_unit_id', 'text', (c) => c.references('units.id'))
        .addColumn('source_json', 'text')
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('targets_plan').on('targets').columns(['plan_id', 'position']).execute();

      await db.schema
        .createTable('assignments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('commune_id', 'text')
        .addColumn('target_id', 'text', (c) => c.notNull().references('targets.id'))
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('share', 'double precision')
        .addUniqueConstraint('assignments_target_unit', ['target_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('assignments_unit_plan').on('assignments').columns(['unit_id', 'plan_id']).execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('commune_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('period_id', 'text', (c) => c.notNull().references('periods.id'))
        .addColumn('values_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('supersedes', 'text')
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('correction_of', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_unit_plan_period').on('reports').columns(['unit_id', 'plan_id', 'period_id']).execute();
      await db.schema.createIndex('reports_commune_state').on('reports').columns(['commune_id', 'state']).execute();

      await db.schema
        .createTable('reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addColumn('commune_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('reviewer_id', 'text', (c) => c.notNull())
        .addColumn('reviewer_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reviews_report').on('reviews').columns(['report_id']).execute();

      await db.schema
        .createTable('households')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('commune_id', 'text', (c) => c.notNull())
        .addColumn('data_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('households_unit').on('households').columns(['unit_id']).execute();

      for (const table of ['checklist_sets', 'criteria_sets']) {
        await db.schema
          .createTable(table)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('data_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint(`${table}_code_version`, ['code', 'version'])
          .execute();
      }

      // The sync log: see queries/sync.ts for why (txid, seq) and not seq alone.
      await db.schema
        .createTable('changes')
        .addColumn('seq', seam.autoIncrementPrimaryKey, (c) =>
          seam.name === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey())
        .addColumn('txid', 'bigint', (c) => c.notNull())
        .addColumn('commune_id', 'text')
        .addColumn('unit_id', 'text')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_txid_seq').on('changes').columns(['txid', 'seq']).execute();
      await db.schema.createIndex('changes_commune_txid').on('changes').columns(['commune_id', 'txid', 'seq']).execute();

      await db.schema
        .createTable('app_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
