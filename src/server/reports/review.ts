/**
 * Office decisions on reports: approve, or return with a reason. A report is decided once
 * (the state moves from `submitted` in one conditional UPDATE, so two reviewers clicking at
 * once cannot both decide it), and the review plus change rows go in the same transaction
 * so the phone hears the outcome on its next sync. Only the unit's current report may be
 * approved (`review.not_current`: a newer one arrived); a comment typed before "Duyệt" is
 * kept with the approval. Every decision is audited in the same transaction.
 */
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import { canReview } from '../auth/policy';
import type { ReviewRequest, StoredReport, Review } from '../../shared/schemas/reports';
import { newerReportIdOf } from '../../shared/progress';
import { uuidv7 } from '../../shared/ids';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { announceUnchanged, type ChangeInput } from '../db/queries/changes';
import { decideReport, findReport, findSiblingHeads, insertReview } from '../db/queries/reports';
import { reportFromRow, reviewFromRow } from '../db/queries/records';
import { storedReports } from '../db/queries/report-views';
import { actorOf, recordAudit } from '../db/queries/audit';

/** `refuseWarnings`: a report that raised warnings is not approved (bulk approval). */
export async function reviewReport(
  deps: AppDeps, principal: Principal, reportId: string, request: ReviewRequest, options: { refuseWarnings?: boolean } = {},
): Promise<{ report: StoredReport; review: Review }> {
  // A reason to return, or a comment with an approval: whichever field the screen used.
  const reason = (request.decision === 'return' ? request.reason ?? request.comment : request.comment ?? request.reason)?.trim() || null;
  if (request.decision === 'return' && !reason) throw new ApiError('review.reason_required', 'reason');
  return inTransaction(deps.db, async (tx) => {
    const report = await findReport(tx, reportId);
    // Another commune's report is "not found": ids must not leak across communes.
    if (!report || !canReview(principal, report.commune_id)) throw new ApiError('not_found');
    if (report.state !== 'submitted') throw new ApiError('review.already_decided');
    if (options.refuseWarnings && (JSON.parse(report.warnings_json) as unknown[]).length > 0) throw new ApiError('review.has_warnings');
    const siblings = await findSiblingHeads(tx, [{ unitId: report.unit_id, planId: report.plan_id, periodId: report.period_id }]);
    if (request.decision === 'approve') {
      const newerReportId = newerReportIdOf(reportFromRow(report), siblings);
      if (newerReportId) throw new ApiError('review.not_current', undefined, { newerReportId });
    }
    const state = request.decision === 'approve' ? 'approved' : 'returned';
    if (!(await decideReport(tx, report.id, state))) throw new ApiError('review.already_decided');
    const at = deps.clock().toISOString();
    const review = {
      id: uuidv7(deps.clock().getTime()),
      report_id: report.id,
      commune_id: report.commune_id,
      unit_id: report.unit_id,
      decision: request.decision,
      reason,
      reviewer_id: principal.userId,
      reviewer_name: principal.name,
      at,
    };
    await insertReview(tx, review);
    // The report's new state and the review reach phones by themselves (triggers). Approving a
    // correction replaces the approved figure it corrects, and returning a report may make an
    // older one current again (its `newerReportId` changes): their rows do not change, so announce them.
    const unchanged: ChangeInput[] = [];
    if (state === 'approved' && report.correction_of) {
      unchanged.push({ entity: 'reports', entityId: report.correction_of, communeId: report.commune_id, unitId: report.unit_id });
    }
    if (state === 'returned') {
      for (const s of siblings) {
        if (s.id !== report.id) unchanged.push({ entity: 'reports', entityId: s.id, communeId: report.commune_id, unitId: report.unit_id });
      }
    }
    await announceUnchanged(tx, unchanged);
    await recordAudit(tx, {
      actor: actorOf(principal), at, communeId: report.commune_id, action: `review.${request.decision}`, entity: 'report', entityId: report.id,
      before: { state: report.state }, after: { state, reason },
    });
    const [stored] = await storedReports(tx, [{ ...report, state }]);
    return { report: stored!, review: reviewFromRow(review) };
  });
}

export interface BulkResult {
  id: string;
  status: 'approved' | 'skipped';
  code?: string;
}

/**
 * "Duyệt hàng loạt": approves each report that raises no warning and is its unit's current
 * one; the rest are skipped with the reason's code, for the reviewer to open one by one.
 * Each approval is its own transaction, deciding on the row it reads there, so one skipped
 * report never holds the others back.
 */
export async function bulkApprove(deps: AppDeps, principal: Principal, ids: readonly string[]): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of new Set(ids)) {
    try {
      await reviewReport(deps, principal, id, { decision: 'approve' }, { refuseWarnings: true });
      results.push({ id, status: 'approved' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({ id, status: 'skipped', code: error.code });
    }
  }
  return results;
}
