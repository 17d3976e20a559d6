/**
 * The commune's units (villages, associations, the office) and, for the hosting operator,
 * the communes themselves. Units are never erased: a merged village is replaced by its
 * successor (keeping its id and reports), a mistaken one becomes a tombstone.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { Unit } from '../../shared/schemas/units';
import { UnitCreate, UnitPatch, UnitReplace, CommuneCreate } from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import { vietnamToday } from '../../shared/periods';
import { defineArea, defineRoute } from '../http/registry';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { isUniqueViolation } from '../db/dialect';
import {
  listUnits, listCommunes, insertUnit, updateUnit, findUnit, unitInUse, handOverToSuccessor, toUnit,
} from '../db/queries/units';
import { createCommune } from '../office/communes';
import { actorOf, recordAudit } from '../db/queries/audit';
import { ownCommune, readScope, unitInScope, requireChange } from './office-scope';

const OFFICE = ['office', 'admin'] as const;
const IdParams = z.object({ id: Id });
const ListQuery = z.object({ communeId: z.optional(Id) });
const Deleted = z.object({ id: Id, deleted: z.literal(true) });

export default defineArea('', 'Đơn vị', [
  defineRoute(
    { method: 'get', path: '/units', access: [...OFFICE, 'operator'], summary: 'Các đơn vị của xã (người vận hành: mọi xã, hoặc ?communeId=)',
      request: { query: ListQuery }, responses: { 200: z.object({ units: z.array(Unit) }) } },
    async ({ deps, principal, query }) => ({ units: await listUnits(deps.db, readScope(principal, query.communeId)) }),
  ),
  defineRoute(
    { method: 'post', path: '/units', access: OFFICE, summary: 'Thêm thôn, làng, hội, đoàn thể hoặc bộ phận văn phòng',
      request: { body: UnitCreate }, responses: { 201: Unit } },
    async ({ c, deps, principal, body }) => {
      const communeId = ownCommune(principal);
      const parentId = body.parentId ?? communeId;
      await unitInScope(deps.db, principal, parentId, 'parentId');
      const now = deps.clock();
      const unit: Unit = {
        id: body.id ?? uuidv7(now.getTime()), parentId, kind: body.kind, name: body.name, communeId, successorId: null, replacedOn: null,
      };
      try {
        await inTransaction(deps.db, async (tx) => {
          if (body.id && (await findUnit(tx, body.id))) throw new ApiError('conflict.exists', 'id');
          await insertUnit(tx, unit, now.toISOString());
          await recordAudit(tx, { actor: actorOf(principal), at: now.toISOString(), communeId, action: 'unit.create', entity: 'unit', entityId: unit.id, after: unit });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError('conflict.exists', 'id');
        throw error;
      }
      return c.json(unit, 201);
    },
  ),
  defineRoute(
    { method: 'patch', path: '/units/:id', access: OFFICE, summary: 'Sửa tên, loại hoặc đơn vị cấp trên',
      request: { params: IdParams, body: UnitPatch }, responses: { 200: Unit } },
    async ({ deps, principal, params, body }) => {
      const unit = await unitInScope(deps.db, principal, params.id);
      requireChange(body);
      // The commune itself can be renamed, never moved or turned into something else.
      if (unit.kind === 'commune' && (body.kind !== undefined || body.parentId !== undefined)) throw new ApiError('auth.forbidden');
      if (body.parentId !== undefined) {
        await unitInScope(deps.db, principal, body.parentId, 'parentId');
        if (await isInside(deps.db, body.parentId, unit.id)) throw new ApiError('value.invalid', 'parentId');
      }
      const at = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        await updateUnit(tx, unit, body, at);
        await recordAudit(tx, { actor: actorOf(principal), at, communeId: unit.commune_id, action: 'unit.update', entity: 'unit', entityId: unit.id, before: toUnit(unit), after: toUnit((await findUnit(tx, unit.id))!) });
      });
      return toUnit((await findUnit(deps.db, unit.id))!);
    },
  ),
  defineRoute(
    { method: 'post', path: '/units/:id/replace', access: OFFICE, summary: 'Thay đơn vị bằng đơn vị kế thừa (sáp nhập): giữ nguyên lịch sử báo cáo',
      request: { params: IdParams, body: UnitReplace }, responses: { 200: Unit } },
    async ({ deps, principal, params, body }) => {
      const unit = await unitInScope(deps.db, principal, params.id);
      if (unit.kind === 'commune') throw new ApiError('auth.forbidden');
      if (unit.successor_id) throw new ApiError('unit.replaced');
      const successor = await unitInScope(deps.db, principal, body.successor, 'successor');
      if (successor.id === unit.id || successor.successor_id || successor.kind === 'commune') throw new ApiError('unit.bad_successor', 'successor');
      const now = deps.clock();
      await inTransaction(deps.db, async (tx) => {
        await updateUnit(tx, unit, { successorId: successor.id, replacedOn: body.on ?? vietnamToday(now) }, now.toISOString());
        await handOverToSuccessor(tx, unit, successor.id, now.toISOString(), () => uuidv7(now.getTime()));
        await recordAudit(tx, {
          actor: actorOf(principal), at: now.toISOString(), communeId: unit.commune_id, action: 'unit.replace', entity: 'unit', entityId: unit.id,
          before: toUnit(unit), after: toUnit((await findUnit(tx, unit.id))!),
        });
      });
      return toUnit((await findUnit(deps.db, unit.id))!);
    },
  ),
  defineRoute(
    { method: 'delete', path: '/units/:id', access: OFFICE, summary: 'Xoá đơn vị tạo nhầm (còn người dùng hoặc đơn vị con thì không xoá được)',
      request: { params: IdParams }, responses: { 200: Deleted } },
    async ({ deps, principal, params }) => {
      const unit = await unitInScope(deps.db, principal, params.id);
      if (unit.kind === 'commune') throw new ApiError('auth.forbidden');
      if (await unitInUse(deps.db, unit.id)) throw new ApiError('conflict.in_use');
      const at = deps.clock().toISOString();
      await inTransaction(deps.db, async (tx) => {
        await updateUnit(tx, unit, { deleted: 1 }, at);
        await recordAudit(tx, { actor: actorOf(principal), at, communeId: unit.commune_id, action: 'unit.delete', entity: 'unit', entityId: unit.id, before: toUnit(unit) });
      });
      return { id: unit.id, deleted: true as const };
    },
  ),
  defineRoute(
    { method: 'get', path: '/communes', access: ['operator'], summary: 'Các xã trên máy chủ', responses: { 200: z.object({ communes: z.array(Unit) }) } },
    async ({ deps }) => ({ communes: await listCommunes(deps.db) }),
  ),
  defineRoute(
    { method: 'post', path: '/communes', access: ['operator'], summary: 'Tạo xã mới cùng tài khoản quản trị của xã',
      request: { body: CommuneCreate },
      responses: { 201: z.object({ commune: Unit, office: Unit, admin: z.object({ id: Id, username: z.string(), name: z.string() }) }) } },
    async ({ c, deps, principal, body }) => c.json(await createCommune(deps.db, { ...body, actor: actorOf(principal) }, deps.clock()), 201),
  ),
]);

/** Is `candidate` the unit itself or one of its descendants? (A unit cannot move under itself.) */
async function isInside(db: Parameters<typeof findUnit>[0], candidate: string, unitId: string): Promise<boolean> {
  const seen = new Set<string>();
  for (let id: string | null = candidate; id && !seen.has(id); ) {
    if (id === unitId) return true;
    seen.add(id);
    id = (await findUnit(db, id))?.parent_id ?? null;
  }
  return false;
}
