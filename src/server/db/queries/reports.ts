/**
 * Reports in the database: the batch prefetch the ingest needs (a handful of queries for a
 * whole batch, never one per value), the insert-once, and the office's list and review.
 */
import { sql, type Selectable } from 'kysely';
import { underSavepoint, type DbHandle } from '../handle';
import { isForeignKeyViolation, isUniqueViolation } from '../dialect';
import type { ReportsTable, ReviewsTable } from '../schema';

const CHUNK = 400;

/** Runs `query` over `ids` in chunks (SQLite limits bound parameters) and concatenates. */
async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await query(unique.slice(i, i + CHUNK))));
  return out;
}

export interface StoredIdentity {
  id: string;
  content_hash: string;
  received_at: string;
  unit_id: string;
  commune_id: string;
}

export function findReportIdentities(db: DbHandle, ids: readonly string[]): Promise<StoredIdentity[]> {
  return inChunks(ids, (chunk) =>
    db.kysely.selectFrom('reports').select(['id', 'content_hash', 'received_at', 'unit_id', 'commune_id']).where('id', 'in', chunk).execute());
}

export function findUnitsForIngest(db: DbHandle, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db.kysely.selectFrom('units').select(['id', 'kind', 'commune_id', 'deleted']).where('id', 'in', chunk).execute());
}

export function findPlansForIngest(db: DbHandle, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db.kysely.selectFrom('plans').select(['id', 'commune_id', 'deleted', 'status', 'grace_days', 'closed_at']).where('id', 'in', chunk).execute());
}

export function findPeriodsForIngest(db: DbHandle, ids: readonly string[]) {
  return inChunks(ids, (chunk) =>
    db.kysely.selectFrom('periods').select(['id', 'plan_id', 'deleted', 'deadline', 'locked_at']).where('id', 'in', chunk).execute());
}

export function findTargetsOfPlans(db: DbHandle, planIds: readonly string[]) {
  return inChunks(planIds, (chunk) =>
    db.kysely.selectFrom('targets').select(['id', 'plan_id', 'parent_id', 'measure', 'out_of', 'deleted', 'whole_number', 'commune_only', 'value', 'comparator', 'link_json'])
      .where('plan_id', 'in', chunk).execute());
}

export function findAssignmentsOfUnits(db: DbHandle, unitIds: readonly string[], planIds: readonly string[]) {
  return inChunks(unitIds, (chunk) =>
    db.kysely.selectFrom('assignments').select(['unit_id', 'plan_id', 'target_id', 'share'])
      .where('unit_id', 'in', chunk).where('plan_id', 'in', [...new Set(planIds)]).execute());
}

export interface ReportHead {
  id: string;
  unit_id: string;
  plan_id: string;
  period_id: string;
  created_at: string;
  supersedes: string | null;
  state: string;
}

const HEAD = ['id', 'unit_id', 'plan_id', 'period_id', 'created_at', 'supersedes', 'state'] as const;

export function findReportHeads(db: DbHandle, ids: readonly string[]): Promise<ReportHead[]> {
  return inChunks(ids, (chunk) => db.kysely.selectFrom('reports').select(HEAD).where('id', 'in', chunk).execute());
}

/** Approved reports of these units for these plans: to tell a correction from a first report. */
export function findApprovedReports(db: DbHandle, unitIds: readonly string[], planIds: readonly string[]): Promise<ReportHead[]> {
  return inChunks(unitIds, (chunk) =>
    db.kysely.selectFrom('reports').select(HEAD)
      .where('unit_id', 'in', chunk).where('plan_id', 'in', [...new Set(planIds)]).where('state', '=', 'approved').execute());
}

/** Inserts the rows whose id is not stored yet; returns the ids this statement stored. */
export async function insertReportsOnce(db: DbHandle, rows: readonly Selectable<ReportsTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.kysely.insertInto('reports').values([...rows])
    .onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  return inserted.map((r) => r.id);
}

/**
 * `insertReportsOnce` under a savepoint of the open transaction: the ids stored, or null when
 * the rows broke a key (a plan or period deleted since the checks; rare), rolled back to the
 * savepoint so the transaction's other writes stay.
 */
export async function insertReportsUnderSavepoint(tx: DbHandle, rows: readonly Selectable<ReportsTable>[]): Promise<Set<string> | null> {
  const done = await underSavepoint(tx, 'chunk', () => insertReportsOnce(tx, rows),
    (error) => isUniqueViolation(error) || isForeignKeyViolation(error));
  return done && new Set(done.value);
}

/** What ranking needs of a report (shared/progress.ts), without its values. */
export interface RankHead {
  id: string;
  unitId: string;
  planId: string;
  periodId: string;
  createdAt: string;
  receivedAt: string;
  clockSkew: boolean;
  supersedes: string | null;
  state: 'submitted' | 'approved' | 'returned';
  communeId: string;
}

/** The heads of every report of the same unit, plan and period as any of these. */
export async function findSiblingHeads(db: DbHandle, of: readonly { unitId: string; planId: string; periodId: string }[]): Promise<RankHead[]> {
  if (of.length === 0) return [];
  const groups = new Set(of.map((r) => `${r.unitId}|${r.planId}|${r.periodId}`));
  const rows = await inChunks(of.map((r) => r.unitId), (chunk) =>
    db.kysely.selectFrom('reports')
      .select(['id', 'unit_id', 'plan_id', 'period_id', 'created_at', 'received_at', 'clock_skew', 'supersedes', 'state', 'commune_id'])
      .where('unit_id', 'in', chunk).where('period_id', 'in', [...new Set(of.map((r) => r.periodId))]).execute());
  return rows.filter((r) => groups.has(`${r.unit_id}|${r.plan_id}|${r.period_id}`)).map((r) => ({
    id: r.id, unitId: r.unit_id, planId: r.plan_id, periodId: r.period_id, createdAt: r.created_at, receivedAt: r.received_at,
    clockSkew: r.clock_skew === 1, supersedes: r.supersedes, state: r.state as RankHead['state'], communeId: r.commune_id,
  }));
}

/**
 * For the groups (unit, plan, period) of reports about to be stored, the report(s) that are
 * the group's newest by createdAt now: their `newerReportId` changes once these are stored.
 * Asked BEFORE the insert, one statement per group: the group's max(created_at) is a single
 * seek at the end of its range of the index (unit_id, plan_id, period_id, created_at), and
 * the reports at that instant a second seek. (A grouped max over `unit_id in (…)` read every
 * report the unit ever sent for those periods: a cost that grew with each push, ~1 ms per
 * request after a few thousand reports in the small-pushes benchmark.)
 */
export async function previousNewest(
  db: DbHandle, incoming: readonly { unitId: string; planId: string; periodId: string }[],
): Promise<{ id: string; unit_id: string; commune_id: string }[]> {
  const groups = new Map(incoming.map((r) => [`${r.unitId}|${r.planId}|${r.periodId}`, r]));
  const out: { id: string; unit_id: string; commune_id: string }[] = [];
  for (const g of groups.values()) {
    out.push(...await db.kysely.selectFrom('reports').select(['id', 'unit_id', 'commune_id'])
      .where('unit_id', '=', g.unitId).where('plan_id', '=', g.planId).where('period_id', '=', g.periodId)
      .where('created_at', '=', (eb) => eb.selectFrom('reports').select((e) => e.fn.max('created_at').as('newest'))
        .where('unit_id', '=', g.unitId).where('plan_id', '=', g.planId).where('period_id', '=', g.periodId))
      .execute());
  }
  return out;
}

/** Every report of the same unit, plan and period as any of these (to tell which is current). */
export async function findSiblingReports(db: DbHandle, of: readonly { unitId: string; planId: string; periodId: string }[]) {
  if (of.length === 0) return [];
  const groups = new Set(of.map((r) => `${r.unitId}|${r.planId}|${r.periodId}`));
  const rows = await inChunks(of.map((r) => r.unitId), (chunk) =>
    db.kysely.selectFrom('reports').selectAll().where('unit_id', 'in', chunk)
      .where('period_id', 'in', [...new Set(of.map((r) => r.periodId))]).execute());
  return rows.filter((r) => groups.has(`${r.unit_id}|${r.plan_id}|${r.period_id}`));
}

/** Whether any report of the plan holds a value for this target (the target-change rule). */
export async function targetHasReports(db: DbHandle, planId: string, targetId: string): Promise<boolean> {
  // values_json is our own JSON.stringify, so the id appears as `"targetId":<json string>`;
  // LIKE narrows, parsing confirms (an id holding LIKE's wildcards cannot fool it).
  const needle = `"targetId":${JSON.stringify(targetId)}`.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db.kysely.selectFrom('reports').select('values_json').where('plan_id', '=', planId)
    .where(sql<boolean>`values_json like ${`%${needle}%`} escape '\\'`).limit(50).execute();
  return rows.some((r) => (JSON.parse(r.values_json) as { targetId: string }[]).some((v) => v.targetId === targetId));
}

export function findReport(db: DbHandle, id: string) {
  return db.kysely.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a submitted report to its decided state; false when someone decided first. */
export async function decideReport(db: DbHandle, id: string, state: 'approved' | 'returned'): Promise<boolean> {
  const result = await db.kysely.updateTable('reports').set({ state })
    .where('id', '=', id).where('state', '=', 'submitted').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findLatestReview(db: DbHandle, reportId: string) {
  return db.kysely.selectFrom('reviews').selectAll().where('report_id', '=', reportId).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export async function insertReview(db: DbHandle, row: Selectable<ReviewsTable>): Promise<void> {
  await db.kysely.insertInto('reviews').values(row).execute();
}

export interface ReportFilter {
  communeId: string;
  planId?: string;
  periodId?: string;
  unitId?: string;
  state?: string;
  /** Paging: ids after this one (UUIDv7 ids sort by creation). */
  after?: string;
  limit: number;
}

export function listReports(db: DbHandle, f: ReportFilter) {
  let q = db.kysely.selectFrom('reports').selectAll().where('commune_id', '=', f.communeId);
  if (f.planId) q = q.where('plan_id', '=', f.planId);
  if (f.periodId) q = q.where('period_id', '=', f.periodId);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit).execute();
}
