import { describe, expect, it } from 'vitest';
import { countLine, filterRegister, hamletsOf, type RegisterFilter } from '../../../src/client/office/registers/register-view';
import type { Assessment, ChecklistSet, Household } from '../../../src/shared/schemas/registers';

const checklist: ChecklistSet = {
  id: 'c1', code: '5k3s', version: '2014', name: '5 không 3 sạch', source: '', validFrom: '2014-01-01', validTo: null,
  items: [{ code: 'sach-nha', label: 'Sạch nhà' }, { code: 'sach-bep', label: 'Sạch bếp' }],
};
const household = (id: string, headName: string, hamlet: string, status: Household['status'] = 'active'): Household => ({
  id, unitId: 'u', headName, hamlet, address: null, members: 4, poor: false, nearPoor: false, status, statusReason: null, mergedInto: null,
  anonymisedAt: null, revision: 1, conflicts: [], updatedAt: '2026-10-01T00:00:00.000Z',
});
const assessment = (householdId: string, items: Assessment['items'], periodId = 'p1'): Assessment => ({
  id: `a-${householdId}-${periodId}`, householdId, checklistId: 'c1', checklistVersion: '2014', periodId, items, by: 'x', at: '2026-10-01T00:00:00.000Z',
});
const households = [
  household('h1', 'Nguyễn Văn Bình', 'Xóm Đông'), household('h2', 'Đinh Thị Hmia', 'Xóm Tây'),
  household('h3', 'Trần Văn Đức', 'Xóm Đông'), household('h4', 'Lê Văn Đi', 'Xóm Tây', 'moved'),
];
const assessments = [
  assessment('h1', { 'sach-nha': true, 'sach-bep': true }), assessment('h2', { 'sach-nha': true, 'sach-bep': false }),
  assessment('h3', { 'sach-nha': true, 'sach-bep': null }), assessment('h3', { 'sach-nha': true, 'sach-bep': true }, 'p0'),
];
const all: RegisterFilter = { query: '', hamlet: '', verdict: 'all', missing: '', showGone: false };
const ids = (f: Partial<RegisterFilter>) => filterRegister(households, assessments, checklist, 'p1', { ...all, ...f }).map((h) => h.id);

describe('the office register: filters and the count line', () => {
  it('finds names typed without diacritics, by hamlet, and leaves households that moved out unless asked', () => {
    expect(ids({ query: 'dinh' })).toEqual(['h2']);
    expect(ids({ query: 'duc tran' })).toEqual(['h3']);
    expect(ids({ hamlet: 'Xóm Tây' })).toEqual(['h2']);
    expect(ids({ hamlet: 'Xóm Tây', showGone: true })).toEqual(['h2', 'h4']); // Vietnamese order: Đ after D, before L
  });

  it('filters by the verdict for the chosen period only, and by an item that does not hold yet', () => {
    expect(ids({ verdict: 'meets' })).toEqual(['h1']);
    expect(ids({ verdict: 'fails' })).toEqual(['h2']);
    // h3 met everything in p0 but is not fully assessed in p1.
    expect(ids({ verdict: 'unassessed' })).toEqual(['h3']);
    expect(ids({ missing: 'sach-bep' }).sort()).toEqual(['h2', 'h3']);
  });

  it('counts "N hộ · M đạt · K chưa rà" with the shared rule, and lists the hamlets once', () => {
    expect(countLine(households, assessments, checklist, 'p1')).toEqual({ total: 3, meeting: 1, unassessed: 1 });
    expect(countLine(households, assessments, checklist, 'p0')).toEqual({ total: 3, meeting: 1, unassessed: 2 });
    expect(hamletsOf(households)).toEqual(['Xóm Đông', 'Xóm Tây']);
  });
});
