/**
 * First run: while the server holds no commune, anyone who reaches it may create the first
 * commune with its admin, or load the demo — once. The claim is a row in app_meta written in
 * the same transaction, so two browsers racing on a fresh server cannot both succeed.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { PublicUser } from '../../shared/schemas/users';
import { SetupRequest, SetupStatus } from '../../shared/schemas/office';
import type { DbHandle } from '../db/handle';
import { isUniqueViolation } from '../db/dialect';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { countCommunes } from '../db/queries/units';
import { claimAppMeta } from '../db/queries/app-meta';
import { insertToken } from '../db/queries/auth';
import { hashSecret, newToken } from '../auth/tokens';
import { createCommune } from '../office/communes';
import { issueEnrollmentCode } from '../office/enrollment';
import { loadDemo } from '../demo/load';
import { DEMO_PASSWORDS } from '../demo';

const SETUP_KEY = 'setup_done';

/** Claims the one-time setup inside the caller's transaction; a second claim fails. */
async function claimSetup(tx: DbHandle, at: string): Promise<void> {
  if ((await countCommunes(tx)) > 0 || !(await claimAppMeta(tx, SETUP_KEY, at))) throw new ApiError('setup.already_done');
}

function alreadyDone(error: unknown): never {
  if (isUniqueViolation(error)) throw new ApiError('setup.already_done');
  throw error;
}

const Login = z.object({ username: z.string(), password: z.string() });
export const DemoLoaded = z.object({
  office: Login,
  admin: Login,
  field: z.array(z.object({ name: z.string(), unit: z.string(), unitId: Id, code: z.string() })),
});

export default defineArea('/setup', 'Thiết lập', [
  defineRoute(
    { method: 'get', path: '/', access: 'public', summary: 'Máy chủ đã có xã nào chưa (chưa có: mở màn hình thiết lập)', responses: { 200: SetupStatus } },
    async ({ deps }) => ({ needsSetup: (await countCommunes(deps.db)) === 0 }),
  ),
  defineRoute(
    { method: 'post', path: '/', access: 'public', summary: 'Tạo xã đầu tiên và tài khoản quản trị (chỉ một lần)',
      request: { body: SetupRequest }, responses: { 201: z.object({ token: z.string(), user: PublicUser }) } },
    async ({ c, deps, body }) => {
      const now = deps.clock();
      const created = await createCommune(deps.db, { name: body.communeName, admin: body.admin }, now,
        { inside: (tx) => claimSetup(tx, now.toISOString()) }).catch(alreadyDone);
      const token = newToken();
      await insertToken(deps.db, {
        tokenHash: hashSecret(token), userId: created.admin.id, deviceId: null, kind: 'session',
        now: now.toISOString(), expiresAt: new Date(now.getTime() + deps.config.sessionTtlMs).toISOString(),
      });
      const { id, name, role, unitId } = created.admin;
      return c.json({ token, user: { id, name, role, unitId } }, 201);
    },
  ),
  defineRoute(
    { method: 'post', path: '/demo', access: 'public', summary: 'Nạp xã mẫu (chỉ khi máy chủ chưa có xã nào)', responses: { 201: DemoLoaded } },
    async ({ c, deps }) => {
      const now = deps.clock();
      const { demo } = await loadDemo(deps.db, now, (tx) => claimSetup(tx, now.toISOString())).catch(alreadyDone);
      const field = [];
      for (const u of demo.users.filter((x) => x.role === 'village' || x.role === 'association')) {
        const issued = await issueEnrollmentCode(deps.db, {
          userId: u.id, issuedBy: null, now, ttlMs: deps.config.enrollmentCodeTtlMs, publicUrl: deps.config.publicUrl, withQr: false,
        });
        field.push({ name: u.name, unit: demo.units.find((x) => x.id === u.unitId)!.name, unitId: u.unitId, code: issued.code });
      }
      return c.json({
        office: { username: 'vanphong', password: DEMO_PASSWORDS.vanphong },
        admin: { username: 'admin', password: DEMO_PASSWORDS.admin },
        field,
      }, 201);
    },
  ),
]);
