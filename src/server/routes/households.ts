/**
 * Household registers: the phones' (and the office's) batch of changes, a unit's register,
 * its export for the unit's own use, the office's import of a list kept in Excel, erasing a
 * person on request, and the checklists. Names reach only the owning unit and the commune
 * office (Decree 13/2023/NĐ-CP): every route here checks it through `readableRegister`.
 */
import * as z from 'zod/mini';
import { Id, Uuid } from '../../shared/schemas/common';
import {
  Assessment, ChecklistSet, Household, HouseholdChange, HouseholdChangesBatch, HouseholdChangesResult, MAX_HOUSEHOLD_CHANGES,
} from '../../shared/schemas/registers';
import { uuidv7 } from '../../shared/ids';
import { defineArea, defineRoute } from '../http/registry';
import { REPORTS_BODY_LIMIT } from '../http/body';
import { ApiError } from '../http/errors';
import { isFieldUser, isOfficeOf, type Principal } from '../auth/policy';
import type { AppDeps } from '../context';
import { applyHouseholdChanges } from '../households/changes';
import { importRows, HouseholdImport, HouseholdImportResult } from '../households/import';
import { registerFile } from '../households/export';
import { anonymiseHousehold } from '../households/anonymise';
import { findUnits, listRegister } from '../db/queries/households';
import { assessmentFromRow, householdFromRow } from '../db/queries/records';
import { insertChecklist, listChecklists } from '../db/queries/checklists';
import { actorOf, recordAudit } from '../db/queries/audit';
import { HouseholdHistory, RegisterCounts } from '../../shared/schemas/register-office';
import { householdHistory } from '../households/history';
import { registerCounts } from '../households/counts';

const OFFICE = ['office', 'admin'] as const;
const UnitParams = z.object({ id: Id });
const Register = z.object({ households: z.array(Household), assessments: z.array(Assessment) });
const ChecklistCreate = z.omit(ChecklistSet, { id: true, communeId: true });

/** The unit, when the caller may read its register: its own field users, or its commune's office. */
async function readableRegister(deps: AppDeps, p: Principal, unitId: string) {
  const unit = (await findUnits(deps.db, [unitId])).get(unitId);
  const allowed = unit !== undefined && ['village', 'association'].includes(unit.kind)
    && (isFieldUser(p) ? p.unitId === unit.id : isOfficeOf(p, unit.communeId));
  // Another commune's unit is answered like one that does not exist.
  if (!allowed) throw new ApiError('not_found', 'id');
  return unit;
}

export default defineArea('', 'Sổ hộ gia đình', [
  defineRoute(
    {
      method: 'post', path: '/households/changes', access: ['village', 'association', 'office', 'admin'],
      summary: 'Gửi một lô thay đổi sổ hộ (tối đa 500; gửi lại nhiều lần vẫn chỉ lưu một lần). Có thể nén gzip.',
      request: { body: HouseholdChangesBatch, maxBodyBytes: REPORTS_BODY_LIMIT },
      documentedBody: z.object({ changes: z.array(HouseholdChange).check(z.maxLength(MAX_HOUSEHOLD_CHANGES)) }),
      responses: { 200: HouseholdChangesResult },
    },
    async ({ deps, principal, body }) => {
      if (body.changes.length > MAX_HOUSEHOLD_CHANGES) throw new ApiError('request.too_many_changes', 'changes');
      return { results: await applyHouseholdChanges(deps, principal, body.changes) };
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/units/:id/households', access: ['village', 'association', 'office', 'admin'],
      summary: 'Sổ hộ của một đơn vị (chỉ đơn vị đó và văn phòng xã)', request: { params: UnitParams }, responses: { 200: Register },
    },
    async ({ deps, principal, params }) => {
      await readableRegister(deps, principal, params.id);
      const { households, assessments } = await listRegister(deps.db, params.id);
      return { households: households.map(householdFromRow), assessments: assessments.map(assessmentFromRow) };
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/units/:id/households/export', access: ['village', 'association', 'office', 'admin'],
      summary: 'Tải sổ hộ của đơn vị (CSV hoặc XLSX) để đơn vị tự dùng; có tên hộ, không gửi lên cấp trên',
      request: { params: UnitParams, query: z.object({ format: z.optional(z.enum(['csv', 'xlsx'])) }) }, responses: { 200: null },
    },
    async ({ c, deps, principal, params, query }) => {
      const unit = await readableRegister(deps, principal, params.id);
      const file = await registerFile(deps, params.id, query.format ?? 'xlsx');
      // The one file that holds names: who took it, when, of which unit (never the names themselves).
      await recordAudit(deps.db, {
        actor: actorOf(principal), at: deps.clock().toISOString(), communeId: unit.communeId, action: 'household.export', entity: 'unit', entityId: unit.id,
        after: { format: query.format ?? 'xlsx' },
      });
      return c.body(file.body, 200, { 'content-type': file.contentType, 'content-disposition': file.disposition, 'cache-control': 'no-store' });
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/units/:id/households/import', access: OFFICE,
      summary: 'Nhập danh sách hộ từ tệp Excel của thôn: xem trước (dryRun) rồi mới ghi; hộ trùng tên và xóm được đánh dấu',
      request: { params: UnitParams, body: HouseholdImport, maxBodyBytes: REPORTS_BODY_LIMIT }, responses: { 200: HouseholdImportResult },
    },
    async ({ deps, principal, params, body }) => {
      const unit = await readableRegister(deps, principal, params.id);
      return importRows(deps, principal, unit.id, body);
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/households/:id/anonymise', access: OFFICE,
      summary: 'Xóa tên và địa chỉ của một hộ theo yêu cầu của người dân (Nghị định 13/2023); số liệu được giữ',
      request: { params: z.object({ id: Uuid }) }, responses: { 200: Household },
    },
    ({ deps, principal, params }) => anonymiseHousehold(deps, principal, params.id),
  ),
  defineRoute(
    {
      method: 'get', path: '/households/:id/history', access: ['village', 'association', 'office', 'admin'],
      summary: 'Lịch sử thay đổi của một hộ: ai sửa gì, lúc nào, kể cả giá trị bị tranh chấp (chỉ đơn vị của hộ và văn phòng xã)',
      request: { params: z.object({ id: Uuid }) }, responses: { 200: HouseholdHistory },
    },
    async ({ deps, principal, params }) => ({ changes: await householdHistory(deps, principal, params.id) }),
  ),
  defineRoute(
    {
      method: 'get', path: '/periods/:periodId/register-counts', access: ['office', 'admin', 'operator'],
      summary: 'Số hộ trong sổ của từng đơn vị trong một kỳ: số hộ, số đã đánh giá và số đạt từng bộ tiêu chí. Chỉ có số, không có tên hộ',
      request: { params: z.object({ periodId: Id }) }, responses: { 200: RegisterCounts },
    },
    ({ deps, principal, params }) => registerCounts(deps, principal, params.periodId),
  ),
  defineRoute(
    {
      method: 'get', path: '/checklists', access: ['village', 'association', 'office', 'admin', 'operator'],
      summary: 'Các bộ tiêu chí hộ gia đình (5 không 3 sạch, gia đình văn hóa…), kèm văn bản nguồn và phiên bản',
      responses: { 200: z.object({ checklists: z.array(ChecklistSet) }) },
    },
    async ({ deps, principal }) => ({ checklists: await listChecklists(deps.db, principal.role === 'operator' ? null : principal.communeId) }),
  ),
  defineRoute(
    {
      method: 'post', path: '/checklists', access: OFFICE,
      summary: 'Thêm một phiên bản bộ tiêu chí của xã (phiên bản cũ và các lần đánh giá theo nó được giữ nguyên)',
      request: { body: ChecklistCreate }, responses: { 201: ChecklistSet },
    },
    async ({ c, deps, principal, body }) => {
      const communeId = principal.communeId;
      if (communeId === null) throw new ApiError('auth.forbidden');
      const set: ChecklistSet = { ...body, id: uuidv7(deps.clock().getTime()), communeId };
      if (!(await insertChecklist(deps.db, set, communeId, deps.clock().toISOString()))) throw new ApiError('checklist.exists', 'version');
      return c.json(set, 201);
    },
  ),
]);
