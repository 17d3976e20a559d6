/**
 * The reminder texts the office sends by Zalo: who owes what (no report, or a report with
 * figures missing), the deadline as dd/mm/yyyy with how late it is, and the app's link.
 */
import { describe, expect, it } from 'vitest';
import type { PlanProgress, TargetProgressEntry, UnitProgressEntry } from '../../../src/shared/schemas/progress';
import { deadlineWords, officeSignature, owingUnits, reminderFor, reminderForAll } from '../../../src/client/office/progress/reminder';

const unit = (unitId: string, achieved: number | null, reportId: string | null): UnitProgressEntry => ({
  unitId, share: 10, achieved, percent: null, verdict: achieved === null ? 'noData' : 'met', reportId, state: reportId ? 'approved' : null, late: false,
});
const target = (targetId: string, label: string, units: UnitProgressEntry[]): TargetProgressEntry => ({
  targetId, parentId: null, area: 'economy', label, unit: 'con', measure: 'quantity', comparator: 'atLeast', value: 30, valueMax: null,
  achieved: null, percent: null, verdict: 'noData', reportedUnits: 0, expectedUnits: units.length, units, warnings: [],
});
const NAMES: Record<string, string> = { a: 'Thôn Ấp Một', b: 'Thôn Bắc', c: 'Hội Phụ nữ' };
const progress: PlanProgress = {
  planId: 'p', periodId: 'q', basis: 'approved', computedAt: '2026-01-01T00:00:00.000Z',
  completeness: { expected: 3, reported: 2, onTime: 2, late: 0, missing: ['b'] },
  targets: [
    target('t1', 'Đàn bò', [unit('a', 5, 'r1'), unit('b', null, null), unit('c', 3, 'r3')]),
    target('t2', 'Đàn heo', [unit('a', null, 'r1'), unit('b', null, null)]),
  ],
};
const context = { office: 'Văn phòng UBND xã Lơ Ku', planTitle: 'Kế hoạch thi đua 2026', periodName: 'Quý I/2026', deadline: '2026-03-20', daysLeft: -3, link: 'https://stđ.example/' };

describe('reminders', () => {
  it('lists units with no report first, then units with figures missing, and leaves out the complete ones', () => {
    const owing = owingUnits(progress, (id) => NAMES[id]!);
    expect(owing).toEqual([
      { unitId: 'b', name: 'Thôn Bắc', noReport: true, missing: ['Đàn bò', 'Đàn heo'] },
      { unitId: 'a', name: 'Thôn Ấp Một', noReport: false, missing: ['Đàn heo'] },
    ]);
  });

  it('never reminds the office of the commune\'s own targets (it enters them itself)', () => {
    const withOwn = { ...progress, targets: [...progress.targets, target('t3', 'Thu ngân sách', [unit('x', null, null)])] };
    expect(owingUnits(withOwn, (id) => NAMES[id] ?? id, 'x').map((o) => o.unitId)).toEqual(['b', 'a']);
    expect(owingUnits(withOwn, (id) => NAMES[id] ?? id).map((o) => o.unitId)).toContain('x');
  });

  it('writes one unit’s reminder with the period, the deadline dd/mm/yyyy, what is missing and the link', () => {
    const [b] = owingUnits(progress, (id) => NAMES[id]!);
    expect(reminderFor(b!, context)).toBe([
      'Kính gửi Thôn Bắc,',
      'Văn phòng UBND xã Lơ Ku nhắc báo cáo Quý I/2026 của kế hoạch «Kế hoạch thi đua 2026», hạn ngày 20/03/2026 (đã quá hạn 3 ngày).',
      'Còn thiếu: chưa gửi báo cáo (2 chỉ tiêu: Đàn bò; Đàn heo).',
      'Xin báo cáo trên Sổ Thi Đua: https://stđ.example/',
      'Xin cảm ơn.',
    ].join('\n'));
  });

  it('writes one message for the group with every owing unit on its own line', () => {
    const text = reminderForAll(owingUnits(progress, (id) => NAMES[id]!), { ...context, daysLeft: 2 });
    expect(text).toContain('hạn ngày 20/03/2026 (còn 2 ngày)');
    expect(text).toContain('Các đơn vị chưa báo cáo đủ (2):\n1. Thôn Bắc: chưa gửi báo cáo (2 chỉ tiêu: Đàn bò; Đàn heo)\n2. Thôn Ấp Một: thiếu số liệu 1 chỉ tiêu: Đàn heo');
    expect(text.endsWith('Xin báo cáo trên Sổ Thi Đua: https://stđ.example/\nXin cảm ơn.')).toBe(true);
  });

  it('says how the deadline stands', () => {
    expect([deadlineWords(-1), deadlineWords(0), deadlineWords(5)]).toEqual(['đã quá hạn 1 ngày', 'hôm nay là hạn cuối', 'còn 5 ngày']);
  });
});

describe('officeSignature', () => {
  it('signs for the commune in lower case "xã", as a letter is signed', () => {
    expect(officeSignature('Xã Ea Hiao')).toBe('Văn phòng UBND xã Ea Hiao');
    expect(officeSignature('Phường An Hòa')).toBe('Văn phòng UBND Phường An Hòa');
    expect(officeSignature('Xãbên')).toBe('Văn phòng UBND Xãbên');
    expect(officeSignature(undefined)).toBe('Văn phòng UBND xã');
  });
});
