/**
 * Accounts: admins manage their commune's accounts, office staff manage field accounts and
 * hand out enrollment codes, the hosting operator manages everything but reads no households.
 * Who may give which role is decided in `mayManage` so the rule exists once.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { EnrollmentCode } from '../../shared/schemas/auth';
import type { Role } from '../../shared/schemas/users';
import { FIELD_ROLES } from '../../shared/schemas/users';
import { UserCreate, UserPatch, AdminUser, Device } from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import type { Principal } from '../auth/policy';
import { canReadCommune, isOperator } from '../auth/policy';
import type { DbHandle } from '../db/handle';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { isUniqueViolation } from '../db/dialect';
import { listUsers, findUser, findUserByName, insertUser, updateUser, revokeUserTokens, revokeUserDevices, listDevices, toAdminUser } from '../db/queries/users';
import { findUnit } from '../db/queries/units';
import { hashPassword } from '../auth/passwords';
import { issueEnrollmentCode } from '../office/enrollment';
import { inTransaction } from '../db/handle';
import { actorOf, recordAudit } from '../db/queries/audit';
import { readScope, requireChange } from './office-scope';

const IdParams = z.object({ id: Id });
const ListQuery = z.object({ communeId: z.optional(Id) });
const DeviceQuery = z.object({ communeId: z.optional(Id), userId: z.optional(Id) });

/** Roles each caller may create, or edit an account holding. */
const MANAGEABLE: Record<string, readonly Role[]> = {
  office: ['village', 'association', 'office'],
  admin: ['village', 'association', 'office', 'admin'],
  operator: ['village', 'association', 'office', 'admin', 'operator'],
};

function mayManage(p: Principal, role: Role): boolean {
  return (MANAGEABLE[p.role] ?? []).includes(role);
}

/** The account must be in the caller's commune (any, for the operator); else it does not exist. */
async function userInScope(db: DbHandle, p: Principal, id: string) {
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
  const unit = await findUnit(db, unitId);
  if (!unit || unit.deleted || (!isOperator(p) && unit.commune_id !== p.communeId) || unit.commune_id === null) {
    throw new ApiError('not_found', 'unitId');
  }
  if (role === 'village' && unit.kind !== 'village') throw new ApiError('user.unit_mismatch', 'unitId');
  if (role === 'association' && unit.kind !== 'association') throw new ApiError('user.unit_mismatch', 'unitId');
  return { unitId: unit.id, communeId: unit.commune_id };
}

export default defineArea('', 'Tài khoản', [
  defineRoute(
    { method: 'get', path: '/users', access: ['office', 'admin', 'operator'], summary: 'Tài khoản của xã (người vận hành: mọi xã, hoặc ?communeId=)',
      request: { query: ListQuery }, responses: { 200: z.object({ users: z.array(AdminUser) }) } },
    async ({ deps, principal, query }) => ({ users: await listUsers(deps.db, readScope(principal, query.communeId)) }),
  ),
  defineRoute(
    { method: 'post', path: '/users', access: ['office', 'admin', 'operator'], summary: 'Tạo tài khoản (văn phòng không tạo được quản trị)',
      request: { body: UserCreate }, responses: { 201: AdminUser } },
    async ({ c, deps, principal, body }) => {
      if (!mayManage(principal, body.role)) throw new ApiError('auth.forbidden');
      const place = await placeAccount(deps.db, principal, body.role, body.unitId);
      const now = deps.clock();
      const id = body.id ?? uuidv7(now.getTime());
      if (body.id && (await findUser(deps.db, body.id))) throw new ApiError('conflict.exists', 'id');
      if (body.username && (await findUserByName(deps.db, body.username))) throw new ApiError('conflict.exists', 'username');
      const passwordHash = body.password ? await hashPassword(body.password) : null;
      try {
        await inTransaction(deps.db, async (tx) => {
          await insertUser(tx, { id, username: body.username ?? null, name: body.name, role: body.role, ...place, passwordHash }, now.toISOString());
          await recordAudit(tx, {
            actor: actorOf(principal), at: now.toISOString(), communeId: place.communeId, action: 'user.create', entity: 'user', entityId: id,
            after: { username: body.username ?? null, name: body.name, role: body.role, unitId: place.unitId, hasPassword: passwordHash !== null },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError('conflict.exists', 'username');
        throw error;
      }
      return c.json(toAdminUser((await findUser(deps.db, id))!), 201);
    },
  ),
  defineRoute(
    { method: 'patch', path: '/users/:id', access: ['office', 'admin', 'operator'], summary: 'Sửa tài khoản: tên, vai trò, đơn vị, khoá/mở khoá; quản trị đặt lại mật khẩu',
      request: { params: IdParams, body: UserPatch }, responses: { 200: AdminUser } },
    async ({ deps, principal, params, body }) => {
      const user = await userInScope(deps.db, principal, params.id);
      requireChange(body);
      const role = body.role ?? (user.role as Role);
      if (!mayManage(principal, user.role as Role) || !mayManage(principal, role)) throw new ApiError('auth.forbidden');
      // Passwords are reset by an admin (or the operator), never by office staff.
      if (body.password !== undefined && principal.role === 'office') throw new ApiError('auth.forbidden');
      // Nobody locks themselves out by removing their own admin rights or account.
      if (user.id === principal.userId && (body.active === false || (body.role !== undefined && body.role !== user.role))) throw new ApiError('auth.forbidden');
      const place = body.role !== undefined || body.unitId !== undefined
        ? await placeAccount(deps.db, principal, role, body.unitId !== undefined ? body.unitId : user.unit_id)
        : undefined;
      const now = deps.clock().toISOString();
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
      await inTransaction(deps.db, async (tx) => {
        await updateUser(tx, user.id, {
          name: body.name, role: body.role, active: body.active, ...(place ?? {}),
          ...(passwordHash !== undefined ? { passwordHash } : {}),
        }, now);
        // A locked account, a new password or a new role ends the old sessions and phones.
        if (body.active === false || (body.role !== undefined && body.role !== user.role) || (place && place.unitId !== user.unit_id)) {
          await revokeUserDevices(tx, user.id, now);
        } else if (body.password !== undefined) {
          await revokeUserTokens(tx, user.id, now, 'session');
        }
        const after = toAdminUser((await findUser(tx, user.id))!);
        await recordAudit(tx, {
          actor: actorOf(principal), at: now, communeId: user.commune_id, action: 'user.update', entity: 'user', entityId: user.id,
          before: toAdminUser(user), after: { ...after, ...(passwordHash !== undefined ? { passwordReset: true } : {}) },
        });
      });
      return toAdminUser((await findUser(deps.db, user.id))!);
    },
  ),
  defineRoute(
    { method: 'post', path: '/users/:id/enrollment-codes', access: ['office', 'admin'], summary: 'Cấp mã kích hoạt điện thoại cho trưởng thôn hoặc người phụ trách hội',
      request: { params: IdParams }, responses: { 201: EnrollmentCode } },
    async ({ c, deps, principal, params }) => {
      const user = await userInScope(deps.db, principal, params.id);
      // A device token never expires, so only field accounts get one: an office account
      // enrolled as a phone would be a password-free admin key.
      if (!FIELD_ROLES.includes(user.role as Role)) throw new ApiError('enroll.not_field_user');
      if (!user.active) throw new ApiError('user.inactive');
      const issued = await inTransaction(deps.db, async (tx) => {
        const code = await issueEnrollmentCode(tx, {
          userId: user.id, issuedBy: principal.userId, now: deps.clock(), ttlMs: deps.config.enrollmentCodeTtlMs, publicUrl: deps.config.publicUrl,
        });
        // Never the code itself: whoever reads the trail could enroll a phone with it.
        await recordAudit(tx, {
          actor: actorOf(principal), at: deps.clock().toISOString(), communeId: user.commune_id, action: 'enrollment_code.issue', entity: 'user',
          entityId: user.id, after: { expiresAt: code.expiresAt },
        });
        return code;
      });
      return c.json(issued, 201);
    },
  ),
  defineRoute(
    { method: 'get', path: '/devices', access: ['office', 'admin', 'operator'], summary: 'Điện thoại đã kích hoạt của xã',
      request: { query: DeviceQuery }, responses: { 200: z.object({ devices: z.array(Device) }) } },
    async ({ deps, principal, query }) => ({ devices: await listDevices(deps.db, readScope(principal, query.communeId), query.userId) }),
  ),
]);
