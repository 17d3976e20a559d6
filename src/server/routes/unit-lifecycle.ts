/**
 * The office's unit and people chores in one step each:
 * - "Đổi người phụ trách" (hand-over): the unit's current head is deactivated, their phones
 *   revoked, a new head made and given a code; the unit's reports stay with the unit.
 * - "In thẻ" (enrollment cards): fresh codes for a sheet of field users; codes are stored
 *   hashed, so printing again cancels the unused earlier ones.
 * - Closing a unit: its shares are dropped or moved (asked for when it has any), its people
 *   deactivated. `POST /units/:id/replace` (a merge with a successor) keeps working as before.
 * Each is one transaction with its audit entries.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { Unit, REPORTING_KINDS } from '../../shared/schemas/units';
import type { Role } from '../../shared/schemas/users';
import {
  AdminUser, EnrollmentCard, EnrollmentCardsRequest, HandOverRequest, UnitClose,
} from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { isUniqueViolation } from '../db/dialect';
import { findUnit, toUnit } from '../db/queries/units';
import { findUser, findUserByName, insertUser, toAdminUser } from '../db/queries/users';
import {
  activeUsersOfUnit, cancelOpenCodes, deactivateUsers, dropOrMoveAssignments, lockUnitRow, markUnitClosed, unitAssignments,
} from '../db/queries/unit-lifecycle';
import { actorOf, recordAudits } from '../db/queries/audit';
import { issueEnrollmentCode } from '../office/enrollment';
import { unitInScope } from './office-scope';

const OFFICE = ['office', 'admin'] as const;
const IdParams = z.object({ id: Id });
const Enrollment = z.object({ code: z.string(), url: z.string(), qrSvg: z.string(), expiresAt: z.string() });

export default defineArea('', 'Đơn vị', [
  defineRoute(
    { method: 'post', path: '/units/:id/hand-over', access: OFFICE,
      summary: 'Đổi người phụ trách thôn hoặc hội: khoá người cũ, thu hồi máy, tạo người mới và cấp mã; báo cáo vẫn thuộc đơn vị',
      request: { params: IdParams, body: HandOverRequest },
      responses: { 200: z.object({ user: AdminUser, previousUserIds: z.array(Id), enrollment: Enrollment }) } },
    async ({ deps, principal, params, body }) => {
      const unit = await unitInScope(deps.db, principal, params.id);
      if (!REPORTING_KINDS.includes(unit.kind as never)) throw new ApiError('unit.not_reporting');
      if (unit.closed_at) throw new ApiError('unit.closed');
      if (unit.successor_id) throw new ApiError('unit.replaced');
      if (body.username && (await findUserByName(deps.db, body.username))) throw new ApiError('conflict.exists', 'username');
      const now = deps.clock();
      const at = now.toISOString();
      const userId = uuidv7(now.getTime());
      const role = unit.kind as Role;
      try {
        const { previous, enrollment } = await inTransaction(deps.db, async (tx) => {
          await lockUnitRow(tx, unit.id, at);
          // Only field accounts are handed over; an office account placed on the unit stays.
          const previous = (await activeUsersOfUnit(tx, unit.id)).filter((u) => u.role === 'village' || u.role === 'association');
          await deactivateUsers(tx, previous.map((u) => u.id), at);
          await insertUser(tx, { id: userId, username: body.username ?? null, name: body.name, role, unitId: unit.id, communeId: unit.commune_id, passwordHash: null }, at);
          if (body.phone) await tx.kysely.updateTable('users').set({ phone: body.phone }).where('id', '=', userId).execute();
          const issued = await issueEnrollmentCode(tx, {
            userId, issuedBy: principal.userId, now, ttlMs: deps.config.enrollmentCodeTtlMs, publicUrl: deps.config.publicUrl,
          });
          const actor = actorOf(principal);
          await recordAudits(tx, [
            ...previous.map((u) => ({ actor, at, communeId: unit.commune_id, action: 'user.deactivate', entity: 'user', entityId: u.id, before: { active: true }, after: { active: false, devicesRevoked: true } })),
            { actor, at, communeId: unit.commune_id, action: 'user.create', entity: 'user', entityId: userId, after: { name: body.name, role, unitId: unit.id, username: body.username ?? null } },
            { actor, at, communeId: unit.commune_id, action: 'enrollment_code.issue', entity: 'user', entityId: userId, after: { expiresAt: issued.expiresAt } },
            { actor, at, communeId: unit.commune_id, action: 'unit.hand_over', entity: 'unit', entityId: unit.id, before: { userIds: previous.map((u) => u.id) }, after: { userId } },
          ]);
          return { previous, enrollment: issued };
        });
        return {
          user: toAdminUser((await findUser(deps.db, userId))!),
          previousUserIds: previous.map((u) => u.id),
          enrollment: { code: enrollment.code, url: enrollment.url, qrSvg: enrollment.qrSvg, expiresAt: enrollment.expiresAt },
        };
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError('conflict.exists', 'username');
        throw error;
      }
    },
  ),
  defineRoute(
    { method: 'post', path: '/enrollment-cards', access: OFFICE,
      summary: 'In thẻ kích hoạt: mã mới cho từng trưởng thôn, người phụ trách hội (mã cũ chưa dùng bị huỷ)',
      request: { body: EnrollmentCardsRequest }, responses: { 200: z.object({ cards: z.array(EnrollmentCard) }) } },
    async ({ deps, principal, body }) => {
      const userIds = [...new Set(body.userIds)];
      const people: { id: string; name: string; unitName: string }[] = [];
      for (const id of userIds) {
        const user = await findUser(deps.db, id);
        const path = `userIds.${body.userIds.indexOf(id)}`;
        if (!user || user.commune_id === null || user.commune_id !== principal.communeId) throw new ApiError('not_found', path);
        if (user.role !== 'village' && user.role !== 'association') throw new ApiError('enroll.not_field_user', path);
        if (!user.active) throw new ApiError('user.inactive', path);
        const unit = user.unit_id ? await findUnit(deps.db, user.unit_id) : undefined;
        people.push({ id: user.id, name: user.name, unitName: unit?.name ?? '' });
      }
      const now = deps.clock();
      const at = now.toISOString();
      const cards = await inTransaction(deps.db, async (tx) => {
        await cancelOpenCodes(tx, people.map((p) => p.id), at);
        const out: z.infer<typeof EnrollmentCard>[] = [];
        for (const p of people) {
          const issued = await issueEnrollmentCode(tx, {
            userId: p.id, issuedBy: principal.userId, now, ttlMs: deps.config.enrollmentCodeTtlMs, publicUrl: deps.config.publicUrl,
          });
          out.push({ userId: p.id, name: p.name, unitName: p.unitName, code: issued.code, url: issued.url, qrSvg: issued.qrSvg, expiresAt: issued.expiresAt });
        }
        // The codes themselves never enter the trail: whoever reads it could enroll a phone.
        await recordAudits(tx, out.map((c) => ({
          actor: actorOf(principal), at, communeId: principal.communeId, action: 'enrollment_code.issue', entity: 'user', entityId: c.userId,
          after: { expiresAt: c.expiresAt, card: true },
        })));
        return out;
      });
      return { cards };
    },
  ),
  defineRoute(
    { method: 'post', path: '/units/:id/close', access: OFFICE,
      summary: 'Đóng đơn vị: bỏ hoặc chuyển phần chỉ tiêu được giao (409 unit.has_shares khi còn phần giao mà chưa chọn), khoá tài khoản của đơn vị',
      request: { params: IdParams, body: UnitClose }, responses: { 200: z.object({ unit: Unit }) } },
    async ({ deps, principal, params, body }) => {
      const unit = await unitInScope(deps.db, principal, params.id);
      if (unit.kind === 'commune') throw new ApiError('auth.forbidden');
      if (unit.closed_at) throw new ApiError('unit.closed');
      const shares = await unitAssignments(deps.db, unit.id);
      if (shares.length > 0 && !body.shares) throw new ApiError('unit.has_shares', 'shares', { shares: shares.length });
      let toUnitId: string | null = null;
      if (body.shares === 'move' && shares.length > 0) {
        if (!body.toUnitId) throw new ApiError('value.required', 'toUnitId');
        const to = await unitInScope(deps.db, principal, body.toUnitId, 'toUnitId');
        if (to.id === unit.id || to.closed_at || to.successor_id || !REPORTING_KINDS.includes(to.kind as never)) {
          throw new ApiError('unit.bad_successor', 'toUnitId');
        }
        toUnitId = to.id;
      }
      const now = deps.clock();
      const at = now.toISOString();
      await inTransaction(deps.db, async (tx) => {
        if (!(await markUnitClosed(tx, unit.id, unit.commune_id, at))) throw new ApiError('unit.closed');
        const moved = await dropOrMoveAssignments(tx, unit.id, toUnitId, () => uuidv7(now.getTime()));
        const people = await activeUsersOfUnit(tx, unit.id);
        await deactivateUsers(tx, people.map((u) => u.id), at);
        const actor = actorOf(principal);
        await recordAudits(tx, [
          ...people.map((u) => ({ actor, at, communeId: unit.commune_id, action: 'user.deactivate', entity: 'user', entityId: u.id, before: { active: true }, after: { active: false, devicesRevoked: true } })),
          { actor, at, communeId: unit.commune_id, action: 'unit.close', entity: 'unit', entityId: unit.id,
            before: { name: unit.name, closedAt: null, shares: shares.map((a) => ({ targetId: a.target_id, share: a.share })) },
            after: { closedAt: at, shares: body.shares ?? null, toUnitId, moved } },
        ]);
      });
      return { unit: toUnit((await findUnit(deps.db, unit.id))!) };
    },
  ),
]);
