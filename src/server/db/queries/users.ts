/**
 * Accounts and their devices, as the office manages them. Users are not synced records (a
 * phone only learns about its own user at enrollment), so these writes log no changes.
 */
import type { Selectable } from 'kysely';
import type { Role } from '../../../shared/schemas/users';
import type { AdminUser, Device } from '../../../shared/schemas/office';
import type { UsersTable } from '../schema';
import type { DbHandle } from '../handle';

export type UserRow = Selectable<UsersTable>;

export function toAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    unitId: row.unit_id,
    username: row.username,
    communeId: row.commune_id,
    active: row.active === 1,
    hasPassword: row.password_hash !== null,
  };
}

export async function listUsers(db: DbHandle, communeId: string | null): Promise<AdminUser[]> {
  let q = db.kysely.selectFrom('users').selectAll();
  if (communeId !== null) q = q.where('commune_id', '=', communeId);
  const rows = await q.orderBy('role').orderBy('name').orderBy('id').execute();
  return rows.map(toAdminUser);
}

export async function findUser(db: DbHandle, id: string): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByName(db: DbHandle, username: string): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export interface NewUserRow {
  id: string;
  username: string | null;
  name: string;
  role: Role;
  unitId: string | null;
  communeId: string | null;
  passwordHash: string | null;
}

export async function insertUser(db: DbHandle, u: NewUserRow, now: string): Promise<void> {
  await db.kysely.insertInto('users').values({
    id: u.id, username: u.username, name: u.name, role: u.role, unit_id: u.unitId, commune_id: u.communeId,
    password_hash: u.passwordHash, active: 1, created_at: now, updated_at: now,
  }).execute();
}

export async function updateUser(
  db: DbHandle, id: string,
  patch: { name?: string; role?: Role; unitId?: string | null; communeId?: string | null; active?: boolean; passwordHash?: string },
  now: string,
): Promise<void> {
  await db.kysely.updateTable('users').set({
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
    ...(patch.communeId !== undefined ? { commune_id: patch.communeId } : {}),
    ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
    updated_at: now,
  }).where('id', '=', id).execute();
}

/** A deactivated user or a reset password ends every session and device token of that user. */
export async function revokeUserTokens(db: DbHandle, userId: string, now: string, kind?: 'session' | 'device'): Promise<void> {
  let q = db.kysely.updateTable('auth_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (kind) q = q.where('kind', '=', kind);
  await q.execute();
}

/**
 * Ends every phone of the user (a new unit, a new role, a locked account): the phone shows
 * "thiết bị đã bị thu hồi" and keeps its unsent reports exportable, instead of reporting
 * for a unit that is no longer its own.
 */
export async function revokeUserDevices(db: DbHandle, userId: string, now: string): Promise<void> {
  await db.kysely.updateTable('devices').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  await revokeUserTokens(db, userId, now);
}

export async function listDevices(db: DbHandle, communeId: string | null, userId?: string, deviceId?: string): Promise<Device[]> {
  let q = db.kysely.selectFrom('devices as d').innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.id', 'd.user_id', 'u.name as user_name', 'd.name', 'd.created_at', 'd.last_seen_at', 'd.last_sync_at', 'd.app_version', 'd.revoked_at']);
  if (communeId !== null) q = q.where('u.commune_id', '=', communeId);
  if (userId !== undefined) q = q.where('d.user_id', '=', userId);
  if (deviceId !== undefined) q = q.where('d.id', '=', deviceId);
  const rows = await q.orderBy('d.created_at', 'desc').orderBy('d.id').execute();
  return rows.map((r) => ({
    id: r.id, userId: r.user_id, userName: r.user_name, name: r.name,
    createdAt: r.created_at, lastSeenAt: r.last_seen_at, lastSyncAt: r.last_sync_at, appVersion: r.app_version, revokedAt: r.revoked_at,
  }));
}
