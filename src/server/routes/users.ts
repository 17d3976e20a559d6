/**
 * Accounts: admins manage their commune's accounts, office staff manage field accounts and
 * hand out enrollment codes, the hosting operator manages everything but reads no households
 * and chooses no commune user's password. The rules and the actions live in
 * office/accounts.ts; these routes only translate HTTP.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { EnrollmentCode } from '../../shared/schemas/auth';
import type { Role } from '../../shared/schemas/users';
import { FIELD_ROLES } from '../../shared/schemas/users';
import { UserCreate, UserPatch, AdminUser, Device } from '../../shared/schemas/office';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { listUsers, listDevices, lockUser } from '../db/queries/users';
import { issueEnrollmentCode } from '../office/enrollment';
import { accountInScope, createAccount, editAccount, mayManage } from '../office/accounts';
import { inviteAccount } from '../office/invitations';
import { Invitation } from '../../shared/schemas/office';
import { readScope, requireChange } from './office-scope';
import { inTransaction } from '../db/handle';
import { actorOf, recordAudit } from '../db/queries/audit';

const IdParams = z.object({ id: Id });
const ListQuery = z.object({ communeId: z.optional(Id) });
const DeviceQuery = z.object({ communeId: z.optional(Id), userId: z.optional(Id) });

export default defineArea('', 'Tài khoản', [
  defineRoute(
    { method: 'get', path: '/users', access: ['office', 'admin', 'operator'], summary: 'Tài khoản của xã (người vận hành: mọi xã, hoặc ?communeId=)',
      request: { query: ListQuery }, responses: { 200: z.object({ users: z.array(AdminUser) }) } },
    async ({ deps, principal, query }) => ({ users: await listUsers(deps.db, readScope(principal, query.communeId)) }),
  ),
  defineRoute(
    { method: 'post', path: '/users', access: ['office', 'admin', 'operator'], summary: 'Tạo tài khoản (văn phòng: chỉ trưởng thôn và người phụ trách hội; chỉ quản trị đặt mật khẩu)',
      request: { body: UserCreate }, responses: { 201: AdminUser } },
    async ({ c, deps, principal, body }) => c.json((await createAccount(deps.db, principal, body, deps.clock())).after, 201),
  ),
  defineRoute(
    { method: 'patch', path: '/users/:id', access: ['office', 'admin', 'operator'], summary: 'Sửa tài khoản: tên, vai trò, đơn vị, khoá/mở khoá; quản trị đặt lại mật khẩu. Đổi vai trò, đơn vị, khoá hoặc đặt mật khẩu: huỷ mã kích hoạt chưa dùng, thu hồi điện thoại và phiên',
      request: { params: IdParams, body: UserPatch }, responses: { 200: AdminUser } },
    async ({ deps, principal, params, body }) => {
      requireChange(body);
      return (await editAccount(deps.db, principal, params.id, body, deps.clock())).after;
    },
  ),
  defineRoute(
    { method: 'post', path: '/users/:id/enrollment-codes', access: ['office', 'admin'], summary: 'Cấp mã kích hoạt điện thoại cho trưởng thôn hoặc người phụ trách hội',
      request: { params: IdParams }, responses: { 201: EnrollmentCode } },
    async ({ c, deps, principal, params }) => {
      // Checked and issued under the account's row lock: a change that cancels its codes
      // (role, unit, lock; office/accounts.ts) comes either before (no code) or after (cancels it).
      const issued = await inTransaction(deps.db, async (tx) => {
        await accountInScope(tx, principal, params.id);
        const user = (await lockUser(tx, params.id))!;
        if (!mayManage(principal, user.role as Role)) throw new ApiError('auth.forbidden');
        // A device token never expires, so only field accounts get one: an office account
        // enrolled as a phone would be a password-free admin key.
        if (!FIELD_ROLES.includes(user.role as Role)) throw new ApiError('enroll.not_field_user');
        if (!user.active) throw new ApiError('user.inactive');
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
    { method: 'post', path: '/users/:id/invitations', access: ['admin', 'operator'],
      summary: 'Gửi lại lời mời tự đặt mật khẩu cho tài khoản văn phòng hoặc quản trị (đường dẫn cũ hết hiệu lực)',
      request: { params: IdParams }, responses: { 201: Invitation } },
    async ({ c, deps, principal, params }) =>
      c.json(await inviteAccount(deps.db, principal, params.id, deps.clock(), deps.config.publicUrl), 201),
  ),
  defineRoute(
    { method: 'get', path: '/devices', access: ['office', 'admin', 'operator'], summary: 'Điện thoại đã kích hoạt của xã',
      request: { query: DeviceQuery }, responses: { 200: z.object({ devices: z.array(Device) }) } },
    async ({ deps, principal, query }) => ({ devices: await listDevices(deps.db, readScope(principal, query.communeId), query.userId) }),
  ),
]);
