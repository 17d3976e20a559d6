/**
 * Login with rate limiting, logout, and device enrollment. Failed logins are counted per
 * username in the database (10 per 15 minutes); the 11th attempt is refused even with the
 * right password, so guessing cannot continue by luck of timing. Each attempt is written as
 * a failure BEFORE its password is checked (and cleared on success): counting first would
 * let any number of simultaneous guesses through while the slow hash runs.
 */
import type { AppDeps } from '../context';
import type { PublicUser } from '../../shared/schemas/users';
import { FIELD_ROLES } from '../../shared/schemas/users';
import { uuidv7 } from '../../shared/ids';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import {
  claimEnrollmentCode, clearLoginFailures, enrollmentCodeOwner, countLoginFailures, findPublicUser, findUserByUsername, forgetLoginFailure,
  insertDevice, insertToken, recordLoginFailure, revokeToken,
} from '../db/queries/auth';
import { lockUser } from '../db/queries/users';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords';
import { hashEnrollmentCode, hashSecret, newToken } from './tokens';
import { bearerToken } from './authenticate';

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
/** Failed enrollments per source address in the same window (a code has ~49 bits; this keeps guessing hopeless). */
export const ENROLL_FAILURE_LIMIT = 10;

/**
 * Enrollment failures share the login limit's table and method, keyed by the source address.
 * ':' can never occur in a username (shared/schemas/office.ts), so the keys cannot collide.
 */
const enrollKey = (address: string) => `enroll:${address}`;

export async function login(deps: AppDeps, username: string, password: string): Promise<{ token: string; user: PublicUser }> {
  const now = deps.clock();
  const key = username.trim();
  const since = new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS).toISOString();
  const attempt = await recordLoginFailure(deps.db, key, now.toISOString());
  if ((await countLoginFailures(deps.db, key, since)) > LOGIN_FAILURE_LIMIT) {
    // A refused attempt is not a guess: it must not stretch the lockout.
    await forgetLoginFailure(deps.db, attempt);
    throw new ApiError('auth.rate_limited');
  }
  const user = await findUserByUsername(deps.db, key);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || !user.active || !user.password_hash) throw new ApiError('auth.bad_credentials');
  await clearLoginFailures(deps.db, key);
  const token = newToken();
  await insertToken(deps.db, {
    tokenHash: hashSecret(token), userId: user.id, deviceId: null, kind: 'session', now: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.config.sessionTtlMs).toISOString(),
  });
  return { token, user: { id: user.id, name: user.name, role: user.role, unitId: user.unit_id } };
}

export async function logout(deps: AppDeps, authorization: string | undefined): Promise<void> {
  const token = bearerToken(authorization);
  // The write decides, not the earlier check: of two logouts at once only one ends the
  // session, and the other is told, as it would be one after the other, that it had none.
  if (token && !(await revokeToken(deps.db, hashSecret(token), deps.clock().toISOString()))) throw new ApiError('auth.invalid_token');
}

/**
 * Enrolls a phone with a one-time code. The user row is locked and the code claimed in one
 * transaction, and the user is checked as it is NOW: a field role, active, with a unit. An
 * account made office staff (or locked) after its code was issued gets no device token —
 * changing the account also cancels its codes (office/accounts.ts), and the row lock orders
 * the two, so a concurrent change either sees this device (and revokes it) or is seen here.
 * Each attempt counts as a failure for its source address until it succeeds; the 11th in 15
 * minutes is refused before the code is even looked at.
 */
export async function enrollDevice(
  deps: AppDeps, code: string, deviceName: string, address = 'local',
): Promise<{ token: string; deviceId: string; user: PublicUser }> {
  const clock = deps.clock();
  const now = clock.toISOString();
  const key = enrollKey(address);
  const attempt = await recordLoginFailure(deps.db, key, now);
  if ((await countLoginFailures(deps.db, key, new Date(clock.getTime() - LOGIN_FAILURE_WINDOW_MS).toISOString())) > ENROLL_FAILURE_LIMIT) {
    await forgetLoginFailure(deps.db, attempt);
    throw new ApiError('enroll.rate_limited');
  }
  const token = newToken();
  const deviceId = uuidv7(clock.getTime());
  const user = await inTransaction(deps.db, async (tx) => {
    // The user row first, then the code: the same order as an account change (which locks the
    // user, then cancels its codes), so the two wait for each other instead of deadlocking.
    const codeHash = hashEnrollmentCode(code);
    const owner = await enrollmentCodeOwner(tx, codeHash);
    if (!owner) return null;
    const user = await lockUser(tx, owner);
    if (!(await claimEnrollmentCode(tx, codeHash, now))) return null;
    if (!user || !user.active || !FIELD_ROLES.includes(user.role as PublicUser['role']) || !user.unit_id) return null;
    await insertDevice(tx, { id: deviceId, userId: user.id, name: deviceName.trim(), now });
    await insertToken(tx, { tokenHash: hashSecret(token), userId: user.id, deviceId, kind: 'device', now, expiresAt: null });
    return user;
  });
  if (!user) throw new ApiError('enroll.invalid_code');
  // A success is not a guess; the other failures from this address still count.
  await forgetLoginFailure(deps.db, attempt);
  return { token, deviceId, user: { id: user.id, name: user.name, role: user.role as PublicUser['role'], unitId: user.unit_id } };
}
