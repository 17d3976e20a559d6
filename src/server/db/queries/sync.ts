/**
 * The sync read: what changed, in the caller's scope, since their cursor.
 *
 * Why not simply "changes with seq > cursor"? On PostgreSQL a sequence number is taken when
 * a row is written, not when its transaction commits. Transaction A takes seq 10 and is still
 * open; B takes seq 11 and commits; a phone syncs, sees 11 and moves its cursor past it; then
 * A commits — and seq 10 is never sent. A log ordered by commit time does not exist, so we
 * bound the read by what is certainly finished instead:
 *
 * - every change row carries `txid`, the id of the transaction that wrote it
 *   (`pg_current_xact_id()`; on SQLite, where one writer at a time commits in write order,
 *   a counter that only grows — see dialect.ts);
 * - the HORIZON is the oldest write transaction still running in this database (see
 *   dialect.ts; on SQLite max(txid)+1), taken in a statement BEFORE the window is read:
 *   every transaction below it has finished, and any transaction that can still commit has
 *   a txid at or above it;
 * - a sync returns the changes with  from ≤ txid < horizon, ordered by (txid, seq), and the
 *   next window starts at that horizon. A transaction still open at sync time has txid ≥
 *   horizon, so its rows fall into a later window — late, never lost. (A long-running write
 *   transaction therefore holds back everyone's sync until it ends; ours are short.)
 *
 * A window larger than a page is paged by the last (txid, seq) returned, with the window's
 * end fixed in the cursor. Within a page each record appears once (the newest state is read
 * from its table, whatever the number of change rows); a missing or deleted row is sent as
 * a tombstone `{ id, deleted: true }`. The cursor is opaque to clients: base64url JSON.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../handle';
import type { SyncEntity } from '../../../shared/schemas/sync';
import {
  assessmentFromRow, assignmentFromRow, householdFromRow, periodFromRow, planFromRow, reviewFromRow, targetFromRow, unitFromRow,
} from './records';
import { storedReports } from './report-views';
import { findCriteriaSet, recordedOf } from './ntm';
import { listChecklists } from './checklists';
import type { NtmTrackerRecord } from '../../../shared/schemas/ntm';

export interface SyncCursor {
  /** Window start: the horizon of the previous completed window. */
  from: number;
  /** Window end while paging through it; null = take a new horizon now. */
  to: number | null;
  /** Last (txid, seq) returned in this window. */
  last: [number, number] | null;
  /** The database that made the cursor (app_meta database_id); null in cursors made before it was added. */
  db: string | null;
}

export const START_CURSOR: SyncCursor = { from: 0, to: null, last: null, db: null };

export function encodeCursor(c: SyncCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, f: c.from, t: c.to, l: c.last, ...(c.db ? { d: c.db } : {}) }), 'utf8').toString('base64url');
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Null for anything that is not a cursor we made. */
export function decodeCursor(text: string): SyncCursor | null {
  try {
    const raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v?: unknown; f?: unknown; t?: unknown; l?: unknown; d?: unknown };
    if (raw === null || typeof raw !== 'object') return null;
    if (raw.v !== 1 || !isInt(raw.f)) return null;
    if (raw.t !== null && !isInt(raw.t)) return null;
    if (raw.l !== null && !(Array.isArray(raw.l) && raw.l.length === 2 && isInt(raw.l[0]) && isInt(raw.l[1]))) return null;
    if (raw.d !== undefined && typeof raw.d !== 'string') return null;
    return { from: raw.f, to: raw.t, last: raw.l as [number, number] | null, db: raw.d ?? null };
  } catch {
    return null;
  }
}

/**
 * Whether a decoded cursor can be read against this database at this horizon: made here, and
 * not ahead of what this database has (a cursor from a restored backup's future, or from
 * another server whose log is longer). The horizon never moves back, so a cursor we made is
 * never ahead of it.
 */
export function cursorFits(c: SyncCursor, databaseId: string, horizon: number): boolean {
  if (c.db !== null && c.db !== databaseId) return false;
  if (c.from > horizon) return false;
  if (c.to !== null && (c.to < c.from || c.to > horizon)) return false;
  if (c.last !== null && (c.to === null || c.last[0] < c.from || c.last[0] >= c.to)) return false;
  return true;
}

/** Which change rows a caller may see. */
export type SyncScope =
  | { kind: 'unit'; communeId: string; unitId: string }
  | { kind: 'commune'; communeId: string }
  | { kind: 'all-but-households' };

const COMMUNE_WIDE: SyncEntity[] = ['units', 'plans', 'periods', 'targets', 'ntm_trackers'];

export async function currentHorizon(db: DbHandle): Promise<number> {
  return db.dialect.syncHorizon(db.kysely);
}

export interface ChangeRef {
  txid: number;
  seq: number;
  entity: SyncEntity;
  entity_id: string;
}

export async function readChanges(db: DbHandle, scope: SyncScope, from: number, to: number, last: [number, number] | null, limit: number): Promise<ChangeRef[]> {
  let q = db.kysely.selectFrom('changes').select(['txid', 'seq', 'entity', 'entity_id'])
    .where('txid', '>=', from).where('txid', '<', to);
  if (last) {
    const [txid, seq] = last;
    q = q.where((eb) => eb.or([eb('txid', '>', txid), eb.and([eb('txid', '=', txid), eb('seq', '>', seq)])]));
  }
  if (scope.kind === 'unit') {
    q = q.where('commune_id', '=', scope.communeId)
      .where((eb) => eb.or([eb('entity', 'in', COMMUNE_WIDE), eb('unit_id', '=', scope.unitId)]));
  } else if (scope.kind === 'commune') {
    q = q.where('commune_id', '=', scope.communeId);
  } else {
    // The operator sees counts, never a register: no households, no assessments, and no
    // indicator recordings (their notes and who wrote them; the tracker route gives counts).
    q = q.where('entity', 'not in', ['households', 'assessments', 'ntm_indicator_states']);
  }
  const rows = await q.orderBy('txid').orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ txid: Number(r.txid), seq: Number(r.seq), entity: r.entity as SyncEntity, entity_id: r.entity_id }));
}

type Loaded = Map<string, object | null>;

/** Choices as phones get them: with the set they name and the household checklists it counts on. */
async function ntmTrackerRecords(db: DbHandle, ids: string[]): Promise<Map<string, NtmTrackerRecord>> {
  const out = new Map<string, NtmTrackerRecord>();
  for (const r of await db.kysely.selectFrom('ntm_trackers').selectAll().where('id', 'in', ids).execute()) {
    const set = await findCriteriaSet(db, r.criteria_set_id);
    if (!set) continue;
    const codes = new Set(set.criteria.flatMap((c) => c.indicators.flatMap((i) => (i.householdShare ? [i.householdShare.checklistCode] : []))));
    const checklists = codes.size ? (await listChecklists(db, r.commune_id)).filter((c) => codes.has(c.code)) : [];
    out.set(r.id, { id: r.id, communeId: r.commune_id, level: r.level, group: (r.commune_group as 1 | 2 | 3 | null) ?? null, set, checklists, updatedAt: r.updated_at });
  }
  return out;
}

/** The current records of one entity, by id; null for a deleted one (→ tombstone). */
export async function loadRecords(db: DbHandle, entity: SyncEntity, ids: string[]): Promise<Loaded> {
  const out: Loaded = new Map();
  for (let i = 0; i < ids.length; i += 400) {
    const chunk = ids.slice(i, i + 400);
    const k = db.kysely;
    switch (entity) {
      case 'units':
        for (const r of await k.selectFrom('units').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, r.deleted ? null : unitFromRow(r));
        break;
      case 'plans':
        for (const r of await k.selectFrom('plans').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, r.deleted ? null : planFromRow(r));
        break;
      case 'periods':
        for (const r of await k.selectFrom('periods').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, r.deleted ? null : periodFromRow(r));
        break;
      case 'targets':
        for (const r of await k.selectFrom('targets').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, r.deleted ? null : targetFromRow(r));
        break;
      case 'assignments':
        for (const r of await k.selectFrom('assignments').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, assignmentFromRow(r));
        break;
      case 'reports':
        for (const r of await storedReports(db, await k.selectFrom('reports').selectAll().where('id', 'in', chunk).execute())) out.set(r.id, r);
        break;
      case 'reviews':
        for (const r of await k.selectFrom('reviews').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, reviewFromRow(r));
        break;
      case 'households':
        for (const r of await k.selectFrom('households').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, r.deleted ? null : householdFromRow(r));
        break;
      case 'assessments':
        for (const r of await k.selectFrom('assessments').selectAll().where('id', 'in', chunk).execute()) out.set(r.id, assessmentFromRow(r));
        break;
      case 'ntm_trackers':
        for (const [id, record] of await ntmTrackerRecords(db, chunk)) out.set(id, record);
        break;
      case 'ntm_indicator_states':
        for (const r of await k.selectFrom('ntm_indicator_states').selectAll().where('id', 'in', chunk).execute()) {
          const { id, unitId, indicatorCode, revision, state, figure, note, by, at } = recordedOf(r);
          out.set(r.id, { id, unitId, criteriaSetId: r.criteria_set_id, indicatorCode, revision, state, figure, note, by, at });
        }
        break;
    }
  }
  return out;
}

/** Of these plans, the ones still drafts (or gone): field users never receive what belongs to them. */
export async function draftPlanIds(db: DbHandle, planIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(planIds)];
  const live = new Set<string>();
  for (let i = 0; i < unique.length; i += 400) {
    const rows = await db.kysely.selectFrom('plans').select('id').where('id', 'in', unique.slice(i, i + 400))
      .where('status', '!=', 'draft').where('deleted', '=', 0).execute();
    for (const r of rows) live.add(r.id);
  }
  return new Set(unique.filter((id) => !live.has(id)));
}
