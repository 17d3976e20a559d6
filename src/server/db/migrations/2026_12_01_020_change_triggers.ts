/**
 * The sync log writes itself. Until now every write of a synced record had to remember to call
 * `recordChanges` in its transaction, or phones never heard of it; a forgotten call was a
 * silent, permanent gap. Triggers on every synced table append the `changes` row in the
 * writing statement's own transaction, on both engines, for inserts, updates (soft deletes
 * included) and hard deletes alike, so no write path can forget.
 *
 * - PostgreSQL: one statement-level trigger per table and event, over the statement's
 *   transition table, so a 500-row INSERT adds its 500 change rows in one more INSERT; the
 *   txid is the writing transaction's (`pg_current_xact_id()`), as recordChanges wrote it.
 * - SQLite has row triggers only; each takes `max(txid) + 1` (indexed), the same growing
 *   counter as `dialect.currentTxid()`: one writer at a time, commits in write order.
 *
 * A synced table added later needs its own migration with the same triggers (a line in a copy
 * of SYNCED); test/integration/sync-completeness fails for a kind in SYNC_ENTITIES without one.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectSeam } from '../dialect';

/** Synced table → the column naming the owning reporting unit (null: commune-wide records). */
export const SYNCED: Record<string, string | null> = {
  units: null,
  plans: null,
  periods: null,
  targets: null,
  assignments: 'unit_id',
  reports: 'unit_id',
  reviews: 'unit_id',
  households: 'unit_id',
};

const EVENTS = ['insert', 'update', 'delete'] as const;

export function changeTriggers(seam: DialectSeam, synced: Record<string, string | null> = SYNCED): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const [table, unitColumn] of Object.entries(synced)) {
        if (seam.name === 'postgres') await postgresTriggers(db, table, unitColumn);
        else await sqliteTriggers(db, table, unitColumn);
      }
    },
  };
}

/** A row moved to another commune or unit: its old audience must hear it went too. */
const moved = (unitColumn: string | null, o: string, n: string) =>
  unitColumn ? `(${o}.commune_id is distinct from ${n}.commune_id or ${o}.${unitColumn} is distinct from ${n}.${unitColumn})`
    : `${o}.commune_id is distinct from ${n}.commune_id`;

async function sqliteTriggers(db: Kysely<any>, table: string, unitColumn: string | null): Promise<void> {
  const values = (row: string) =>
    `values ((select coalesce(max(txid), 0) + 1 from changes), ${row}.commune_id, ${unitColumn ? `${row}.${unitColumn}` : 'null'}, '${table}', ${row}.id)`;
  const insert = 'insert into changes (txid, commune_id, unit_id, entity, entity_id)';
  await sql.raw(`create trigger changes_${table}_insert after insert on ${table} begin ${insert} ${values('new')}; end`).execute(db);
  await sql.raw(`create trigger changes_${table}_update after update on ${table} begin ${insert} ${values('new')}; end`).execute(db);
  await sql.raw(`create trigger changes_${table}_moved after update on ${table} when ${moved(unitColumn, 'old', 'new').replaceAll('is distinct from', 'is not')}
    begin ${insert} ${values('old')}; end`).execute(db);
  await sql.raw(`create trigger changes_${table}_delete after delete on ${table} begin ${insert} ${values('old')}; end`).execute(db);
}

async function postgresTriggers(db: Kysely<any>, table: string, unitColumn: string | null): Promise<void> {
  const insert = (rows: string, where = '') => `
      insert into changes (txid, commune_id, unit_id, entity, entity_id)
      select pg_current_xact_id()::text::bigint, o.commune_id, ${unitColumn ? `o.${unitColumn}` : 'null'}, '${table}', o.id from ${rows} ${where};`;
  // One function per table: plpgsql resolves a transition table only on the branch that runs.
  await sql.raw(`
    create function record_change_${table}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then ${insert('old_rows o')}
      elsif tg_op = 'UPDATE' then ${insert('new_rows o')}
        ${insert('old_rows o join new_rows n on n.id = o.id', `where ${moved(unitColumn, 'o', 'n')}`)}
      else ${insert('new_rows o')}
      end if;
      return null;
    end $$`).execute(db);
  const transitions = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' };
  for (const event of EVENTS) {
    await sql.raw(`
      create trigger changes_${table}_${event} after ${event} on ${table}
      referencing ${transitions[event]} for each statement execute function record_change_${table}()`).execute(db);
  }
}
