/**
 * Auth state in the database: tokens (by hash), devices, enrollment codes and login
 * failures. The rate limit lives here, not in memory, because several app servers may
 * share one PostgreSQL.
 */
import type { DbHandle } from '../handle';
import type { Role } from '../../../shared/schemas/users';
import { locked } from '../dialect';

export interface TokenRow {
  kind: 'session' | 'device';
  expires_at: string | null;
  revoked_at: string | null;
  device_id: string | null;
  device_revoked_at: string | null;
  user_id: string;
  name: string;
  role: Role;
  unit_id: string | null;
  commune_id: string | null;
  active: number;
}

export async function findToken(db: DbHandle, tokenHash: string): Promise<TokenRow | undefined> {
  const row = await db.kysely
    .selectFrom('auth_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('devices as d', 'd.id', 't.device_id')
    .select([
      't.kind', 't.expires_at', 't.revoked_at', 't.device_id', 'd.revoked_at as device_revoked_at',
      'u.id as user_id', 'u.name', 'u.role', 'u.unit_id', 'u.commune_id', 'u.active',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row as TokenRow | undefined;
}

export async function insertToken(
  db: DbHandle,
  row: { tokenHash: string; userId: string; deviceId: string | null; kind: 'session' | 'device'; now: string; expiresAt: string | null },
): Promise<void> {
  await db.kysely
    .insertInto('auth_tokens')
    .values({
      token_hash: row.tokenHash, user_id: row.userId, device_id: row.deviceId, kind: row.kind,
      created_at: row.now, expires_at: row.expiresAt, revoked_at: null,
    })
    .execute();
}

/** Whether this call revoked it (false: unknown, or already revoked — by a logout racing this one). */
export async function revokeToken(db: DbHandle, tokenHash: string, now: string): Promise<boolean> {
  const result = await db.kysely.updateTable('auth_tokens').set({ revoked_at: now })
    .where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface LoginUserRow {
  id: string;
  name: string;
  role: Role;
  unit_id: string | null;
  password_hash: string | null;
  active: number;
}

export async function findUserByUsername(db: DbHandle, username: string): Promise<LoginUserRow | undefined> {
  const row = await db.kysely.selectFrom('users')
    .select(['id', 'name', 'role', 'unit_id', 'password_hash', 'active'])
    .where('username', '=', username).executeTakeFirst();
  return row as LoginUserRow | undefined;
}

export async function countLoginFailures(db: DbHandle, username: string, since: string): Promise<number> {
  const row = await db.kysely.selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username).where('at', '>', since).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Returns the row's id, so an attempt refused by the limit can be taken back. */
export async function recordLoginFailure(db: DbHandle, username: string, at: string): Promise<number> {
  const row = await db.kysely.insertInto('login_failures').values({ username, at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function forgetLoginFailure(db: DbHandle, id: number): Promise<void> {
  await db.kysely.deleteFrom('login_failures').where('id', '=', id).execute();
}

export async function clearLoginFailures(db: DbHandle, username: string): Promise<void> {
  await db.kysely.deleteFrom('login_failures').where('username', '=', username).execute();
}

export interface EnrollmentClaim {
  userId: string;
}

/**
 * Marks an unused, unexpired code as used and says whose it was — in one UPDATE, so two
 * phones enrolling with one code at once cannot both succeed.
 */
export async function claimEnrollmentCode(db: DbHandle, codeHash: string, now: string): Promise<EnrollmentClaim | undefined> {
  const row = await db.kysely.updateTable('enrollment_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst();
  return row ? { userId: row.user_id } : undefined;
}

/** Whose code this is, used or not (for locking the user before the claim; see sessions.ts). */
export async function enrollmentCodeOwner(db: DbHandle, codeHash: string): Promise<string | undefined> {
  const row = await db.kysely.selectFrom('enrollment_codes').select('user_id').where('code_hash', '=', codeHash).executeTakeFirst();
  return row?.user_id;
}

export async function insertEnrollmentCode(
  db: DbHandle,
  row: { codeHash: string; userId: string; issuedBy: string | null; now: string; expiresAt: string },
): Promise<void> {
  await db.kysely.insertInto('enrollment_codes').values({
    code_hash: row.codeHash, user_id: row.userId, issued_by: row.issuedBy,
    created_at: row.now, expires_at: row.expiresAt, used_at: null,
  }).execute();
}

export async function insertDevice(db: DbHandle, row: { id: string; userId: string; name: string; now: string }): Promise<void> {
  await db.kysely.insertInto('devices').values({
    id: row.id, user_id: row.userId, name: row.name, created_at: row.now, revoked_at: null, last_seen_at: row.now,
  }).execute();
}

export async function findDevice(db: DbHandle, id: string) {
  return db.kysely.selectFrom('devices as d').innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.id', 'd.user_id', 'd.name', 'd.revoked_at', 'u.commune_id'])
    .where('d.id', '=', id).executeTakeFirst();
}

/** Revokes the device and every token it holds. */
/** Whether this call revoked it (false: already revoked, perhaps by a revoke racing this one). */
export async function revokeDevice(db: DbHandle, id: string, now: string): Promise<boolean> {
  const result = await db.kysely.updateTable('devices').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  await db.kysely.updateTable('auth_tokens').set({ revoked_at: now }).where('device_id', '=', id).where('revoked_at', 'is', null).execute();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Notes a phone's sync: when, and the app version it runs (`x-app-version`), so the office's
 * device list shows who is behind. One single-row UPDATE by primary key per sync.
 */
export async function touchDevice(db: DbHandle, id: string, now: Date, appVersion?: string | null): Promise<void> {
  const at = now.toISOString();
  await db.kysely.updateTable('devices')
    .set({ last_seen_at: at, last_sync_at: at, ...(appVersion ? { app_version: appVersion } : {}) })
    .where('id', '=', id).execute();
}

export async function renameDevice(db: DbHandle, id: string, name: string): Promise<void> {
  await db.kysely.updateTable('devices').set({ name }).where('id', '=', id).execute();
}

export async function findPublicUser(db: DbHandle, id: string) {
  return db.kysely.selectFrom('users').select(['id', 'name', 'role', 'unit_id', 'commune_id', 'active'])
    .where('id', '=', id).executeTakeFirst();
}

/** A device's name, its row locked until the transaction ends (a rename audits what it replaced). */
export async function lockDeviceName(db: DbHandle, id: string): Promise<string | null> {
  const row = await locked(db.dialect, db.kysely.selectFrom('devices').select('name').where('id', '=', id), 'update').executeTakeFirst();
  return row?.name ?? null;
}
