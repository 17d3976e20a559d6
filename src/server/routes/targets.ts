/**
 * A plan's targets. The bulk create is what the plan-import screen sends: all or nothing,
 * client-made ids, parents anywhere in the same batch, associations named as the plan names
 * them. A target given to an association is also assigned to it, so it can report at once.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { Target, defaultAggregation } from '../../shared/schemas/targets';
import { TargetsBatch, TargetPatch, type TargetInput } from '../../shared/schemas/office';
import { REPORTING_KINDS } from '../../shared/schemas/units';
import { uuidv7 } from '../../shared/ids';
import type { DbHandle } from '../db/handle';
import { inTransaction } from '../db/handle';
import { isUniqueViolation } from '../db/dialect';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import {
  listTargets, existingTargetIds, maxPosition, insertTargets, updateTarget, hasLiveChildren, deleteTarget, findTarget, toTarget,
} from '../db/queries/targets';
import { replaceAssignments } from '../db/queries/assignments';
import { actorOf, recordAudit, recordAudits } from '../db/queries/audit';
import { targetHasReports } from '../db/queries/reports';
import { defaultWholeNumber } from '../../shared/target-flags';
import { listUnits } from '../db/queries/units';
import { matchAssignee } from '../office/assignees';
import { planInScope, targetInScope, requireChange } from './office-scope';
import { findCriteriaSetByCode } from '../db/queries/ntm';
import { listChecklists } from '../db/queries/checklists';
import { linkMeasureProblem, registerLinkProblem } from '../../shared/target-links';
import type { ChecklistSet } from '../../shared/schemas/registers';

const OFFICE = ['office', 'admin'] as const;
const PlanParams = z.object({ planId: Id });
const IdParams = z.object({ id: Id });

/** The shape rules zod cannot see: a range has both bounds in order, x of y has its y. */
function checkShape(t: Pick<Target, 'comparator' | 'measure' | 'value' | 'valueMax' | 'outOf'>, path: string): void {
  if (t.comparator === 'range' && (t.value === null || t.valueMax === null || t.valueMax < t.value)) {
    throw new ApiError('target.bad_range', `${path}valueMax`);
  }
  if (t.measure === 'xOfY' && t.outOf === null) throw new ApiError('value.required', `${path}outOf`);
  if (t.measure === 'xOfY' && t.value !== null && t.outOf !== null && t.value > t.outOf) throw new ApiError('value.exceeds_out_of', `${path}value`);
  if (['atLeast', 'atMost', 'equal'].includes(t.comparator) && t.value === null && t.measure !== 'status') {
    throw new ApiError('value.required', `${path}value`);
  }
}

/**
 * A linked target (issue 10) must link to something that exists and fit it: a register link
 * names a checklist the commune may use (shipped or its own) and, if given, an item of it; the
 * measure must be what the link gives (households, a rate of households, x of y criteria).
 * Criteria sets are checked for shape only until the NTM tracker stores them.
 */
async function checkLink(
  db: DbHandle, communeId: string, t: Pick<Target, 'link' | 'measure' | 'unit'>, path: string, cache: { checklists: ChecklistSet[] | null },
): Promise<void> {
  const link = t.link;
  if (!link) return;
  if (link.kind === 'register') {
    cache.checklists ??= await listChecklists(db, communeId);
    const problem = registerLinkProblem(link, cache.checklists);
    if (problem) throw new ApiError(problem.code, `${path}link.${problem.field}`);
  }
  if (link.kind === 'criteria' && !(await findCriteriaSetByCode(db, communeId, link.criteriaSetCode))) {
    throw new ApiError('link.unknown_criteria_set', `${path}link.criteriaSetCode`);
  }
  const misfit = linkMeasureProblem(link, t);
  if (misfit) throw new ApiError(misfit, `${path}link`);
}

/** The reporting unit a target is given to: by id, or by the name the plan uses. */
async function resolveAssignee(
  db: DbHandle, communeId: string, input: Pick<TargetInput, 'assigneeUnitId' | 'assigneeName'>, path: string,
  units: { list: Awaited<ReturnType<typeof listUnits>> | null },
): Promise<string | null> {
  units.list ??= await listUnits(db, communeId);
  if (input.assigneeUnitId) {
    const unit = units.list.find((u) => u.id === input.assigneeUnitId);
    if (!unit) throw new ApiError('not_found', `${path}assigneeUnitId`);
    if (!REPORTING_KINDS.includes(unit.kind)) throw new ApiError('unit.not_reporting', `${path}assigneeUnitId`);
    return unit.id;
  }
  if (input.assigneeName && input.assigneeName.trim()) {
    const unit = matchAssignee(input.assigneeName, units.list.filter((u) => u.kind === 'association' && !u.successorId));
    if (!unit) throw new ApiError('target.unknown_assignee', `${path}assigneeName`);
    return unit.id;
  }
  return null;
}

/** Parents first, so each insert finds its parent; a loop inside the batch is refused. */
function parentsFirst(batch: Target[]): Target[] {
  const byId = new Map(batch.map((t) => [t.id, t]));
  const done = new Set<string>();
  const out: Target[] = [];
  const visit = (t: Target, trail: Set<string>) => {
    if (done.has(t.id)) return;
    if (trail.has(t.id)) throw new ApiError('target.cycle', `targets.${batch.indexOf(t)}.parentId`);
    trail.add(t.id);
    const parent = t.parentId ? byId.get(t.parentId) : undefined;
    if (parent) visit(parent, trail);
    done.add(t.id);
    out.push(t);
  };
  for (const t of batch) visit(t, new Set());
  return out;
}

/**
 * Once a report holds a value for the target, what that value meant must not change: its
 * measure, its out-of count, its parent, or "số nguyên" turned on. Label, comparator, value
 * and shares change freely (audited). The message says what to do instead.
 */
async function refuseMeaningChange(db: DbHandle, current: Target, next: Target): Promise<void> {
  const changed = next.measure !== current.measure ? 'measure'
    : next.outOf !== current.outOf ? 'outOf'
      : next.parentId !== current.parentId ? 'parentId'
        : next.wholeNumber && !current.wholeNumber ? 'wholeNumber' : null;
  if (changed && (await targetHasReports(db, current.planId, current.id))) throw new ApiError('target.has_reports', changed);
}

const shareFor = (t: Target) => (t.aggregation === 'sum' ? t.value : null);

export default defineArea('', 'Chỉ tiêu', [
  defineRoute(
    { method: 'get', path: '/plans/:planId/targets', access: [...OFFICE, 'operator'], summary: 'Các chỉ tiêu của kế hoạch',
      request: { params: PlanParams }, responses: { 200: z.object({ targets: z.array(Target) }) } },
    async ({ deps, principal, params }) => {
      const plan = await planInScope(deps.db, principal, params.planId);
      return { targets: await listTargets(deps.db, plan.id) };
    },
  ),
  defineRoute(
    { method: 'post', path: '/plans/:planId/targets', access: OFFICE, summary: 'Thêm nhiều chỉ tiêu một lần (tất cả hoặc không gì cả)',
      request: { params: PlanParams, body: TargetsBatch, maxBodyBytes: 4 * 1024 * 1024 }, responses: { 201: z.object({ targets: z.array(Target) }) } },
    async ({ c, deps, principal, params, body }) => {
      const now = deps.clock();
      const ids = body.targets.map((t) => t.id ?? uuidv7(now.getTime()));
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) throw new ApiError('conflict.exists', `targets.${i}.id`);
        seen.add(id);
      });
      let batch: Target[] = [];
      try {
        // The plan is locked for the whole batch: the taken ids, the parents in the plan and
        // the next position are read and then relied on, so batches of one plan take turns.
        await inTransaction(deps.db, async (tx) => {
          const plan = await planInScope(tx, principal, params.planId, 'update');
          const communeId = plan.commune_id;
          const taken = await existingTargetIds(tx, body.targets.flatMap((t) => (t.id ? [t.id] : [])));
          const takenAt = ids.findIndex((id) => taken.has(id));
          if (takenAt >= 0) throw new ApiError('conflict.exists', `targets.${takenAt}.id`);
          const inPlan = new Set((await listTargets(tx, plan.id)).map((t) => t.id));
          const start = await maxPosition(tx, plan.id);
          const units = { list: null };
          const linkCache = { checklists: null };
          batch = [];
          for (const [i, input] of body.targets.entries()) {
            const path = `targets.${i}.`;
            if (input.parentId !== null && !seen.has(input.parentId) && !inPlan.has(input.parentId)) {
              throw new ApiError('target.unknown_parent', `${path}parentId`);
            }
            const target: Target = {
              id: ids[i]!, planId: plan.id, parentId: input.parentId, position: input.position ?? start + i + 1,
              area: input.area, label: input.label, unit: input.unit, comparator: input.comparator, value: input.value,
              valueMax: input.valueMax, outOf: input.outOf, measure: input.measure,
              aggregation: input.aggregation ?? defaultAggregation(input.measure),
              assigneeUnitId: await resolveAssignee(tx, communeId, input, path, units),
              source: input.source ?? null,
              wholeNumber: input.wholeNumber ?? defaultWholeNumber(input.unit),
              communeOnly: input.communeOnly ?? false,
              link: input.link ?? null,
            };
            checkShape(target, path);
            await checkLink(tx, communeId, target, path, linkCache);
            batch.push(target);
          }
          const ordered = parentsFirst(batch);
          await insertTargets(tx, ordered, communeId);
          await recordAudits(tx, ordered.map((t) => ({
            actor: actorOf(principal), at: now.toISOString(), communeId, action: 'target.create', entity: 'target', entityId: t.id, after: t,
          })));
          for (const t of ordered) {
            if (!t.assigneeUnitId) continue;
            const row = (await findTarget(tx, t.id))!;
            await replaceAssignments(tx, row, communeId, [{ unitId: t.assigneeUnitId, share: shareFor(t) }], () => uuidv7(now.getTime()));
          }
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError('conflict.exists', 'targets');
        throw error;
      }
      return c.json({ targets: batch }, 201);
    },
  ),
  defineRoute(
    { method: 'patch', path: '/targets/:id', access: OFFICE, summary: 'Sửa một chỉ tiêu',
      request: { params: IdParams, body: TargetPatch }, responses: { 200: Target } },
    async ({ deps, principal, params, body }) => {
      // A new parent changes the plan's tree: such edits take the plan's row exclusively, so
      // two at once cannot each pass the loop check and make a loop together.
      const now = deps.clock().toISOString();
      const next = await inTransaction(deps.db, async (tx) => {
        const { target: row, plan } = await targetInScope(tx, principal, params.id, 'update', body.parentId !== undefined ? 'update' : 'share');
        requireChange(body);
        const current = toTarget(row);
        const next: Target = { ...current };
        for (const key of ['parentId', 'area', 'label', 'unit', 'comparator', 'value', 'valueMax', 'outOf', 'measure', 'aggregation', 'source', 'position', 'wholeNumber', 'communeOnly', 'link'] as const) {
          if (body[key] !== undefined) (next as Record<string, unknown>)[key] = body[key];
        }
        if (body.measure !== undefined && body.aggregation === undefined) next.aggregation = defaultAggregation(body.measure);
        if (body.assigneeUnitId !== undefined || body.assigneeName !== undefined) {
          next.assigneeUnitId = body.assigneeUnitId === null && !body.assigneeName
            ? null
            : await resolveAssignee(tx, plan.commune_id, body, '', { list: null });
        }
        if (next.parentId !== null && next.parentId !== current.parentId) {
          const parent = await findTarget(tx, next.parentId);
          if (!parent || parent.plan_id !== plan.id) throw new ApiError('target.unknown_parent', 'parentId');
          for (let id: string | null = parent.id, n = 0; id && n < 100; n++) {
            if (id === current.id) throw new ApiError('target.cycle', 'parentId');
            id = (await findTarget(tx, id))?.parent_id ?? null;
          }
        }
        checkShape(next, '');
        // A new link, or a new measure or unit under an old one, must still fit.
        if (body.link !== undefined || body.measure !== undefined || body.unit !== undefined) {
          await checkLink(tx, plan.commune_id, next, '', { checklists: null });
        }
        // Inside too: whether reports already count against the target is a read that decides.
        await refuseMeaningChange(tx, current, next);
        await updateTarget(tx, next, plan.commune_id);
        await recordAudit(tx, { actor: actorOf(principal), at: now, communeId: plan.commune_id, action: 'target.update', entity: 'target', entityId: next.id, before: current, after: next });
        return next;
      });
      return next;
    },
  ),
  defineRoute(
    { method: 'delete', path: '/targets/:id', access: OFFICE, summary: 'Xoá chỉ tiêu (báo cáo đã nhận vẫn giữ số liệu)',
      request: { params: IdParams }, responses: { 200: z.object({ id: Id, deleted: z.literal(true) }) } },
    async ({ deps, principal, params }) => {
      const now = deps.clock().toISOString();
      const target = await inTransaction(deps.db, async (tx) => {
        const { target, plan } = await targetInScope(tx, principal, params.id, 'update');
        if (await hasLiveChildren(tx, target.id)) throw new ApiError('conflict.in_use');
        await deleteTarget(tx, target.id, plan.commune_id);
        await recordAudit(tx, { actor: actorOf(principal), at: now, communeId: plan.commune_id, action: 'target.delete', entity: 'target', entityId: target.id, before: toTarget(target) });
        return target;
      });
      return { id: target.id, deleted: true as const };
    },
  ),
]);
