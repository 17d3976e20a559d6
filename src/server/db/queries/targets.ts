/**
 * Targets of a plan. Deleted targets stay as tombstones, because reports name them; deleting
 * one drops its assignments so no phone keeps asking for it.
 */
import type { Selectable } from 'kysely';
import type { Target } from '../../../shared/schemas/targets';
import type { TargetsTable } from '../schema';
import type { DbHandle } from '../handle';
import { targetFromRow, targetToRow } from './records';
import { locked, type LockMode } from '../dialect';

export const toTarget = targetFromRow;

export type TargetRow = Selectable<TargetsTable>;

function targetColumns(t: Target) {
  return {
    parent_id: t.parentId, position: t.position, area: t.area, label: t.label, unit: t.unit,
    comparator: t.comparator, value: t.value, value_max: t.valueMax, out_of: t.outOf, measure: t.measure,
    aggregation: t.aggregation, assignee_unit_id: t.assigneeUnitId,
    source_json: t.source ? JSON.stringify(t.source) : null,
    whole_number: t.wholeNumber ? 1 : 0, commune_only: t.communeOnly ? 1 : 0,
    link_json: t.link ? JSON.stringify(t.link) : null,
  };
}

export async function listTargets(db: DbHandle, planId: string): Promise<Target[]> {
  const rows = await db.kysely.selectFrom('targets').selectAll()
    .where('plan_id', '=', planId).where('deleted', '=', 0).orderBy('position').orderBy('id').execute();
  return rows.map(toTarget);
}

/** A live target with its plan's commune (targets of deleted plans are deleted with them). */
/** With `lock`, inside a transaction: the row stays as read until it ends (dialect.ts). */
export async function findTarget(db: DbHandle, id: string, lock?: LockMode): Promise<TargetRow | undefined> {
  return locked(db.dialect, db.kysely.selectFrom('targets').selectAll().where('id', '=', id).where('deleted', '=', 0), lock).executeTakeFirst();
}

/** Which of these ids exist at all (live or not): client-made ids must not collide. */
export async function existingTargetIds(db: DbHandle, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.kysely.selectFrom('targets').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function maxPosition(db: DbHandle, planId: string): Promise<number> {
  const row = await db.kysely.selectFrom('targets').select((eb) => eb.fn.max('position').as('p'))
    .where('plan_id', '=', planId).executeTakeFirst();
  return Number(row?.p ?? 0);
}

/** Inserts in the given order: a parent in the same batch must come before its children. */
export async function insertTargets(tx: DbHandle, targets: readonly Target[], communeId: string): Promise<void> {
  for (let i = 0; i < targets.length; i += 100) {
    await tx.kysely.insertInto('targets')
      .values(targets.slice(i, i + 100).map((t) => targetToRow(t, communeId)))
      .execute();
  }
}

export async function updateTarget(tx: DbHandle, t: Target, communeId: string): Promise<void> {
  await tx.kysely.updateTable('targets').set(targetColumns(t)).where('id', '=', t.id).execute();
}

export async function hasLiveChildren(db: DbHandle, id: string): Promise<boolean> {
  return !!(await db.kysely.selectFrom('targets').select('id').where('parent_id', '=', id).where('deleted', '=', 0).executeTakeFirst());
}

export async function deleteTarget(tx: DbHandle, id: string, communeId: string): Promise<void> {
  await tx.kysely.updateTable('targets').set({ deleted: 1 }).where('id', '=', id).execute();
  await tx.kysely.deleteFrom('assignments').where('target_id', '=', id).execute();
}
