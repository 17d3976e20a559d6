/**
 * One report as the reviewer opens it: the report (with late, warnings, newer report), its
 * latest review, the unit, EVERY target the unit carries — with its share and the value sent,
 * or null for "chưa nhập" — and the report before it, to compare with.
 */
import * as z from 'zod/mini';
import { StoredReport, Review, ReportValue } from '../../shared/schemas/reports';
import { Target } from '../../shared/schemas/targets';
import { Unit } from '../../shared/schemas/units';
import { isNewerReport } from '../../shared/progress';
import type { DbHandle } from '../db/handle';
import type { Principal } from '../auth/policy';
import { canReview } from '../auth/policy';
import { ApiError } from '../http/errors';
import { findReport, findSiblingReports, findLatestReview } from '../db/queries/reports';
import { storedReports } from '../db/queries/report-views';
import { reviewFromRow, unitFromRow } from '../db/queries/records';
import { findUnit } from '../db/queries/units';
import { listTargets } from '../db/queries/targets';
import { listAssignments } from '../db/queries/assignments';

export const ReportDetail = z.object({
  report: StoredReport,
  review: z.nullable(Review),
  unit: Unit,
  targets: z.array(z.object({ target: Target, share: z.nullable(z.number()), value: z.nullable(ReportValue) })),
  previous: z.nullable(StoredReport),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export async function reportDetail(db: DbHandle, principal: Principal, id: string): Promise<ReportDetail> {
  const row = await findReport(db, id);
  if (!row || !canReview(principal, row.commune_id)) throw new ApiError('not_found');
  const unitRow = await findUnit(db, row.unit_id);
  if (!unitRow) throw new ApiError('not_found');
  const [report] = await storedReports(db, [row]);
  const siblings = await storedReports(db, await findSiblingReports(db, [{ unitId: row.unit_id, planId: row.plan_id, periodId: row.period_id }]));
  const reviewRow = await findLatestReview(db, row.id);

  const targets = await listTargets(db, row.plan_id);
  const shares = new Map((await listAssignments(db, row.plan_id)).filter((a) => a.unitId === row.unit_id).map((a) => [a.targetId, a.share]));
  // What the unit carries: its assigned targets and their breakdowns; the commune unit, the
  // commune-only ones. Targets it sent a value for are always listed (even if since unassigned).
  const values = new Map(report!.values.map((v) => [v.targetId, v]));
  const carried = new Set<string>(unitRow.kind === 'commune' ? targets.filter((t) => t.communeOnly).map((t) => t.id) : shares.keys());
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of targets) if (t.parentId && carried.has(t.parentId) && !carried.has(t.id)) { carried.add(t.id); grew = true; }
  }
  const lines = targets
    .filter((t) => carried.has(t.id) || values.has(t.id))
    .map((t) => ({ target: t, share: shares.get(t.id) ?? null, value: values.get(t.id) ?? null }));

  const byId = new Map(siblings.map((s) => [s.id, s]));
  const earlier = siblings.filter((s) => s.id !== report!.id && isNewerReport(report!, s));
  const previous = (report!.correctionOf ? byId.get(report!.correctionOf) : undefined)
    ?? (report!.supersedes ? byId.get(report!.supersedes) : undefined)
    ?? earlier.reduce<StoredReport | null>((best, s) => (!best || isNewerReport(s, best) ? s : best), null);
  return { report: report!, review: reviewRow ? reviewFromRow(reviewRow) : null, unit: unitFromRow(unitRow), targets: lines, previous: previous ?? null };
}
