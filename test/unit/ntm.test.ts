/**
 * The NTM counting rule (src/shared/ntm.ts) over the two shipped sets: "đạt x/y tiêu chí" from
 * indicator states, household-share indicators from register counts against the threshold
 * (by commune group for the 2026–2030 set), and the shipped files' honesty about their sources.
 */
import { describe, expect, it } from 'vitest';
import {
  criterionMet, formatShare, householdShareFigure, indicatorVerdict, indicatorsOf, latestStates, metCount, shareFigure, thresholdFor,
  type IndicatorState,
} from '../../src/shared/ntm';
import { SHIPPED_CRITERIA } from '../../src/server/reference/criteria';
import { SHIPPED_CHECKLISTS } from '../../src/server/reference/checklists';
import type { CriteriaSet } from '../../src/shared/schemas/registers';

const [set2021, set2026] = SHIPPED_CRITERIA as [CriteriaSet, CriteriaSet];
const allMet = (set: CriteriaSet) => new Map(indicatorsOf(set).map(({ indicator }) => [indicator.code, 'met' as IndicatorState]));

describe('the shipped sets', () => {
  it('2021–2025: the 19 criteria of QĐ 318/QĐ-TTg, names confirmed, indicator texts not', () => {
    expect(set2021.source).toContain('318/QĐ-TTg');
    expect(set2021.criteria.map((c) => c.code)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(set2021.criteria[16]!.name).toBe('Môi trường và an toàn thực phẩm');
    expect(set2021.criteria.every((c) => c.confirmed === true)).toBe(true);
    expect(indicatorsOf(set2021).every(({ indicator }) => indicator.confirmed === false)).toBe(true);
  });
  it('2026–2030: the 10 criteria of QĐ 51/2025/QĐ-TTg, grouped thresholds, nothing unconfirmed presented as law', () => {
    expect(set2026.source).toContain('51/2025/QĐ-TTg');
    expect(set2026.grouped).toBe(true);
    expect(set2026.criteria.map((c) => c.name)).toEqual([
      'Quy hoạch', 'Hạ tầng kinh tế - xã hội', 'Phát triển kinh tế nông thôn', 'Đào tạo nguồn nhân lực', 'Văn hóa, giáo dục, y tế',
      'Giảm nghèo và an sinh xã hội', 'Khoa học, công nghệ và chuyển đổi số', 'Môi trường và cảnh quan', 'Hệ thống chính trị và hành chính công',
      'Tiếp cận pháp luật và an ninh, quốc phòng',
    ]);
    for (const { indicator } of indicatorsOf(set2026)) {
      expect(indicator.confirmed, indicator.code).toBe(false);
      for (const t of Object.values(indicator.groups ?? {})) expect(t?.confirmed, indicator.code).toBe(false);
    }
  });
  it('household-share indicators name an item of the shipped household checklist', () => {
    for (const set of SHIPPED_CRITERIA) {
      const shares = indicatorsOf(set).filter(({ indicator }) => indicator.householdShare);
      expect(shares.length, set.code).toBeGreaterThanOrEqual(3);
      for (const { indicator } of shares) {
        const list = SHIPPED_CHECKLISTS.find((c) => c.code === indicator.householdShare!.checklistCode);
        expect(list?.items.map((i) => i.code), indicator.code).toContain(indicator.householdShare!.itemCode);
      }
    }
  });
});

describe('đạt x/y tiêu chí', () => {
  it.each([[set2021, 19], [set2026, 10]] as const)('%#: all indicators met → all criteria met; one indicator not met → one criterion less', (set, n) => {
    const states = allMet(set);
    expect(metCount(set, (c) => states.get(c) ?? null)).toEqual({ met: n, total: n });
    const firstOfLast = set.criteria[n - 1]!.indicators[0]!.code;
    states.set(firstOfLast, 'notMet');
    expect(metCount(set, (c) => states.get(c) ?? null)).toEqual({ met: n - 1, total: n });
  });
  it('2021–2025: "đạt 13/19" when 13 criteria have every indicator met and the rest lack one', () => {
    const states = allMet(set2021);
    for (const c of set2021.criteria.slice(13)) states.set(c.indicators.at(-1)!.code, 'notMet');
    expect(metCount(set2021, (c) => states.get(c) ?? null)).toEqual({ met: 13, total: 19 });
  });
  it('a criterion with one indicator not yet recorded is not met', () => {
    const transport = set2021.criteria[1]!;
    const states = new Map<string, IndicatorState>([['2.1', 'met'], ['2.2', 'met'], ['2.3', 'met']]);
    expect(criterionMet(transport, (c) => states.get(c) ?? null)).toBe(false);
    states.set('2.4', 'met');
    expect(criterionMet(transport, (c) => states.get(c) ?? null)).toBe(true);
  });
  it('nothing recorded: đạt 0/y', () => {
    expect(metCount(set2026, () => null)).toEqual({ met: 0, total: 10 });
  });
});

describe('household-share indicators', () => {
  const ntmHo = SHIPPED_CHECKLISTS.find((c) => c.code === 'ntm-ho')!;
  const households = Array.from({ length: 10 }, (_, i) => ({ id: `h${i}`, status: (i === 9 ? 'moved' : 'active') as 'active' | 'moved' }));
  // 8 of the 9 active households have clean water; the moved one does not count.
  const assessments = households.map((h, i) => ({ householdId: h.id, checklistId: ntmHo.id, periodId: 'p1', items: { 'nuoc-sach': i !== 0, bhyt: i < 5 }, at: '2026-03-01T00:00:00.000Z' }));
  const water2021 = set2021.criteria[16]!.indicators.find((i) => i.code === '17.1')!;
  const water2026 = set2026.criteria[7]!.indicators.find((i) => i.code === '8.1')!;

  it('takes its figure from the register: 8/9 hộ, 88,9%', () => {
    const f = householdShareFigure(water2021, SHIPPED_CHECKLISTS, households, assessments)!;
    expect(f).toEqual({ meeting: 8, total: 9, share: 8 / 9 });
    expect(formatShare(f)).toBe('8/9 hộ, 88,9%');
    expect(formatShare(shareFigure({ meeting: 412, total: 450 }))).toBe('412/450 hộ, 91,6%');
  });
  it('a household counts by its newest assessment when no period is named, by that period when one is', () => {
    const later = [...assessments, { householdId: 'h0', checklistId: ntmHo.id, periodId: 'p2', items: { 'nuoc-sach': true }, at: '2026-09-01T00:00:00.000Z' }];
    expect(householdShareFigure(water2021, SHIPPED_CHECKLISTS, households, later)!.meeting).toBe(9);
    expect(householdShareFigure(water2021, SHIPPED_CHECKLISTS, households, later, 'p1')!.meeting).toBe(8);
  });
  it('the register decides against the threshold, over what was recorded', () => {
    const f = shareFigure({ meeting: 8, total: 9 }); // 88,9% < 90%
    expect(indicatorVerdict(water2021, { state: 'met' }, f, null)).toBe('notMet');
    expect(indicatorVerdict(water2021, { state: 'notMet' }, shareFigure({ meeting: 9, total: 9 }), null)).toBe('met');
  });
  it('an empty register leaves the recorded state in force', () => {
    expect(indicatorVerdict(water2021, { state: 'met' }, shareFigure({ meeting: 0, total: 0 }), null)).toBe('met');
    expect(indicatorVerdict(water2021, undefined, shareFigure({ meeting: 0, total: 0 }), null)).toBeNull();
  });
  it('2026–2030: the threshold follows the commune group', () => {
    const f = shareFigure({ meeting: 88, total: 100 });
    expect(thresholdFor(water2026, 1)?.minShare).toBe(0.95);
    expect(indicatorVerdict(water2026, undefined, f, 1)).toBe('notMet');
    expect(indicatorVerdict(water2026, undefined, f, 2)).toBe('met');
    expect(indicatorVerdict(water2026, undefined, f, 3)).toBe('met');
  });
});

describe('history', () => {
  it('the latest recorded state (highest revision) is in force, whatever the row order', () => {
    const rows = [
      { indicatorCode: '1.1', revision: 2, state: 'met' },
      { indicatorCode: '1.1', revision: 1, state: 'notMet' },
      { indicatorCode: '1.2', revision: 1, state: 'met' },
      { indicatorCode: '1.2', revision: 2, state: 'notMet' }, // same millisecond as revision 1: the revision decides
    ];
    const latest = latestStates(rows);
    expect(latest.get('1.1')!.state).toBe('met');
    expect(latest.get('1.2')!.state).toBe('notMet');
  });
});
