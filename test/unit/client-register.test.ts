/**
 * The register screens' pure logic (src/client/model/register.ts): search without diacritics,
 * the filters, the walk's running count and "next not yet assessed", and the default period.
 */
import { describe, expect, it } from 'vitest';
import { defaultPeriod, filterRows, hamletsOf, nextUnassessed, NO_FILTER, prepareRows, runningCount, usableChecklists } from '../../src/client/model/register';
import { applyLocally } from '../../src/client/data/household-changes';
import type { Assessment, ChecklistSet, Household, Period } from '../../src/shared/schemas';

const checklist: ChecklistSet = {
  id: 'ck', code: '5k3s', version: '2014', name: '5 không 3 sạch', source: 'TW Hội LHPN', validFrom: '2014-01-01', validTo: null,
  items: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }],
};
let n = 0;
const hh = (headName: string, over: Partial<Household> = {}): Household => ({
  id: `h${++n}`, unitId: 'u', headName, hamlet: 'Xóm 1', address: null, members: 4, poor: false, nearPoor: false, status: 'active',
  statusReason: null, mergedInto: null, anonymisedAt: null, revision: 1, conflicts: [], updatedAt: '2026-01-01T00:00:00.000Z', ...over,
});
const assess = (h: Household, items: Assessment['items'], periodId = 'p'): Assessment => ({
  id: `a-${h.id}-${periodId}`, householdId: h.id, checklistId: 'ck', checklistVersion: '2014', periodId, items, by: 'x', at: '2026-01-01T00:00:00.000Z',
});

describe('register list', () => {
  const hoa = hh('Nguyễn Văn Hoà', { hamlet: 'Xóm Đông' });
  const dung = hh('Đặng Thị Dung', { hamlet: 'Xóm Tây' });
  const binh = hh('Trần Văn Bình', { hamlet: 'Xóm Đông' });
  const gone = hh('Lê Văn Đi', { status: 'moved', statusReason: 'Vào Nam' });
  const rows = prepareRows([hoa, dung, binh, gone], [assess(hoa, { a: true, b: true }), assess(dung, { a: false, b: true }), assess(binh, { a: true, b: true }, 'other')], checklist, 'p');
  const names = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.household.headName);

  it('finds names without diacritics and in any word order ("nguyen van" finds "Nguyễn Văn", "d" finds "Đ")', () => {
    expect(names({ query: 'nguyen van' })).toEqual(['Nguyễn Văn Hoà']);
    expect(names({ query: 'hoa nguyen' })).toEqual(['Nguyễn Văn Hoà']);
    expect(names({ query: 'd' })).toEqual(['Đặng Thị Dung']);
    expect(names({ query: 'DANG' })).toEqual(['Đặng Thị Dung']);
    expect(names({ query: 'van x' })).toEqual([]);
  });

  it('filters by hamlet, verdict for the chosen period, missing item, and shows moved away households only under their filter', () => {
    expect(names({ hamlet: 'Xóm Đông' })).toEqual(['Nguyễn Văn Hoà', 'Trần Văn Bình']);
    expect(names({ verdict: 'meets' })).toEqual(['Nguyễn Văn Hoà']);
    expect(names({ verdict: 'fails' })).toEqual(['Đặng Thị Dung']);
    // Bình was assessed for another period only: not yet for this one.
    expect(names({ verdict: 'unassessed' })).toEqual(['Trần Văn Bình']);
    expect(names({ missingItem: 'a' })).toEqual(['Đặng Thị Dung']);
    expect(names({ status: 'gone' })).toEqual(['Lê Văn Đi']);
    expect(names({})).not.toContain('Lê Văn Đi');
    expect(hamletsOf([hoa, dung, binh])).toEqual(['Xóm Đông', 'Xóm Tây']);
  });

  it('counts the walk like the office counts the register, and jumps to the next household not yet assessed, going round', () => {
    const active = filterRows(rows, NO_FILTER);
    expect(runningCount(active, checklist, 'p')).toEqual({ total: 3, assessed: 2, meeting: 1 });
    // Sorted by hamlet then name: Hoà (Đông), Bình (Đông)… collator order: Nguyễn < Trần; Dung (Tây).
    const order = active.map((r) => r.household.headName);
    expect(order).toEqual(['Nguyễn Văn Hoà', 'Trần Văn Bình', 'Đặng Thị Dung']);
    expect(nextUnassessed(active, 0)).toBe(1);
    expect(nextUnassessed(active, 1)).toBe(1); // round the list back to itself
    const all = prepareRows([hoa], [assess(hoa, { a: true, b: true })], checklist, 'p');
    expect(nextUnassessed(all, 0)).toBe(-1);
  });
});

describe('choosing what to assess', () => {
  const period = (id: string, kind: Period['kind'], from: string, to: string): Period => ({ id, planId: 'k', kind, name: id, from, to, deadline: to });
  it('the year period holding today, else the longest holding it, else the latest begun', () => {
    const ps = [period('q1', 'quarter', '2026-01-01', '2026-03-31'), period('y', 'year', '2026-01-01', '2026-12-31'), period('h1', 'half-year', '2026-01-01', '2026-06-30')];
    expect(defaultPeriod(ps, '2026-02-10')?.id).toBe('y');
    expect(defaultPeriod(ps.filter((p) => p.id !== 'y'), '2026-02-10')?.id).toBe('h1');
    expect(defaultPeriod([...ps, period('q2', 'quarter', '2026-04-01', '2026-06-30')], '2027-02-10')?.id).toBe('q2');
  });
  it('of each checklist the version that governs the period (the counts\' rule); one with none in force offers its newest', () => {
    const day = (d: string) => ({ from: d, to: d });
    const old = { ...checklist, id: 'old', validTo: '2020-12-31' };
    expect(usableChecklists([old, checklist], day('2026-01-01')).map((c) => c.id)).toEqual(['ck']);
    expect(usableChecklists([old], day('2026-01-01')).map((c) => c.id)).toEqual(['old']);
    // Two versions with no end date (2014 shipped, 2017 revision): the revision.
    const v2017 = { ...checklist, id: 'v2017', version: '2017', validFrom: '2017-01-01' };
    expect(usableChecklists([v2017, checklist], day('2026-01-01')).map((c) => c.id)).toEqual(['v2017']);
    expect(usableChecklists([checklist, v2017], day('2016-06-01')).map((c) => c.id)).toEqual(['ck']);
    const other = { ...checklist, id: 'gdvh', code: 'gdvh', name: 'Gia đình văn hóa' };
    expect(usableChecklists([checklist, other], day('2026-01-01')).map((c) => c.id)).toEqual(['ck', 'gdvh']);
  });
});

describe('a change applied on the phone as the server applies it', () => {
  it('moves the revision on only when the value changes, and a confirmation clears the dispute', () => {
    const h = hh('A', { revision: 4, conflicts: [{ key: 'field:members', values: [] }] });
    const base = { id: 'c1', householdId: h.id, baseRevision: 4, createdAt: '2026-01-02T00:00:00.000Z' };
    expect(applyLocally(h, undefined, { ...base, kind: 'field', field: 'members', value: 4 }, 'x')).toMatchObject({ changed: false, household: { revision: 4 } });
    const set = applyLocally(h, undefined, { ...base, kind: 'field', field: 'members', value: 5 }, 'x');
    expect(set).toMatchObject({ changed: true, household: { members: 5, revision: 5 } });
    expect(set.household.conflicts).toHaveLength(1);
    const confirmed = applyLocally(h, undefined, { ...base, kind: 'field', field: 'members', value: 4, resolve: true }, 'x');
    expect(confirmed.household).toMatchObject({ members: 4, revision: 5, conflicts: [] });
    const tick = applyLocally(h, undefined, { ...base, kind: 'item', checklistId: 'ck', periodId: 'p', itemId: 'a', value: true }, 'x');
    expect(tick.assessment).toMatchObject({ id: `local:${h.id}:ck:p`, items: { a: true } });
  });
});
