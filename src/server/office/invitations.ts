/**
 * Invitations: a one-time, expiring link with which a new commune admin sets their own
 * password, so the hosting operator never chooses (or learns) it. The link's secret is
 * stored only as a hash; accepting it sets the password and logs the admin in, in one step.
 * Both are plain functions with a clear result, for the audit trail (issue 8) to record.
 */
import type { AppDeps } from '../context';
import type { PublicUser } from '../../shared/schemas/users';
import { OFFICE_ROLES } from '../../shared/schemas/users';
import { inTransaction, type DbHandle } from '../db/handle';
import { ApiError } from '../http/errors';
import { cancelInvitations, claimInvitation, findUser, insertInvitation, lockUser, updateUser } from '../db/queries/users';
import { insertToken } from '../db/queries/auth';
import { hashPassword } from '../auth/passwords';
import { hashSecret, newToken } from '../auth/tokens';
import type { Principal } from '../auth/policy';
import { canReadCommune } from '../auth/policy';
import { endAccountAccess, mayManage } from './accounts';

/** Long enough for a busy commune official to open their mail; short enough to go stale. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export interface Invitation {
  url: string;
  expiresAt: string;
}

export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/office/invite?token=${encodeURIComponent(token)}`;
}

/** A new invitation for the user, inside the caller's transaction; earlier unused ones stop working. */
export async function inviteUser(
  tx: DbHandle, opts: { userId: string; createdBy: string | null; now: Date; publicUrl: string; ttlMs?: number },
): Promise<Invitation> {
  const token = newToken();
  const at = opts.now.toISOString();
  const expiresAt = new Date(opts.now.getTime() + (opts.ttlMs ?? INVITATION_TTL_MS)).toISOString();
  await cancelInvitations(tx, opts.userId, at);
  await insertInvitation(tx, { tokenHash: hashSecret(token), userId: opts.userId, createdBy: opts.createdBy, now: at, expiresAt });
  return { url: invitationUrl(opts.publicUrl, token), expiresAt };
}

/**
 * A new invitation for an office or admin account the caller manages (the operator for a
 * commune admin whose first link expired; an admin for office staff, instead of choosing their
 * password). Earlier links of the account stop working; its current password keeps working
 * until the new one is set.
 */
export async function inviteAccount(
  db: DbHandle, p: Principal, userId: string, now: Date, publicUrl: string,
): Promise<Invitation> {
  return inTransaction(db, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user || !canReadCommune(p, user.commune_id)) throw new ApiError('not_found');
    if (!mayManage(p, user.role as PublicUser['role'])) throw new ApiError('auth.forbidden');
    if (!OFFICE_ROLES.includes(user.role as PublicUser['role'])) throw new ApiError('invitation.not_office_user');
    if (!user.active) throw new ApiError('user.inactive');
    return inviteUser(tx, { userId: user.id, createdBy: p.userId, now, publicUrl });
  });
}

export interface AcceptedInvitation {
  token: string;
  user: PublicUser;
}

/**
 * Sets the invited user's password and opens a session. The invitation is claimed in one
 * UPDATE (two clicks cannot both win); an unknown, used or expired one, or one whose account
 * has since been locked or is no longer office staff, is `invitation.invalid`.
 */
export async function acceptInvitation(deps: AppDeps, token: string, password: string): Promise<AcceptedInvitation> {
  const now = deps.clock();
  const at = now.toISOString();
  const passwordHash = await hashPassword(password);
  const session = newToken();
  const user = await inTransaction(deps.db, async (tx) => {
    const userId = await claimInvitation(tx, hashSecret(token), at);
    if (!userId) return null;
    const user = await lockUser(tx, userId);
    if (!user || !user.active || !OFFICE_ROLES.includes(user.role as PublicUser['role'])) return null;
    // Whatever the account held before (sessions, other invitations) ends with the new password.
    await endAccountAccess(tx, user.id, at);
    await updateUser(tx, user.id, { passwordHash }, at);
    await insertToken(tx, {
      tokenHash: hashSecret(session), userId: user.id, deviceId: null, kind: 'session', now: at,
      expiresAt: new Date(now.getTime() + deps.config.sessionTtlMs).toISOString(),
    });
    return (await findUser(tx, user.id))!;
  });
  if (!user) throw new ApiError('invitation.invalid', 'token');
  return { token: session, user: { id: user.id, name: user.name, role: user.role as PublicUser['role'], unitId: user.unit_id } };
}
