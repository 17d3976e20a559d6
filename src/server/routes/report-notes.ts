/**
 * The office's own words for a period's A4 progress report ("Đánh giá chung", "Tồn tại, hạn
 * chế", "Phương hướng"), kept with the period so the printout can be made again. Office and
 * admin of the plan's commune only: the operator has no business writing a commune's report.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { ReportNotes, ReportNotesInput } from '../../shared/schemas/report-notes';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { findReportNotes, periodOfPlanExists, saveReportNotes } from '../db/queries/report-notes';
import { planInScope } from './office-scope';
import { inTransaction } from '../db/handle';
import { actorOf, recordAudit } from '../db/queries/audit';
import type { DbHandle } from '../db/handle';
import type { LockMode } from '../db/dialect';
import type { Principal } from '../auth/policy';

const Params = z.object({ planId: Id, periodId: Id });
const WRITERS = ['office', 'admin'] as const;

async function periodInScope(db: DbHandle, principal: Principal, planId: string, periodId: string, lock?: LockMode) {
  const plan = await planInScope(db, principal, planId, lock);
  if (!(await periodOfPlanExists(db, planId, periodId))) throw new ApiError('not_found');
  return plan;
}

export default defineArea('/plans', 'Báo cáo kết quả', [
  defineRoute(
    {
      method: 'get', path: '/:planId/periods/:periodId/report-notes', access: WRITERS,
      summary: 'Phần lời của báo cáo kết quả một kỳ (đánh giá chung, tồn tại hạn chế, phương hướng)',
      request: { params: Params }, responses: { 200: ReportNotes },
    },
    async ({ deps, principal, params }) => {
      await periodInScope(deps.db, principal, params.planId, params.periodId);
      return findReportNotes(deps.db, params.planId, params.periodId);
    },
  ),
  defineRoute(
    {
      method: 'put', path: '/:planId/periods/:periodId/report-notes', access: WRITERS,
      summary: 'Lưu phần lời của báo cáo kết quả một kỳ, trước khi in',
      request: { params: Params, body: ReportNotesInput }, responses: { 200: ReportNotes },
    },
    async ({ deps, principal, params, body }) => {
      const at = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        // Under the plan's lock (its writers rewrite periods): the period still exists when the
        // notes are saved, and of two saves at once the second audits the first's text as before.
        const plan = await periodInScope(tx, principal, params.planId, params.periodId, 'update');
        const before = await findReportNotes(tx, params.planId, params.periodId);
        await saveReportNotes(tx, { planId: params.planId, periodId: params.periodId, communeId: plan.commune_id, userId: principal.userId }, body, at);
        await recordAudit(tx, {
          actor: actorOf(principal), at, communeId: plan.commune_id, action: 'report_notes.update', entity: 'period', entityId: params.periodId,
          before: { general: before.general, shortcomings: before.shortcomings, directions: before.directions }, after: body,
        });
      });
      return findReportNotes(deps.db, params.planId, params.periodId);
    },
  ),
]);
