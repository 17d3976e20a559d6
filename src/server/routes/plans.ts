/**
 * The commune's emulation plans. The issuer is always the caller's commune; periods are
 * derived from the plan's rhythm and rounds on every change (db/queries/plans.ts), with
 * stable ids so reports already filed stay attached.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { Plan, Period, type Round } from '../../shared/schemas/plans';
import { PlanCreate, PlanPatch } from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { isUniqueViolation } from '../db/dialect';
import { listPlans, insertPlan, updatePlan, deletePlan, listPeriods, planExists, toPlan, findPlan } from '../db/queries/plans';
import { findUnit } from '../db/queries/units';
import { ownCommune, planInScope, readScope, requireChange } from './office-scope';
import { actorOf, recordAudit } from '../db/queries/audit';

const IdParams = z.object({ id: Id });
const ListQuery = z.object({ communeId: z.optional(Id) });
const PlanWithPeriods = z.extend(Plan, { periods: z.array(Period) });

function checkRounds(rounds: readonly Round[]): void {
  rounds.forEach((r, i) => {
    if (r.from > r.to) throw new ApiError('plan.bad_round', `rounds.${i}.to`);
  });
}

async function withPeriods(db: Parameters<typeof listPeriods>[0], plan: Plan) {
  return { ...plan, periods: await listPeriods(db, plan.id) };
}

export default defineArea('/plans', 'Kế hoạch', [
  defineRoute(
    { method: 'get', path: '/', access: ['office', 'admin', 'operator'], summary: 'Các kế hoạch thi đua của xã',
      request: { query: ListQuery }, responses: { 200: z.object({ plans: z.array(Plan) }) } },
    async ({ deps, principal, query }) => ({ plans: await listPlans(deps.db, readScope(principal, query.communeId)) }),
  ),
  defineRoute(
    { method: 'post', path: '/', access: ['office', 'admin'], summary: 'Tạo kế hoạch; các kỳ báo cáo được lập từ nhịp báo cáo và các đợt',
      request: { body: PlanCreate }, responses: { 201: PlanWithPeriods } },
    async ({ c, deps, principal, body }) => {
      const communeId = ownCommune(principal);
      checkRounds(body.rounds);
      const now = deps.clock();
      const commune = await findUnit(deps.db, communeId);
      const plan: Plan = {
        id: body.id ?? uuidv7(now.getTime()),
        issuerUnitId: communeId,
        number: body.number,
        issuedOn: body.issuedOn,
        year: body.year,
        issuer: body.issuer ?? (commune ? `UBND ${commune.name.toUpperCase()}` : ''),
        title: body.title,
        theme: body.theme,
        rounds: body.rounds,
        reporting: [...new Set(body.reporting)],
        status: body.status ?? 'draft',
        graceDays: body.graceDays ?? 0,
        closedAt: body.status === 'closed' ? now.toISOString() : null,
      };
      try {
        await inTransaction(deps.db, async (tx) => {
          if (body.id && (await planExists(tx, body.id))) throw new ApiError('conflict.exists', 'id');
          await insertPlan(tx, plan, communeId, now.toISOString());
          await recordAudit(tx, { actor: actorOf(principal), at: now.toISOString(), communeId, action: 'plan.create', entity: 'plan', entityId: plan.id, after: plan });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError('conflict.exists', 'id');
        throw error;
      }
      return c.json(await withPeriods(deps.db, plan), 201);
    },
  ),
  defineRoute(
    { method: 'get', path: '/:id', access: ['office', 'admin', 'operator'], summary: 'Một kế hoạch với các kỳ báo cáo',
      request: { params: IdParams }, responses: { 200: PlanWithPeriods } },
    async ({ deps, principal, params }) => withPeriods(deps.db, toPlan(await planInScope(deps.db, principal, params.id))),
  ),
  defineRoute(
    { method: 'patch', path: '/:id', access: ['office', 'admin'], summary: 'Sửa kế hoạch; đổi nhịp báo cáo hoặc đợt thì lập lại các kỳ (giữ mã kỳ cũ)',
      request: { params: IdParams, body: PlanPatch }, responses: { 200: PlanWithPeriods } },
    async ({ deps, principal, params, body }) => {
      const row = await planInScope(deps.db, principal, params.id);
      requireChange(body);
      const current = toPlan(row);
      // Going live and closing have their own checks: POST /plans/:id/activate and /close.
      if (body.status !== undefined && body.status !== current.status) throw new ApiError('value.invalid', 'status');
      const plan: Plan = {
        ...current,
        ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
        ...(body.reporting ? { reporting: [...new Set(body.reporting)] } : {}),
      };
      checkRounds(plan.rounds);
      const now = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        await updatePlan(tx, plan, row.commune_id, now);
        await recordAudit(tx, { actor: actorOf(principal), at: now, communeId: row.commune_id, action: 'plan.update', entity: 'plan', entityId: plan.id, before: current, after: plan });
      });
      return withPeriods(deps.db, toPlan((await findPlan(deps.db, plan.id))!));
    },
  ),
  defineRoute(
    { method: 'delete', path: '/:id', access: ['office', 'admin'], summary: 'Xoá kế hoạch (các báo cáo đã nhận vẫn được giữ)',
      request: { params: IdParams }, responses: { 200: z.object({ id: Id, deleted: z.literal(true) }) } },
    async ({ deps, principal, params }) => {
      const row = await planInScope(deps.db, principal, params.id);
      const now = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        await deletePlan(tx, row.id, row.commune_id, now);
        await recordAudit(tx, { actor: actorOf(principal), at: now, communeId: row.commune_id, action: 'plan.delete', entity: 'plan', entityId: row.id, before: toPlan(row) });
      });
      return { id: row.id, deleted: true as const };
    },
  ),
]);
