import { describe, expect, it } from 'vitest';
import { importPlan } from '../../../src/shared/plan-import';
import { checkDraft, editRow, fromImport, mergeIntoPrevious, readNumber, toggleDropped } from '../../../src/client/office/import/draft';
import { messages } from '../../../src/client/office/messages';

const TEXT = [
  'Số: 12/KH-UBND',
  'Lơ Ku, ngày 07 tháng 3 năm 2025',
  'KẾ HOẠCH',
  'Phát động phong trào thi đua năm 2025',
  'II. CHỈ TIÊU THI ĐUA',
  '- Tổng đàn gia súc 3.027 con (heo 780; bò 1.110; trâu 217)',
  '- Tổng diện tích gieo trồng 6.294,3 ha.',
  '- Hội LHPN vận động 32 hộ đạt 5 không 3 sạch',
  'III. TỔ CHỨC THỰC HIỆN',
].join('\n');

const ids = (keys: string[]) => new Map(['plan', ...keys].map((k, i) => [k, `id-${i}`]));

describe('import draft', () => {
  const draft = fromImport(TEXT, importPlan(TEXT));

  it('shows numbers the vi-VN way and reads what people type', () => {
    expect(draft.rows.map((r) => r.value)).toEqual(['3.027', '780', '1.110', '217', '6.294,3', '32']);
    expect(readNumber('2.5')).toBe(2.5);
    expect(readNumber('1.110')).toBe(1110);
    expect(readNumber('')).toBeNull();
    expect(readNumber('abc')).toBe('invalid');
  });

  it('builds the request bodies with parents mapped to the new ids', () => {
    const { errors, requests } = checkDraft(draft, ids(draft.rows.map((r) => r.key)));
    expect(errors).toEqual([]);
    expect(requests!.plan).toMatchObject({ id: 'id-0', number: '12/KH-UBND', issuedOn: '2025-03-07', year: 2025, title: 'Phát động phong trào thi đua năm 2025' });
    expect(requests!.targets.map((tg) => [tg.id, tg.parentId, tg.value, tg.unit, tg.assigneeName])).toEqual([
      ['id-1', null, 3027, 'con', null],
      ['id-2', 'id-1', 780, 'con', null],
      ['id-3', 'id-1', 1110, 'con', null],
      ['id-4', 'id-1', 217, 'con', null],
      ['id-5', null, 6294.3, 'ha', null],
      ['id-6', null, 32, 'hộ', 'Hội Liên hiệp Phụ nữ'],
    ]);
    expect(requests!.targets[0]).toMatchObject({ aggregation: 'sum', source: { line: 6 } });
  });

  it('says what is wrong, on the row and field', () => {
    const rows = draft.rows.map((r) => (r.key === 't3' ? { ...r, value: 'nhiều' } : r.key === 't2' ? editRow(r, { comparator: 'range' }) : r));
    const { errors, requests } = checkDraft({ ...draft, plan: { ...draft.plan, year: '25' }, rows }, ids(rows.map((r) => r.key)));
    expect(requests).toBeNull();
    expect(errors).toEqual([
      { where: 'plan', field: 'year', message: messages.vi['err.year'] },
      { where: 't2', field: 'valueMax', message: messages.vi['err.valueMaxRequired'] },
      { where: 't3', field: 'value', message: messages.vi['err.notNumber'] },
    ]);
  });

  it('marks a "Giao cho" name the commune has no association for, on its row, before sending', () => {
    const key = draft.rows.find((r) => r.assignee)!.key;
    const rowIds = ids(draft.rows.map((r) => r.key));
    const missing = checkDraft(draft, rowIds, [{ id: 'u-ccb', name: 'Hội Cựu chiến binh' }]);
    expect(missing.requests).toBeNull();
    expect(missing.errors).toEqual([{ where: key, field: 'assigneeName', message: messages.vi['import.unknownAssignee'] }]);
    // The same name matches "Hội LHPN xã" by the rule the server uses; an emptied name gives it out later.
    expect(checkDraft(draft, rowIds, [{ id: 'u-phu-nu', name: 'Hội LHPN xã' }]).errors).toEqual([]);
    const cleared = draft.rows.map((r) => (r.key === key ? { ...r, assignee: '' } : r));
    expect(checkDraft({ ...draft, rows: cleared }, rowIds, []).errors).toEqual([]);
  });

  it('drops a parent: its children become targets of their own', () => {
    const rows = toggleDropped(draft.rows, 't1');
    const { requests } = checkDraft({ ...draft, rows }, ids(draft.rows.map((r) => r.key)));
    expect(requests!.targets.map((tg) => tg.parentId)).toEqual([null, null, null, null, null]);
    expect(toggleDropped(rows, 't1')).toEqual(draft.rows);
  });

  it('merges a row into the one above', () => {
    const rows = mergeIntoPrevious(draft.rows, 't3');
    expect(rows.map((r) => r.key)).toEqual(['t1', 't1.1', 't1.2', 't1.3', 't2']);
    expect(rows[4]!.label).toBe(`${draft.rows[4]!.label}; ${draft.rows[5]!.label}`);
    expect(rows[4]!.value).toBe('6.294,3');
  });

  it('keeps comparator and measure consistent', () => {
    const row = draft.rows[0]!;
    expect(editRow(row, { comparator: 'done' })).toMatchObject({ comparator: 'done', measure: 'status' });
    expect(editRow(editRow(row, { measure: 'status' }), { measure: 'rate' })).toMatchObject({ comparator: 'atLeast', measure: 'rate' });
  });

  it('has every message in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.vi).sort());
  });
});
