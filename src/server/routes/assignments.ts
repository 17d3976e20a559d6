/**
 * Who carries which target: the office gives each target to villages and associations of
 * its commune, with each one's share. PUT replaces the whole set for one target, so the
 * office screen sends what it shows and never has to compute a difference.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { Assignment } from '../../shared/schemas/targets';
import { REPORTING_KINDS } from '../../shared/schemas/units';
import { AssignmentsPut } from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import { inTransaction } from '../db/handle';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { listAssignments, listAssignmentsOfTarget, replaceAssignments } from '../db/queries/assignments';
import { actorOf, recordAudit } from '../db/queries/audit';
import { findUnit } from '../db/queries/units';
import { planInScope, targetInScope } from './office-scope';

const Assignments = z.object({ assignments: z.array(Assignment) });

export default defineArea('', 'Giao chỉ tiêu', [
  defineRoute(
    { method: 'get', path: '/plans/:planId/assignments', access: ['office', 'admin', 'operator'], summary: 'Chỉ tiêu đã giao cho từng đơn vị',
      request: { params: z.object({ planId: Id }) }, responses: { 200: Assignments } },
    async ({ deps, principal, params }) => {
      const plan = await planInScope(deps.db, principal, params.planId);
      return { assignments: await listAssignments(deps.db, plan.id) };
    },
  ),
  defineRoute(
    { method: 'put', path: '/targets/:id/assignments', access: ['office', 'admin'], summary: 'Giao một chỉ tiêu cho các thôn, làng, hội (thay toàn bộ danh sách)',
      request: { params: z.object({ id: Id }), body: AssignmentsPut }, responses: { 200: Assignments } },
    async ({ deps, principal, params, body }) => {
      const { target, plan } = await targetInScope(deps.db, principal, params.id);
      const seen = new Set<string>();
      for (const [i, a] of body.assignments.entries()) {
        const path = `assignments.${i}.unitId`;
        if (seen.has(a.unitId)) throw new ApiError('assignment.duplicate_unit', path);
        seen.add(a.unitId);
        const unit = await findUnit(deps.db, a.unitId);
        if (!unit || unit.deleted || unit.commune_id !== plan.commune_id) throw new ApiError('not_found', path);
        if (!REPORTING_KINDS.includes(unit.kind as never)) throw new ApiError('unit.not_reporting', path);
        if (unit.successor_id) throw new ApiError('unit.replaced', path);
        if (unit.closed_at) throw new ApiError('unit.closed', path);
        if (a.share !== null && a.share < 0) throw new ApiError('value.negative', `assignments.${i}.share`);
      }
      const now = deps.clock();
      const assignments = await inTransaction(deps.db, async (tx) => {
        const before = (await listAssignmentsOfTarget(tx, target.id)).map(({ unitId, share }) => ({ unitId, share }));
        const after = await replaceAssignments(tx, target, plan.commune_id, body.assignments, () => uuidv7(now.getTime()));
        await recordAudit(tx, {
          actor: actorOf(principal), at: now.toISOString(), communeId: plan.commune_id, action: 'assignment.replace', entity: 'target',
          entityId: target.id, before, after: after.map(({ unitId, share }) => ({ unitId, share })),
        });
        return after;
      });
      return { assignments };
    },
  ),
]);
