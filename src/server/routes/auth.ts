/**
 * Logging in (office staff, password), enrolling a phone (field users, one-time code),
 * who am I, logging out, and revoking a lost phone.
 */
import * as z from 'zod/mini';
import { EnrollRequest, EnrollResponse, LoginRequest, LoginResponse } from '../../shared/schemas/auth';
import { Id } from '../../shared/schemas/common';
import { Role } from '../../shared/schemas/users';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { login, logout, enrollDevice } from '../auth/sessions';
import { findDevice, revokeDevice, renameDevice, lockDeviceName } from '../db/queries/auth';
import { isOfficeOf } from '../auth/policy';
import { clientAddress } from '../http/client-address';
import { inTransaction } from '../db/handle';
import { actorOf, recordAudit } from '../db/queries/audit';
import { listDevices } from '../db/queries/users';
import { Device, DeviceRename } from '../../shared/schemas/office';

const ALL_ROLES = Role.options;
const Ok = z.object({ ok: z.literal(true) });

export const authArea = defineArea('/auth', 'Đăng nhập', [
  defineRoute(
    { method: 'post', path: '/login', access: 'public', summary: 'Đăng nhập bằng tên và mật khẩu',
      request: { body: LoginRequest }, responses: { 200: LoginResponse } },
    ({ deps, body }) => login(deps, body.username, body.password),
  ),
  defineRoute(
    { method: 'post', path: '/logout', access: ALL_ROLES, summary: 'Đăng xuất (thu hồi mã phiên đang dùng)', responses: { 200: Ok } },
    async ({ deps, c }) => {
      await logout(deps, c.req.header('authorization'));
      return { ok: true };
    },
  ),
]);

export const Me = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  unitId: z.nullable(Id),
  communeId: z.nullable(Id),
  deviceId: z.nullable(Id),
});

export const meArea = defineArea('/me', 'Đăng nhập', [
  defineRoute(
    { method: 'get', path: '/', access: ALL_ROLES, summary: 'Người đang đăng nhập', responses: { 200: Me } },
    ({ principal: p }) => ({ id: p.userId, name: p.name, role: p.role, unitId: p.unitId, communeId: p.communeId, deviceId: p.deviceId }),
  ),
]);

const DeviceParams = z.object({ id: Id });
const RevokedDevice = z.object({ id: Id, revokedAt: z.string() });

export const devicesArea = defineArea('/devices', 'Thiết bị', [
  defineRoute(
    { method: 'post', path: '/enroll', access: 'public', summary: 'Kích hoạt điện thoại bằng mã một lần (sai quá 10 lần trong 15 phút từ một địa chỉ: 429 enroll.rate_limited)',
      request: { body: EnrollRequest }, responses: { 200: EnrollResponse } },
    ({ c, deps, body }) => enrollDevice(deps, body.code, body.deviceName, clientAddress(c)),
  ),
  defineRoute(
    { method: 'post', path: '/:id/revoke', access: ['office', 'admin'], summary: 'Thu hồi một điện thoại (mất máy, đổi người)',
      request: { params: DeviceParams }, responses: { 200: RevokedDevice } },
    async ({ deps, principal, params }) => {
      const device = await findDevice(deps.db, params.id);
      // A device of another commune is "not found", never "forbidden": ids must not leak.
      if (!device || !isOfficeOf(principal, device.commune_id)) throw new ApiError('not_found');
      const now = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        // The conditional write decides who revoked it, so a revoke racing this one is not audited twice.
        if (await revokeDevice(tx, device.id, now)) {
          await recordAudit(tx, {
            actor: actorOf(principal), at: now, communeId: device.commune_id, action: 'device.revoke', entity: 'device', entityId: device.id,
            before: { name: device.name, userId: device.user_id, revokedAt: null }, after: { revokedAt: now },
          });
        }
      });
      return { id: device.id, revokedAt: device.revoked_at ?? now };
    },
  ),
  defineRoute(
    { method: 'patch', path: '/current', access: ALL_ROLES, summary: 'Đặt tên cho điện thoại đang dùng (mã thiết bị), để phân biệt hai máy của một người',
      request: { body: DeviceRename }, responses: { 200: z.object({ device: Device }) } },
    async ({ deps, principal, body }) => {
      if (!principal.deviceId) throw new ApiError('device.not_a_device');
      const deviceId = principal.deviceId;
      const now = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        // Read on the locked row: of two renames at once, the second audits the first's name.
        const before = { name: await lockDeviceName(tx, deviceId) };
        await renameDevice(tx, deviceId, body.name);
        await recordAudit(tx, {
          actor: actorOf(principal), at: now, communeId: principal.communeId, action: 'device.rename', entity: 'device', entityId: deviceId,
          before, after: { name: body.name },
        });
      });
      const [device] = await listDevices(deps.db, null, undefined, deviceId);
      return { device: device! };
    },
  ),
]);

