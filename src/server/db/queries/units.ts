/**
 * Units (the commune tree) in the database. A unit is never erased: deleting leaves a
 * tombstone and replacing points it at its successor, so old reports keep their unit. Every
 * write records a change for the sync log in the same transaction.
 */
import type { Selectable } from 'kysely';
import type { Unit } from '../../../shared/schemas/units';
import type { UnitsTable } from '../schema';
import type { DbHandle } from '../handle';
import { unitFromRow, unitToRow } from './records';
import { locked, type LockMode } from '../dialect';
import { revokeUserDevices } from './users';

/** Row → wire record (records.ts owns the mapping). */
export const toUnit = unitFromRow;

export type UnitRow = Selectable<UnitsTable>;

/** Live units of a commune (or of every commune, for the operator), tree order by name. */
export async function listUnits(db: DbHandle, communeId: string | null): Promise<Unit[]> {
  let q = db.kysely.selectFrom('units').selectAll().where('deleted', '=', 0);
  if (communeId !== null) q = q.where('commune_id', '=', communeId);
  const rows = await q.orderBy('kind').orderBy('name').orderBy('id').execute();
  return rows.map(toUnit);
}

/** With `lock`, inside a transaction: the row stays as read until it ends (dialect.ts). */
export async function findUnit(db: DbHandle, id: string, lock?: LockMode): Promise<UnitRow | undefined> {
  return locked(db.dialect, db.kysely.selectFrom('units').selectAll().where('id', '=', id), lock).executeTakeFirst();
}

export async function listCommunes(db: DbHandle): Promise<Unit[]> {
  const rows = await db.kysely.selectFrom('units').selectAll()
    .where('kind', '=', 'commune').where('deleted', '=', 0).orderBy('name').orderBy('id').execute();
  return rows.map(toUnit);
}

export async function countCommunes(db: DbHandle): Promise<number> {
  const row = await db.kysely.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'commune').where('deleted', '=', 0).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertUnit(tx: DbHandle, unit: Unit, now: string): Promise<void> {
  await tx.kysely.insertInto('units').values(unitToRow(unit, now)).execute();
}

export async function updateUnit(
  tx: DbHandle, row: UnitRow, patch: { name?: string; parentId?: string | null; kind?: string; successorId?: string | null; replacedOn?: string | null; deleted?: number }, now: string,
): Promise<void> {
  await tx.kysely.updateTable('units').set({
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.successorId !== undefined ? { successor_id: patch.successorId } : {}),
    ...(patch.replacedOn !== undefined ? { replaced_on: patch.replacedOn } : {}),
    ...(patch.deleted !== undefined ? { deleted: patch.deleted } : {}),
    updated_at: now,
  }).where('id', '=', row.id).execute();
}

/** What still hangs on a unit: live child units and active users. A unit in use is replaced, not deleted. */
export async function unitInUse(db: DbHandle, id: string): Promise<boolean> {
  const child = await db.kysely.selectFrom('units').select('id').where('parent_id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  if (child) return true;
  const user = await db.kysely.selectFrom('users').select('id').where('unit_id', '=', id).where('active', '=', 1).executeTakeFirst();
  return !!user;
}

/**
 * Moves a unit's open work to its successor: its users, and its assignments of targets the
 * successor does not hold yet. A moved assignment gets a new id under the successor, so the
 * old unit's phones receive a tombstone and the successor's phones a new record.
 */
export async function handOverToSuccessor(tx: DbHandle, from: UnitRow, successorId: string, now: string, newId: () => string): Promise<void> {
  // The people move to the successor; their phones still hold the old unit, so they are
  // revoked (unsent reports stay exportable) and enrolled again for the new unit.
  const movers = await tx.kysely.selectFrom('users').select('id').where('unit_id', '=', from.id).execute();
  await tx.kysely.updateTable('users').set({ unit_id: successorId, updated_at: now }).where('unit_id', '=', from.id).execute();
  for (const { id } of movers) await revokeUserDevices(tx, id, now);
  const held = await tx.kysely.selectFrom('assignments').select('target_id').where('unit_id', '=', successorId).execute();
  const heldTargets = new Set(held.map((r) => r.target_id));
  const moving = await tx.kysely.selectFrom('assignments').selectAll().where('unit_id', '=', from.id).execute();
  for (const a of moving) {
    await tx.kysely.deleteFrom('assignments').where('id', '=', a.id).execute();
    if (heldTargets.has(a.target_id)) continue;
    const id = newId();
    await tx.kysely.insertInto('assignments').values({ ...a, id, unit_id: successorId }).execute();
  }
}
