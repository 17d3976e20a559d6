/**
 * Account actions — create, edit (name, role, unit, lock, password) — as plain functions that
 * each run in one transaction and return the account before and after, so the audit trail
 * (issue 8) can record every action by wrapping these calls, without reading the rules again.
 *
 * Who manages whom, in one place:
 * - `office` manages field accounts only (village, association): create, edit, lock, codes;
 * - `admin` manages every account of its commune, and is the only one who sets passwords there;
 * - the hosting `operator` manages accounts of every commune but never chooses a commune
 *   user's password (a commune's admin sets their own through an invitation); it sets
 *   passwords of operator accounts only.
 *
 * Changing what an account is — its role or unit — locking it, or setting its password ends
 * everything it holds, in the same transaction: enrollment codes not yet used, invitations,
 * phones (devices) and sessions. A code issued to a village head can therefore never enroll a
 * phone for the office account that user has since become.
 */
import type { Role } from '../../shared/schemas/users';
import { FIELD_ROLES } from '../../shared/schemas/users';
import type { AdminUser, UserCreate, UserPatch } from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import type { Principal } from '../auth/policy';
import { canReadCommune, isOperator } from '../auth/policy';
import { inTransaction, type DbHandle } from '../db/handle';
import { actorOf, recordAudit } from '../db/queries/audit';
import { isUniqueViolation } from '../db/dialect';
import { ApiError } from '../http/errors';
import {
  cancelEnrollmentCodes, cancelInvitations, findUser, findUserByName, insertUser, lockUser, revokeUserDevices, toAdminUser, updateUser,
  type UserRow,
} from '../db/queries/users';
import { findUnit } from '../db/queries/units';
import { hashPassword } from '../auth/passwords';

/** What an account action did: `before` is null for a new account. */
export interface AccountChange {
  before: AdminUser | null;
  after: AdminUser;
}

/** Roles each caller may create, or edit an account holding. */
const MANAGEABLE: Record<string, readonly Role[]> = {
  office: FIELD_ROLES,
  admin: ['village', 'association', 'office', 'admin'],
  operator: ['village', 'association', 'office', 'admin', 'operator'],
};

export function mayManage(p: Principal, role: Role): boolean {
  return (MANAGEABLE[p.role] ?? []).includes(role);
}

/** Whether the caller may choose the password of an account with this role. */
export function maySetPassword(p: Principal, role: Role): boolean {
  if (p.role === 'admin') return role !== 'operator';
  if (isOperator(p)) return role === 'operator';
  return false;
}

/** The account must be in the caller's commune (any, for the operator); else it does not exist. */
export async function accountInScope(db: DbHandle, p: Principal, id: string): Promise<UserRow> {
  const user = await findUser(db, id);
  if (!user || !canReadCommune(p, user.commune_id)) throw new ApiError('not_found');
  return user;
}

/**
 * Which unit and commune an account with this role belongs to: a field user to a village or
 * association, office staff to a unit of a commune, the operator to none.
 */
async function placeAccount(db: DbHandle, p: Principal, role: Role, unitId: string | null | undefined): Promise<{ unitId: string | null; communeId: string | null }> {
  if (role === 'operator') {
    if (unitId) throw new ApiError('user.unit_mismatch', 'unitId');
    return { unitId: null, communeId: null };
  }
  if (!unitId) {
    if (FIELD_ROLES.includes(role) || isOperator(p)) throw new ApiError('value.required', 'unitId');
    return { unitId: null, communeId: p.communeId };
  }
  // Shared lock (inside the caller's transaction): the unit cannot be deleted or replaced
  // (its users moved to the successor) between this check and the account's write.
  const unit = await findUnit(db, unitId, 'share');
  if (!unit || unit.deleted || (!isOperator(p) && unit.commune_id !== p.communeId) || unit.commune_id === null) {
    throw new ApiError('not_found', 'unitId');
  }
  if (role === 'village' && unit.kind !== 'village') throw new ApiError('user.unit_mismatch', 'unitId');
  if (role === 'association' && unit.kind !== 'association') throw new ApiError('user.unit_mismatch', 'unitId');
  return { unitId: unit.id, communeId: unit.commune_id };
}

/**
 * Ends everything the account holds: unused enrollment codes and invitations, every phone and
 * every session. Runs inside the caller's transaction.
 */
export async function endAccountAccess(tx: DbHandle, userId: string, now: string): Promise<void> {
  await cancelEnrollmentCodes(tx, userId, now);
  await cancelInvitations(tx, userId, now);
  await revokeUserDevices(tx, userId, now);
}

export async function createAccount(db: DbHandle, p: Principal, input: UserCreate, now: Date): Promise<AccountChange> {
  if (!mayManage(p, input.role)) throw new ApiError('auth.forbidden');
  if (input.password !== undefined && !maySetPassword(p, input.role)) throw new ApiError('auth.forbidden', 'password');
  const id = input.id ?? uuidv7(now.getTime());
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  try {
    const after = await inTransaction(db, async (tx) => {
      const place = await placeAccount(tx, p, input.role, input.unitId);
      if (input.id && (await findUser(tx, input.id))) throw new ApiError('conflict.exists', 'id');
      if (input.username && (await findUserByName(tx, input.username))) throw new ApiError('conflict.exists', 'username');
      await insertUser(tx, { id, username: input.username ?? null, name: input.name, role: input.role, ...place, passwordHash }, now.toISOString());
      const created = toAdminUser((await findUser(tx, id))!);
      await recordAudit(tx, {
        actor: actorOf(p), at: now.toISOString(), communeId: place.communeId, action: 'user.create', entity: 'user', entityId: id,
        after: { ...created, hasPassword: passwordHash !== null },
      });
      return created;
    });
    return { before: null, after };
  } catch (error) {
    // Two requests racing for one username (or id): the loser hears "exists", not a server error.
    if (isUniqueViolation(error)) throw new ApiError('conflict.exists', input.id ? 'id' : 'username');
    throw error;
  }
}

export async function editAccount(db: DbHandle, p: Principal, id: string, patch: UserPatch, now: Date): Promise<AccountChange> {
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const at = now.toISOString();
  return inTransaction(db, async (tx) => {
    // Locked for the rest of the transaction: an enrollment racing this change either
    // finishes first (and its phone is revoked below) or sees the account as it is after.
    const user = await lockUser(tx, id);
    if (!user || !canReadCommune(p, user.commune_id)) throw new ApiError('not_found');
    const role = patch.role ?? (user.role as Role);
    if (!mayManage(p, user.role as Role) || !mayManage(p, role)) throw new ApiError('auth.forbidden');
    if (passwordHash !== undefined && !maySetPassword(p, role)) throw new ApiError('auth.forbidden', 'password');
    // Nobody locks themselves out by removing their own admin rights or account.
    if (user.id === p.userId && (patch.active === false || (patch.role !== undefined && patch.role !== user.role))) throw new ApiError('auth.forbidden');
    const place = patch.role !== undefined || patch.unitId !== undefined
      ? await placeAccount(tx, p, role, patch.unitId !== undefined ? patch.unitId : user.unit_id)
      : undefined;
    await updateUser(tx, user.id, {
      name: patch.name, role: patch.role, active: patch.active, ...(place ?? {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    }, at);
    const changesWhatItIs = (patch.role !== undefined && patch.role !== user.role) || (place !== undefined && place.unitId !== user.unit_id);
    if (changesWhatItIs || patch.active === false || passwordHash !== undefined) await endAccountAccess(tx, user.id, at);
    const change = { before: toAdminUser(user), after: toAdminUser((await findUser(tx, user.id))!) };
    await recordAudit(tx, {
      actor: actorOf(p), at, communeId: user.commune_id, action: 'user.update', entity: 'user', entityId: user.id,
      before: change.before, after: { ...change.after, ...(passwordHash !== undefined ? { passwordReset: true } : {}) },
    });
    return change;
  });
}

/**
 * Sets a password from the server's console (`npm run reset-password`): unlocks the account
 * and ends everything it held, like a reset by an admin.
 */
export async function resetPasswordFromConsole(db: DbHandle, userId: string, password: string, now: Date): Promise<AccountChange> {
  const passwordHash = await hashPassword(password);
  const at = now.toISOString();
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user) throw new ApiError('not_found');
    await updateUser(tx, user.id, { passwordHash, active: true }, at);
    await endAccountAccess(tx, user.id, at);
    return { before: toAdminUser(user), after: toAdminUser((await findUser(tx, user.id))!) };
  });
}
