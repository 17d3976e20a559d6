/**
 * Login with rate limiting, logout, and device enrollment. Failed logins are counted per
 * username in the database (10 per 15 minutes); the 11th attempt is refused even with the
 * right password, so guessing cannot continue by luck of timing. Each attempt is written as
 * a failure BEFORE its password is checked (and cleared on success): counting first would
 * let any number of simultaneous guesses through while the slow hash runs.
 */
import type { AppDeps } from '../context';
import type { PublicUser } from '../../shared/schemas/users';
import { uuidv7 } from '../../shared/ids';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import {
  claimEnrollmentCode, clearLoginFailures, countLoginFailures, findPublicUser, findUserByUsername, forgetLoginFailure,
  insertDevice, insertToken, recordLoginFailure, revokeToken,
} from '../db/queries/auth';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords';
import { hashEnrollmentCode, hashSecret, newToken } from './tokens';
import { bearerToken } from './authenticate';

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

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
  if (token) await revokeToken(deps.db, hashSecret(token), deps.clock().toISOString());
}

export async function enrollDevice(
  deps: AppDeps, code: string, deviceName: string,
): Promise<{ token: string; deviceId: string; user: PublicUser }> {
  const now = deps.clock().toISOString();
  const token = newToken();
  const deviceId = uuidv7(deps.clock().getTime());
  const user = await inTransaction(deps.db, async (tx) => {
    const claim = await claimEnrollmentCode(tx, hashEnrollmentCode(code), now);
    if (!claim) return null;
    const user = await findPublicUser(tx, claim.userId);
    if (!user || !user.active) return null;
    await insertDevice(tx, { id: deviceId, userId: user.id, name: deviceName.trim(), now });
    await insertToken(tx, { tokenHash: hashSecret(token), userId: user.id, deviceId, kind: 'device', now, expiresAt: null });
    return user;
  });
  if (!user) throw new ApiError('enroll.invalid_code');
  return { token, deviceId, user: { id: user.id, name: user.name, role: user.role as PublicUser['role'], unitId: user.unit_id } };
}
