/**
 * A plan's life: draft → active (checked: every target carried) → closed at year end; and a
 * period locked or unlocked by the office. Each change is audited in its own transaction.
 * Activation logs the plan's periods, targets and assignments again, because field sync held
 * them back while it was a draft (sync/sync-page.ts).
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { Plan, Period } from '../../shared/schemas/plans';
import { ActivationWarning } from '../../shared/schemas/office';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { findPlan, listPeriods, setPlanStatus, findPeriod, setPeriodLock, planRecordChanges, toPlan } from '../db/queries/plans';
import { listTargets } from '../db/queries/targets';
import { listAssignments } from '../db/queries/assignments';
import { actorOf, recordAudit } from '../db/queries/audit';
import { periodFromRow } from '../db/queries/records';
import { checkActivation } from '../office/activation';
import { planInScope } from './office-scope';
import { isOfficeOf } from '../auth/policy';

const OFFICE = ['office', 'admin'] as const;
const IdParams = z.object({ id: Id });

export default defineArea('', 'Kế hoạch', [
  defineRoute(
    { method: 'post', path: '/plans/:id/activate', access: OFFICE,
      summary: 'Đưa kế hoạch vào thực hiện (409 plan.not_ready kèm các chỉ tiêu chưa giao; cảnh báo khi tổng phần giao lệch chỉ tiêu)',
      request: { params: IdParams }, responses: { 200: z.object({ plan: Plan, warnings: z.array(ActivationWarning) }) } },
    async ({ deps, principal, params }) => {
      const row = await planInScope(deps.db, principal, params.id);
      if (!isOfficeOf(principal, row.commune_id)) throw new ApiError('not_found');
      if (row.status === 'closed') throw new ApiError('plan.closed');
      const targets = await listTargets(deps.db, row.id);
      const check = checkActivation(targets, await listAssignments(deps.db, row.id));
      if (check.missing.length > 0) throw new ApiError('plan.not_ready', undefined, { missing: check.missing });
      if (row.status !== 'active') {
        const now = deps.clock().toISOString();
        await inTransaction(deps.db, async (tx) => {
          await setPlanStatus(tx, row.id, 'active', null, now);
          await planRecordChanges(tx, row.id, row.commune_id);
          await recordAudit(tx, {
            actor: actorOf(principal), at: now, communeId: row.commune_id, action: 'plan.activate', entity: 'plan', entityId: row.id,
            before: { status: row.status }, after: { status: 'active', warnings: check.warnings.map((w) => w.targetId) },
          });
        });
      }
      return { plan: toPlan((await findPlan(deps.db, row.id))!), warnings: check.warnings };
    },
  ),
  defineRoute(
    { method: 'post', path: '/plans/:id/close', access: OFFICE,
      summary: 'Kết thúc kế hoạch (cuối năm): báo cáo lập trước lúc kết thúc vẫn được nhận (trễ hạn), sau đó thì không',
      request: { params: IdParams }, responses: { 200: z.object({ plan: Plan }) } },
    async ({ deps, principal, params }) => {
      const row = await planInScope(deps.db, principal, params.id);
      if (!isOfficeOf(principal, row.commune_id)) throw new ApiError('not_found');
      if (row.status === 'draft') throw new ApiError('plan.not_active');
      if (row.status !== 'closed') {
        const now = deps.clock().toISOString();
        await inTransaction(deps.db, async (tx) => {
          await setPlanStatus(tx, row.id, 'closed', now, now);
          await recordAudit(tx, {
            actor: actorOf(principal), at: now, communeId: row.commune_id, action: 'plan.close', entity: 'plan', entityId: row.id,
            before: { status: row.status, closedAt: row.closed_at }, after: { status: 'closed', closedAt: now },
          });
        });
      }
      return { plan: toPlan((await findPlan(deps.db, row.id))!) };
    },
  ),
  ...(['lock', 'unlock'] as const).map((action) => defineRoute(
    { method: 'post', path: `/periods/:id/${action}`, access: OFFICE,
      summary: action === 'lock'
        ? 'Khoá kỳ báo cáo: báo cáo nhận sau lúc khoá được đánh dấu trễ hạn (vẫn được nhận, chờ duyệt)'
        : 'Mở khoá kỳ báo cáo',
      request: { params: IdParams }, responses: { 200: z.object({ period: Period }) } },
    async ({ deps, principal, params }) => {
      const period = await findPeriod(deps.db, params.id);
      const plan = period ? await findPlan(deps.db, period.plan_id) : undefined;
      if (!period || !plan || !isOfficeOf(principal, plan.commune_id)) throw new ApiError('not_found');
      const lockedAt = action === 'lock' ? (period.locked_at ?? deps.clock().toISOString()) : null;
      if (lockedAt !== period.locked_at) {
        const now = deps.clock().toISOString();
        await inTransaction(deps.db, async (tx) => {
          await setPeriodLock(tx, period.id, plan.commune_id, lockedAt);
          await recordAudit(tx, {
            actor: actorOf(principal), at: now, communeId: plan.commune_id, action: `period.${action}`, entity: 'period', entityId: period.id,
            before: { lockedAt: period.locked_at }, after: { lockedAt },
          });
        });
      }
      return { period: (await listPeriods(deps.db, plan.id)).find((p) => p.id === period.id) ?? periodFromRow({ ...period, locked_at: lockedAt }) };
    },
  )),
]);
