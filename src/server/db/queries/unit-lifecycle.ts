/**
 * Closing a unit and handing it to a new head, in the database. A closed unit stays (its
 * reports keep their unit) with `closed_at` set; its people are deactivated and their phones
 * revoked, so nobody keeps reporting for it. Every write logs its sync change.
 */
import type { DbHandle } from '../handle';
import { recordChanges, type ChangeInput } from './changes';
import { revokeUserDevices } from './users';

/** The unit's assignments in plans that still exist (the shares a close must decide about). */
export async function unitAssignments(db: DbHandle, unitId: string) {
  return db.kysely.selectFrom('assignments as a').innerJoin('plans as p', 'p.id', 'a.plan_id')
    .selectAll('a').where('a.unit_id', '=', unitId).where('p.deleted', '=', 0).execute();
}

/**
 * Drops the unit's assignments, or moves them to `toUnitId`: a target the receiver already
 * holds gets the two shares added (both unknown stays unknown).
 */
export async function dropOrMoveAssignments(tx: DbHandle, unitId: string, toUnitId: string | null, newId: () => string): Promise<number> {
  const moving = await unitAssignments(tx, unitId);
  const held = toUnitId
    ? new Map((await tx.kysely.selectFrom('assignments').selectAll().where('unit_id', '=', toUnitId).execute()).map((a) => [a.target_id, a]))
    : new Map();
  const changes: ChangeInput[] = [];
  for (const a of moving) {
    await tx.kysely.deleteFrom('assignments').where('id', '=', a.id).execute();
    changes.push({ entity: 'assignments', entityId: a.id, communeId: a.commune_id, unitId });
    if (!toUnitId) continue;
    const existing = held.get(a.target_id);
    if (existing) {
      const share = existing.share === null && a.share === null ? null : (existing.share ?? 0) + (a.share ?? 0);
      await tx.kysely.updateTable('assignments').set({ share }).where('id', '=', existing.id).execute();
      changes.push({ entity: 'assignments', entityId: existing.id, communeId: a.commune_id, unitId: toUnitId });
    } else {
      const id = newId();
      await tx.kysely.insertInto('assignments').values({ ...a, id, unit_id: toUnitId }).execute();
      changes.push({ entity: 'assignments', entityId: id, communeId: a.commune_id, unitId: toUnitId });
    }
  }
  await recordChanges(tx, changes);
  return moving.length;
}

/** The unit's active accounts (its head or leader; usually one). */
export async function activeUsersOfUnit(db: DbHandle, unitId: string) {
  return db.kysely.selectFrom('users').selectAll().where('unit_id', '=', unitId).where('active', '=', 1).orderBy('id').execute();
}

/** Deactivates the accounts and revokes every phone they hold. */
export async function deactivateUsers(tx: DbHandle, userIds: readonly string[], now: string): Promise<void> {
  for (const id of userIds) {
    await tx.kysely.updateTable('users').set({ active: 0, updated_at: now }).where('id', '=', id).execute();
    await revokeUserDevices(tx, id, now);
  }
}

/**
 * Closes the unit if nobody closed it meanwhile: false when it was already closed. Run it
 * FIRST in the transaction: the row lock makes a second close wait, then see the first.
 */
export async function markUnitClosed(tx: DbHandle, unitId: string, communeId: string | null, now: string): Promise<boolean> {
  const result = await tx.kysely.updateTable('units').set({ closed_at: now, updated_at: now })
    .where('id', '=', unitId).where('closed_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await recordChanges(tx, [{ entity: 'units', entityId: unitId, communeId }]);
  return true;
}

/** Takes the unit's row lock, so two hand-overs of one unit run one after the other. */
export async function lockUnitRow(tx: DbHandle, unitId: string, now: string): Promise<void> {
  await tx.kysely.updateTable('units').set({ updated_at: now }).where('id', '=', unitId).execute();
}

/** Unused, unexpired codes of these users stop working (printing a card issues a fresh one). */
export async function cancelOpenCodes(tx: DbHandle, userIds: readonly string[], now: string): Promise<void> {
  if (userIds.length === 0) return;
  await tx.kysely.updateTable('enrollment_codes').set({ expires_at: now })
    .where('user_id', 'in', [...userIds]).where('used_at', 'is', null).where('expires_at', '>', now).execute();
}
