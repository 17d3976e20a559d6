/**
 * Office decisions on reports: approve, or return with a reason. A report is decided once
 * (the state moves from `submitted` in one conditional UPDATE, so two reviewers clicking at
 * once cannot both decide it), and the review plus change rows go in the same transaction
 * so the phone hears the outcome on its next sync.
 */
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import { canReview } from '../auth/policy';
import type { ReviewRequest, StoredReport, Review } from '../../shared/schemas/reports';
import { uuidv7 } from '../../shared/ids';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { announceUnchanged } from '../db/queries/changes';
import { decideReport, findReport, insertReview } from '../db/queries/reports';
import { reportFromRow, reviewFromRow } from '../db/queries/records';

export async function reviewReport(
  deps: AppDeps, principal: Principal, reportId: string, request: ReviewRequest,
): Promise<{ report: StoredReport; review: Review }> {
  const reason = request.reason?.trim() || null;
  if (request.decision === 'return' && !reason) throw new ApiError('review.reason_required', 'reason');
  return inTransaction(deps.db, async (tx) => {
    const report = await findReport(tx, reportId);
    // Another commune's report is "not found": ids must not leak across communes.
    if (!report || !canReview(principal, report.commune_id)) throw new ApiError('not_found');
    const state = request.decision === 'approve' ? 'approved' : 'returned';
    if (!(await decideReport(tx, report.id, state))) throw new ApiError('review.already_decided');
    const review = {
      id: uuidv7(deps.clock().getTime()),
      report_id: report.id,
      commune_id: report.commune_id,
      unit_id: report.unit_id,
      decision: request.decision,
      reason,
      reviewer_id: principal.userId,
      reviewer_name: principal.name,
      at: deps.clock().toISOString(),
    };
    await insertReview(tx, review);
    // The report's new state and the review reach phones by themselves (triggers). Approving a
    // correction replaces the approved figure it corrects, whose row does not change: announce it.
    if (state === 'approved' && report.correction_of) {
      await announceUnchanged(tx, [{ entity: 'reports', entityId: report.correction_of, communeId: report.commune_id, unitId: report.unit_id }]);
    }
    return { report: reportFromRow({ ...report, state }), review: reviewFromRow(review) };
  });
}
