/**
 * Turns `Authorization: Bearer <token>` into a Principal, or throws the exact 401:
 * `auth.required` (no token), `auth.device_revoked` (the phone was revoked — it must be told
 * apart so it stops retrying and asks for a new code), `auth.invalid_token` (anything else).
 */
import type { Principal } from './policy';
import { FIELD_ROLES } from '../../shared/schemas/users';
import type { DbHandle } from '../db/handle';
import { findToken } from '../db/queries/auth';
import { hashSecret } from './tokens';
import { ApiError } from '../http/errors';

export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  return match ? match[1]! : '';
}

export async function authenticate(db: DbHandle, header: string | undefined | null, now: Date): Promise<Principal> {
  const token = bearerToken(header);
  if (token === null) throw new ApiError('auth.required');
  if (token === '') throw new ApiError('auth.invalid_token');
  const row = await findToken(db, hashSecret(token));
  if (!row) throw new ApiError('auth.invalid_token');
  if (row.kind === 'device' && row.device_revoked_at !== null) throw new ApiError('auth.device_revoked');
  if (row.revoked_at !== null) throw new ApiError('auth.invalid_token');
  if (row.expires_at !== null && row.expires_at <= now.toISOString()) throw new ApiError('auth.invalid_token');
  if (!row.active) throw new ApiError('auth.invalid_token');
  // A device token is a field user's key. Should the account have become office staff anyway
  // (a role change revokes its phones; this is the second lock on that door), the phone
  // hears it is revoked rather than acting with office rights.
  if (row.kind === 'device' && !FIELD_ROLES.includes(row.role)) throw new ApiError('auth.device_revoked');
  return {
    userId: row.user_id,
    name: row.name,
    role: row.role,
    unitId: row.unit_id,
    communeId: row.commune_id,
    deviceId: row.device_id,
  };
}
