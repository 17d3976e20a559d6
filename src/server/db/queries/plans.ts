/**
 * Plans and their periods. Periods are never typed in: they are derived from the plan's
 * rhythm and rounds (shared/periods.ts) whenever those change, keeping ids stable; a period
 * that no longer applies becomes a tombstone, so reports filed against it keep their period.
 */
import type { Selectable } from 'kysely';
import type { Plan, Period } from '../../../shared/schemas/plans';
import { planPeriods } from '../../../shared/periods';
import type { PlansTable } from '../schema';
import type { DbHandle } from '../handle';
import { recordChanges, type ChangeInput } from './changes';
import { planFromRow, periodFromRow, planToRow } from './records';

export const toPlan = planFromRow;

export type PlanRow = Selectable<PlansTable>;

export async function listPlans(db: DbHandle, communeId: string | null): Promise<Plan[]> {
  let q = db.kysely.selectFrom('plans').selectAll().where('deleted', '=', 0);
  if (communeId !== null) q = q.where('commune_id', '=', communeId);
  const rows = await q.orderBy('year', 'desc').orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toPlan);
}

export async function findPlan(db: DbHandle, id: string): Promise<PlanRow | undefined> {
  return db.kysely.selectFrom('plans').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
}

export async function planExists(db: DbHandle, id: string): Promise<boolean> {
  return !!(await db.kysely.selectFrom('plans').select('id').where('id', '=', id).executeTakeFirst());
}

export async function listPeriods(db: DbHandle, planId: string): Promise<Period[]> {
  const rows = await db.kysely.selectFrom('periods').selectAll()
    .where('plan_id', '=', planId).where('deleted', '=', 0).orderBy('to_date').orderBy('from_date', 'desc').orderBy('id').execute();
  return rows.map(periodFromRow);
}

export async function insertPlan(tx: DbHandle, plan: Plan, communeId: string, now: string): Promise<void> {
  await tx.kysely.insertInto('plans').values(planToRow(plan, communeId, now)).execute();
  await recordChanges(tx, [{ entity: 'plans', entityId: plan.id, communeId }]);
  await syncPeriods(tx, plan, communeId);
}

export async function updatePlan(tx: DbHandle, plan: Plan, communeId: string, now: string): Promise<void> {
  await tx.kysely.updateTable('plans').set({
    number: plan.number, issued_on: plan.issuedOn, year: plan.year, issuer: plan.issuer, title: plan.title,
    theme: plan.theme, rounds_json: JSON.stringify(plan.rounds), reporting_json: JSON.stringify(plan.reporting),
    status: plan.status, grace_days: plan.graceDays ?? 0, updated_at: now,
  }).where('id', '=', plan.id).execute();
  await recordChanges(tx, [{ entity: 'plans', entityId: plan.id, communeId }]);
  await syncPeriods(tx, plan, communeId);
}

/** A deleted plan takes its periods and targets with it (as tombstones) and drops its assignments. */
export async function deletePlan(tx: DbHandle, planId: string, communeId: string, now: string): Promise<void> {
  await tx.kysely.updateTable('plans').set({ deleted: 1, updated_at: now }).where('id', '=', planId).execute();
  const periods = await tx.kysely.selectFrom('periods').select('id').where('plan_id', '=', planId).where('deleted', '=', 0).execute();
  const targets = await tx.kysely.selectFrom('targets').select('id').where('plan_id', '=', planId).where('deleted', '=', 0).execute();
  const assignments = await tx.kysely.selectFrom('assignments').select(['id', 'unit_id']).where('plan_id', '=', planId).execute();
  await tx.kysely.updateTable('periods').set({ deleted: 1 }).where('plan_id', '=', planId).execute();
  await tx.kysely.updateTable('targets').set({ deleted: 1 }).where('plan_id', '=', planId).execute();
  await tx.kysely.deleteFrom('assignments').where('plan_id', '=', planId).execute();
  await recordChanges(tx, [
    { entity: 'plans', entityId: planId, communeId },
    ...periods.map((p): ChangeInput => ({ entity: 'periods', entityId: p.id, communeId })),
    ...targets.map((t): ChangeInput => ({ entity: 'targets', entityId: t.id, communeId })),
    ...assignments.map((a): ChangeInput => ({ entity: 'assignments', entityId: a.id, communeId, unitId: a.unit_id })),
  ]);
}

/**
 * Makes the stored periods match the plan: inserts new ones, updates changed ones in place
 * (same id), tombstones the ones the plan no longer has, and logs only what changed.
 */
export async function syncPeriods(tx: DbHandle, plan: Plan, communeId: string): Promise<void> {
  const wanted = planPeriods(plan);
  const existing = await tx.kysely.selectFrom('periods').selectAll().where('plan_id', '=', plan.id).execute();
  const byId = new Map(existing.map((r) => [r.id, r]));
  const changes: ChangeInput[] = [];
  for (const p of wanted) {
    const row = { kind: p.kind, name: p.name, from_date: p.from, to_date: p.to, deadline: p.deadline, deleted: 0 };
    const old = byId.get(p.id);
    if (!old) {
      await tx.kysely.insertInto('periods').values({ id: p.id, plan_id: plan.id, commune_id: communeId, ...row }).execute();
      changes.push({ entity: 'periods', entityId: p.id, communeId });
    } else if (old.kind !== row.kind || old.name !== row.name || old.from_date !== row.from_date
      || old.to_date !== row.to_date || old.deadline !== row.deadline || old.deleted !== 0) {
      await tx.kysely.updateTable('periods').set(row).where('id', '=', p.id).execute();
      changes.push({ entity: 'periods', entityId: p.id, communeId });
    }
  }
  const keep = new Set(wanted.map((p) => p.id));
  for (const old of existing) {
    if (keep.has(old.id) || old.deleted === 1) continue;
    await tx.kysely.updateTable('periods').set({ deleted: 1 }).where('id', '=', old.id).execute();
    changes.push({ entity: 'periods', entityId: old.id, communeId });
  }
  await recordChanges(tx, changes);
}

export async function setPlanStatus(tx: DbHandle, planId: string, status: Plan['status'], closedAt: string | null, now: string): Promise<void> {
  const row = await tx.kysely.updateTable('plans').set({ status, closed_at: closedAt, updated_at: now })
    .where('id', '=', planId).returning('commune_id').executeTakeFirst();
  await recordChanges(tx, [{ entity: 'plans', entityId: planId, communeId: row?.commune_id ?? null }]);
}

/**
 * Logs the plan with all its periods, targets and assignments again: after activation the
 * phones, which never received the draft, get the whole plan on their next sync.
 */
export async function planRecordChanges(tx: DbHandle, planId: string, communeId: string): Promise<void> {
  const periods = await tx.kysely.selectFrom('periods').select('id').where('plan_id', '=', planId).execute();
  const targets = await tx.kysely.selectFrom('targets').select('id').where('plan_id', '=', planId).execute();
  const assignments = await tx.kysely.selectFrom('assignments').select(['id', 'unit_id']).where('plan_id', '=', planId).execute();
  await recordChanges(tx, [
    { entity: 'plans', entityId: planId, communeId },
    ...periods.map((p): ChangeInput => ({ entity: 'periods', entityId: p.id, communeId })),
    ...targets.map((t): ChangeInput => ({ entity: 'targets', entityId: t.id, communeId })),
    ...assignments.map((a): ChangeInput => ({ entity: 'assignments', entityId: a.id, communeId, unitId: a.unit_id })),
  ]);
}

export async function findPeriod(db: DbHandle, id: string) {
  return db.kysely.selectFrom('periods').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
}

export async function setPeriodLock(tx: DbHandle, periodId: string, communeId: string | null, lockedAt: string | null): Promise<void> {
  await tx.kysely.updateTable('periods').set({ locked_at: lockedAt }).where('id', '=', periodId).execute();
  await recordChanges(tx, [{ entity: 'periods', entityId: periodId, communeId }]);
}
