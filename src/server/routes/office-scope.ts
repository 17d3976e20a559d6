/**
 * Loading a record the caller may act on, for the office routes. A record of another commune
 * is answered exactly like a missing one (404 `not_found`), so ids of other communes never
 * leak through a different status.
 */
import type { Principal } from '../auth/policy';
import { canReadCommune, isOperator } from '../auth/policy';
import type { DbHandle } from '../db/handle';
import type { LockMode } from '../db/dialect';
import { ApiError } from '../http/errors';
import { findUnit, type UnitRow } from '../db/queries/units';
import { findPlan, type PlanRow } from '../db/queries/plans';
import { findTarget, type TargetRow } from '../db/queries/targets';

/** The commune an office user or admin works in (their sessions always carry one). */
export function ownCommune(p: Principal): string {
  if (!p.communeId) throw new ApiError('auth.forbidden');
  return p.communeId;
}

/**
 * A live unit of the caller's commune (any commune for the operator when `operatorToo`).
 * A write route calls these inside its transaction with `lock`, so what it checked still
 * holds when it writes (docs/architecture.md, "Concurrent writes").
 */
export async function unitInScope(db: DbHandle, p: Principal, id: string, path?: string, operatorToo = false, lock?: LockMode): Promise<UnitRow> {
  const unit = await findUnit(db, id, lock);
  const visible = unit && unit.deleted === 0 && (operatorToo ? canReadCommune(p, unit.commune_id) : unit.commune_id === p.communeId && p.communeId !== null);
  if (!visible) throw new ApiError('not_found', path);
  return unit;
}

export async function planInScope(db: DbHandle, p: Principal, id: string, lock?: LockMode): Promise<PlanRow & { commune_id: string }> {
  const plan = await findPlan(db, id, lock);
  if (!plan || plan.commune_id === null || !canReadCommune(p, plan.commune_id)) throw new ApiError('not_found');
  return plan as PlanRow & { commune_id: string };
}

/**
 * A live target of a live plan of the caller's commune. With `lock`, the plan is locked too
 * (shared unless `planLock` says otherwise), plan before target: the order every writer
 * takes them in, so two writers never wait on each other in a circle.
 */
export async function targetInScope(
  db: DbHandle, p: Principal, id: string, lock?: LockMode, planLock: LockMode | undefined = lock ? 'share' : undefined,
): Promise<{ target: TargetRow; plan: PlanRow & { commune_id: string } }> {
  const unlocked = await findTarget(db, id);
  if (!unlocked) throw new ApiError('not_found');
  const plan = await findPlan(db, unlocked.plan_id, planLock);
  const target = lock ? await findTarget(db, id, lock) : unlocked;
  if (!target) throw new ApiError('not_found');
  if (!plan || plan.commune_id === null || !canReadCommune(p, plan.commune_id)) throw new ApiError('not_found');
  return { target, plan: plan as PlanRow & { commune_id: string } };
}

/** For reads: the operator may name a commune (`?communeId=`); everyone else reads their own. */
export function readScope(p: Principal, requested: string | undefined): string | null {
  if (isOperator(p)) return requested ?? null;
  return ownCommune(p);
}

/** A PATCH that names nothing to change is a mistake of the sender, not a silent no-op. */
export function requireChange(body: object): void {
  if (!Object.values(body).some((v) => v !== undefined)) throw new ApiError('request.invalid');
}
