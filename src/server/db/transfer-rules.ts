/**
 * How each table moves with a commune (npm run export-commune / import-commune). EVERY table
 * of the schema needs a rule here — the transfer test lists the tables the migrations create
 * and fails on one without — so a new table cannot be silently left behind by a move.
 *
 * - `commune`: the rows of the commune, selected by `where`, copied with their ids. Listed
 *   in insertion order (a row's foreign keys point to tables above it). `deferred` columns
 *   reference the same table and are set after all its rows are in.
 * - `reference`: shared catalogue rows (the same for every commune): all are exported; the
 *   import adds those the target lacks and keeps its own.
 * - `regenerated`: not copied; the import writes it anew (the sync log: its sequence and
 *   transaction ids belong to one database, so the target logs every imported record itself).
 * - `skip`: belongs to the database, not the commune; `why` says why.
 */
import { sql, type RawBuilder } from 'kysely';
import type { SyncEntity } from '../../shared/schemas/sync';

export type TransferRule =
  | {
      table: string;
      mode: 'commune';
      /** SQL condition selecting the commune's rows; `c` is the commune id. */
      where: (c: string) => RawBuilder<boolean>;
      key: string;
      deferred?: string[];
      /** Logged in `changes` on import, so phones and office screens sync the record. */
      sync?: { entity: SyncEntity; unitColumn?: string };
      /** Columns not carried: the target makes them anew (an autoincrement sequence). */
      omit?: string[];
    }
  | { table: string; mode: 'reference'; key: string }
  | { table: string; mode: 'regenerated' | 'skip'; why: string };

const byCommune = (c: string) => sql<boolean>`commune_id = ${c}`;
const byCommuneUser = (c: string) => sql<boolean>`user_id in (select id from users where commune_id = ${c})`;

export const TRANSFER_RULES: readonly TransferRule[] = [
  { table: 'units', mode: 'commune', key: 'id', where: (c) => sql<boolean>`(commune_id = ${c} or id = ${c})`, deferred: ['parent_id', 'successor_id'], sync: { entity: 'units' } },
  { table: 'users', mode: 'commune', key: 'id', where: byCommune },
  // Devices and their tokens move too (only hashes are stored): a phone pointed at the same
  // address keeps working after the move, without a new enrollment.
  { table: 'devices', mode: 'commune', key: 'id', where: byCommuneUser },
  { table: 'auth_tokens', mode: 'commune', key: 'token_hash', where: byCommuneUser },
  { table: 'enrollment_codes', mode: 'commune', key: 'code_hash', where: byCommuneUser },
  // An admin's open invitation moves with them (a hash only); the link keeps working at the same address.
  { table: 'invitations', mode: 'commune', key: 'token_hash', where: byCommuneUser },
  { table: 'login_failures', mode: 'skip', why: 'failed logins count for 15 minutes per username; a moved commune starts without lockouts' },
  { table: 'plans', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'plans' } },
  { table: 'periods', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'periods' } },
  { table: 'targets', mode: 'commune', key: 'id', where: byCommune, deferred: ['parent_id'], sync: { entity: 'targets' } },
  { table: 'assignments', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'assignments', unitColumn: 'unit_id' } },
  { table: 'reports', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'reports', unitColumn: 'unit_id' } },
  { table: 'reviews', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'reviews', unitColumn: 'unit_id' } },
  { table: 'households', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'households', unitColumn: 'unit_id' } },
  // The register's history (what makes a phone's resend harmless) and its ticks move with it.
  { table: 'household_changes', mode: 'commune', key: 'id', where: byCommune },
  { table: 'assessments', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'assessments', unitColumn: 'unit_id' } },
  { table: 'checklist_sets', mode: 'reference', key: 'id' },
  // Shipped sets and communes' own village-level sets alike: catalogue rows, kept by id.
  { table: 'criteria_sets', mode: 'reference', key: 'id' },
  // The NTM tracker: the commune's choice of set and group, and every recorded indicator state.
  { table: 'ntm_trackers', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'ntm_trackers' } },
  { table: 'ntm_indicator_states', mode: 'commune', key: 'id', where: byCommune, sync: { entity: 'ntm_indicator_states', unitColumn: 'unit_id' } },
  // The office's words for its printed reports, one row per period.
  { table: 'report_notes', mode: 'commune', key: 'period_id', where: byCommune },
  // The commune's audit trail moves with it; its `seq` is this database's order and is made anew.
  { table: 'audit_log', mode: 'commune', key: 'id', where: byCommune, omit: ['seq'] },
  { table: 'changes', mode: 'regenerated', why: 'sequence and transaction ids are one database\'s; the import logs each record anew' },
  { table: 'app_meta', mode: 'skip', why: 'one-time claims of this database (first-run setup), not of a commune' },
];

/** Tables the migrator owns. */
export const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];
