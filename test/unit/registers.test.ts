/** The register rules as tables: when a household meets a checklist, how a register counts, how names are searched. */
import { describe, expect, it } from 'vitest';
import { changeKey, foldVietnamese, itemKey, matchesName, meetsChecklist, parseItemKey, registerCount } from '../../src/shared/registers';

const checklist = { id: 'c', items: [{ code: 'a', label: 'A' }, { code: 'b', label: 'B' }, { code: 'c', label: 'C' }] };

describe('meetsChecklist', () => {
  it.each<[string, Record<string, boolean | null> | undefined, boolean | null]>([
    ['every item holds', { a: true, b: true, c: true }, true],
    ['one item fails', { a: true, b: false, c: true }, false],
    ['one fails even while another is not looked at', { a: null, b: false, c: true }, false],
    ['one not looked at yet', { a: true, b: null, c: true }, null],
    ['an item missing from an older tick sheet', { a: true, b: true }, null],
    ['never assessed', undefined, null],
  ])('%s', (_name, items, expected) => expect(meetsChecklist(checklist, items)).toBe(expected));
});

describe('registerCount', () => {
  const households = [
    { id: 'h1', status: 'active' as const }, { id: 'h2', status: 'active' as const }, { id: 'h3', status: 'active' as const },
    { id: 'h4', status: 'moved' as const },
  ];
  const assessments = [
    { householdId: 'h1', checklistId: 'c', periodId: 'p1', items: { a: true, b: true, c: true } },
    { householdId: 'h2', checklistId: 'c', periodId: 'p1', items: { a: true, b: false, c: true } },
    { householdId: 'h4', checklistId: 'c', periodId: 'p1', items: { a: true, b: true, c: true } },
    { householdId: 'h3', checklistId: 'c', periodId: 'p2', items: { a: true, b: true, c: true } },
  ];
  it('counts the households still in the register, those assessed and those meeting it, for one period', () => {
    expect(registerCount(households, assessments, checklist, 'p1')).toEqual({ total: 3, assessed: 2, meeting: 1 });
    expect(registerCount(households, assessments, checklist, 'p2')).toEqual({ total: 3, assessed: 1, meeting: 1 });
  });
  it('counts one item instead of the whole checklist', () => {
    expect(registerCount(households, assessments, checklist, 'p1', 'a')).toEqual({ total: 3, assessed: 2, meeting: 2 });
    expect(registerCount(households, assessments, checklist, 'p1', 'b')).toEqual({ total: 3, assessed: 2, meeting: 1 });
  });
});

describe('search without diacritics', () => {
  it.each<[string, string, boolean]>([
    ['Nguyễn Văn Bình', 'nguyen van', true],
    ['Nguyễn Văn Bình', 'NGUYỄN', true],
    ['Đặng Thị Đào', 'dang', true],
    ['Đặng Thị Đào', 'dao', true],
    ['Đặng Thị Đào', 'đ', true],
    ['Nguyễn Văn Bình', 'van binh', true],
    ['Nguyễn Văn Bình', 'binh van', true],
    ['Nguyễn Văn Bình', 'bình', true],
    ['Nguyễn Văn Bình', 'vinh', false],
    ['Lê Thị Hoa', 'hoà', true], // marks typed are folded too
    ['Hoàng Thị Hòa', 'hoa', true],
    ['Trần  Văn   Hùng', 'tran van hung', true],
    ['Phạm Thị Mai', '', true],
  ])('%s / “%s”', (name, query, expected) => expect(matchesName(name, query)).toBe(expected));

  it('folds to lower case without marks, đ as d, NFC or NFD alike', () => {
    expect(foldVietnamese('Đỗ Thị Ngọc Ánh')).toBe('do thi ngoc anh');
    expect(foldVietnamese('Nguyễn'.normalize('NFD'))).toBe('nguyen');
  });
});

describe('changeKey', () => {
  it('orders changes per field, per checklist item and period, and the status as one field', () => {
    expect(changeKey({ kind: 'field', field: 'members' })).toBe('field:members');
    expect(changeKey({ kind: 'item', checklistId: 'c', periodId: 'p', itemId: 'a' })).toBe('item:c:p:a');
    expect(changeKey({ kind: 'move' })).toBe(changeKey({ kind: 'merge' }));
  });
});

describe('item keys', () => {
  it('parse back into checklist, period and item even when the period id holds colons', () => {
    expect(parseItemKey(itemKey('checklist-5k3s-2014', 'plan-1:q4', 'sach-nha'))).toEqual({ checklistId: 'checklist-5k3s-2014', periodId: 'plan-1:q4', itemId: 'sach-nha' });
    expect(parseItemKey(itemKey('c1', 'p1', 'sach-bep'))).toEqual({ checklistId: 'c1', periodId: 'p1', itemId: 'sach-bep' });
    expect(parseItemKey('field:members')).toBeNull();
  });
});
