import { describe, expect, it } from 'vitest';
import { computeProgress, currentReports, verdict, type ReportLike } from '../../src/shared/progress';
import type { Target, Assignment, ReportValue } from '../../src/shared/schemas';

const PLAN = 'plan';
const PERIOD = 'plan:q1';

function target(id: string, over: Partial<Target> = {}): Target {
  return {
    id, planId: PLAN, parentId: null, position: 0, area: 'economy', label: id, unit: null,
    comparator: 'atLeast', value: null, valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum',
    assigneeUnitId: null, source: null, ...over,
  };
}
const assign = (targetId: string, unitId: string, share: number | null = null): Assignment =>
  ({ id: `${targetId}/${unitId}`, planId: PLAN, targetId, unitId, share });
let seq = 0;
function report(unitId: string, values: ReportValue[], over: Partial<ReportLike> = {}): ReportLike {
  seq++;
  return {
    id: `r${String(seq).padStart(3, '0')}`, unitId, planId: PLAN, periodId: PERIOD, values,
    createdAt: `2024-03-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`, supersedes: null, state: 'submitted', ...over,
  };
}
const progressOf = (targets: Target[], assignments: Assignment[], reports: ReportLike[]) =>
  new Map(computeProgress({ planId: PLAN, periodId: PERIOD, targets, assignments, reports }).map((p) => [p.targetId, p]));

describe('verdict', () => {
  it.each([
    ['atLeast', 40, 40, undefined, 'met'],
    ['atLeast', 45, 40, undefined, 'exceeded'],
    ['atLeast', 39.9, 40, undefined, 'notMet'],
    ['atLeast', 0.1 + 0.2, 0.3, undefined, 'met'], // decimals add up without drift
    ['atMost', 27, 27, undefined, 'met'],
    ['atMost', 25, 27, undefined, 'exceeded'], // poverty brought below the cap
    ['atMost', 28, 27, undefined, 'notMet'],
    ['range', 8, 8, 9, 'met'],
    ['range', 8.5, 8, 9, 'met'],
    ['range', 9, 8, 9, 'met'],
    ['range', 9.5, 8, 9, 'exceeded'],
    ['range', 7, 8, 9, 'notMet'],
    ['equal', 8, 8, undefined, 'met'],
    ['equal', 9, 8, undefined, 'notMet'],
    ['equal', 7, 8, undefined, 'notMet'],
    ['done', 1, 1, undefined, 'met'],
    ['done', 0, 1, undefined, 'notMet'],
  ] as const)('%s: %d against %d..%s → %s', (comparator, achieved, value, valueMax, expected) => {
    expect(verdict(comparator, achieved, value, valueMax)).toBe(expected);
  });
});

describe('currentReports', () => {
  it.each([
    {
      name: 'the newest report per unit counts',
      reports: [
        { id: 'a1', unitId: 'A', createdAt: '2024-03-01T00:00:00Z' },
        { id: 'a2', unitId: 'A', createdAt: '2024-03-02T00:00:00Z' },
        { id: 'b1', unitId: 'B', createdAt: '2024-03-01T00:00:00Z' },
      ],
      expected: { A: 'a2', B: 'b1' },
    },
    {
      name: 'a superseded report never counts, even when its clock says it is newer',
      reports: [
        { id: 'a1', unitId: 'A', createdAt: '2024-03-05T00:00:00Z' },
        { id: 'a2', unitId: 'A', createdAt: '2024-03-02T00:00:00Z', supersedes: 'a1' },
      ],
      expected: { A: 'a2' },
    },
    {
      name: 'a returned correction leaves the approved report in force',
      reports: [
        { id: 'a1', unitId: 'A', createdAt: '2024-03-01T00:00:00Z', state: 'approved' as const },
        { id: 'a2', unitId: 'A', createdAt: '2024-03-02T00:00:00Z', supersedes: 'a1', state: 'returned' as const },
      ],
      expected: { A: 'a1' },
    },
    {
      name: 'a correction of an approved report waits for review before it counts',
      reports: [
        { id: 'a1', unitId: 'A', createdAt: '2024-03-01T00:00:00Z', state: 'approved' as const },
        { id: 'a2', unitId: 'A', createdAt: '2024-03-02T00:00:00Z', supersedes: 'a1', state: 'submitted' as const, correctionOf: 'a1' },
      ],
      expected: { A: 'a1' },
    },
    {
      name: 'an approved correction replaces the report it corrects',
      reports: [
        { id: 'a1', unitId: 'A', createdAt: '2024-03-01T00:00:00Z', state: 'approved' as const },
        { id: 'a2', unitId: 'A', createdAt: '2024-03-02T00:00:00Z', supersedes: 'a1', state: 'approved' as const, correctionOf: 'a1' },
      ],
      expected: { A: 'a2' },
    },
    {
      name: 'a unit whose only report was returned has none',
      reports: [{ id: 'a1', unitId: 'A', createdAt: '2024-03-01T00:00:00Z', state: 'returned' as const }],
      expected: {},
    },
    {
      name: 'the same instant: the larger (later) UUIDv7 wins',
      reports: [
        { id: '0190-b', unitId: 'A', createdAt: '2024-03-01T00:00:00Z' },
        { id: '0190-a', unitId: 'A', createdAt: '2024-03-01T00:00:00Z' },
      ],
      expected: { A: '0190-b' },
    },
    {
      name: 'other periods and plans are ignored',
      reports: [
        { id: 'a1', unitId: 'A', createdAt: '2024-03-01T00:00:00Z' },
        { id: 'a2', unitId: 'A', createdAt: '2024-03-09T00:00:00Z', periodId: 'plan:q2' },
        { id: 'a3', unitId: 'A', createdAt: '2024-03-09T00:00:00Z', planId: 'other' },
      ],
      expected: { A: 'a1' },
    },
  ])('$name', ({ reports, expected }) => {
    const full = reports.map((r) => ({ planId: PLAN, periodId: PERIOD, values: [], ...r }));
    const got = Object.fromEntries([...currentReports(full, PLAN, PERIOD)].map(([unit, r]) => [unit, r.id]));
    expect(got).toEqual(expected);
  });
});

describe('computeProgress', () => {
  it('sums quantities over the units, each against its share', () => {
    const t = target('forest', { value: 40, unit: 'ha' });
    const p = progressOf([t], [assign('forest', 'A', 25), assign('forest', 'B', 15)], [
      report('A', [{ targetId: 'forest', value: 30 }]),
      report('B', [{ targetId: 'forest', value: 12 }]),
    ]).get('forest')!;
    expect(p).toMatchObject({ achieved: 42, verdict: 'exceeded', unitsAssigned: 2, unitsReported: 2 });
    expect(p.units.map((u) => [u.unitId, u.achieved, u.verdict])).toEqual([['A', 30, 'exceeded'], ['B', 12, 'notMet']]);
  });

  it('counts only the current report of each unit (a correction replaces, never adds)', () => {
    const t = target('x', { value: 10 });
    const first = report('A', [{ targetId: 'x', value: 4 }]);
    const p = progressOf([t], [assign('x', 'A', 10)], [first, report('A', [{ targetId: 'x', value: 10 }], { supersedes: first.id })]).get('x')!;
    expect(p.achieved).toBe(10);
    expect(p.verdict).toBe('met');
  });

  it('adds rates as Σnumerator / Σdenominator, not as a mean of percents', () => {
    const t = target('bhyt', { measure: 'rate', aggregation: 'weightedRate', value: 96, unit: '%' });
    const p = progressOf([t], [assign('bhyt', 'A'), assign('bhyt', 'B')], [
      report('A', [{ targetId: 'bhyt', numerator: 99, denominator: 100 }]), // 99 %
      report('B', [{ targetId: 'bhyt', numerator: 5, denominator: 10 }]), // 50 %; mean of percents would say 74,5 %
    ]).get('bhyt')!;
    expect(p.numerator).toBe(104);
    expect(p.denominator).toBe(110);
    expect(p.achieved).toBeCloseTo(94.545, 3);
    expect(p.verdict).toBe('notMet');
    // With no share, each unit is held to the commune rate.
    expect(p.units.map((u) => u.verdict)).toEqual(['exceeded', 'notMet']);
  });

  it('an at-most rate (poverty below 27 %) is exceeded when lower', () => {
    const t = target('poor', { measure: 'rate', aggregation: 'weightedRate', comparator: 'atMost', value: 27 });
    const p = progressOf([t], [assign('poor', 'A')], [report('A', [{ targetId: 'poor', numerator: 20, denominator: 100 }])]).get('poor')!;
    expect(p.verdict).toBe('exceeded');
  });

  it('a rate with no households counted has no figure yet', () => {
    const t = target('r', { measure: 'rate', aggregation: 'weightedRate', value: 96 });
    const p = progressOf([t], [assign('r', 'A')], [report('A', [{ targetId: 'r', numerator: 0, denominator: 0 }])]).get('r')!;
    expect(p.achieved).toBeNull();
    expect(p.verdict).toBe('noData');
  });

  it('counts units done for a status target: met only when every assigned unit is', () => {
    const t = target('std', { measure: 'status', aggregation: 'count', comparator: 'done' });
    const assignments = [assign('std', 'A'), assign('std', 'B')];
    const half = progressOf([t], assignments, [report('A', [{ targetId: 'std', done: true }]), report('B', [{ targetId: 'std', done: false }])]).get('std')!;
    expect(half).toMatchObject({ achieved: 1, unitsDone: 1, unitsReported: 2, verdict: 'notMet' });
    expect(half.units.map((u) => u.verdict)).toEqual(['met', 'notMet']);
    const all = progressOf([t], assignments, [report('A', [{ targetId: 'std', done: true }]), report('B', [{ targetId: 'std', done: true }])]).get('std')!;
    expect(all).toMatchObject({ achieved: 2, unitsDone: 2, verdict: 'met' });
  });

  it('a count target with a number ("06 làng văn hóa") is met when that many units are done', () => {
    const t = target('lvh', { measure: 'status', aggregation: 'count', comparator: 'done', value: 2 });
    const units = ['A', 'B', 'C'];
    const p = progressOf([t], units.map((u) => assign('lvh', u)), [
      report('A', [{ targetId: 'lvh', done: true }]), report('B', [{ targetId: 'lvh', done: true }]),
    ]).get('lvh')!;
    expect(p).toMatchObject({ achieved: 2, unitsAssigned: 3, unitsReported: 2, verdict: 'met' });
  });

  it('a breakdown parent is the sum of its children, per unit and for the commune', () => {
    const targets = [
      target('herd', { value: 3027, unit: 'con' }),
      target('pigs', { parentId: 'herd', value: 780 }),
      target('cows', { parentId: 'herd', value: 1110 }),
    ];
    const assignments = [assign('pigs', 'A', 400), assign('pigs', 'B', 380), assign('cows', 'A', 600), assign('cows', 'B', 510)];
    const p = progressOf(targets, assignments, [
      report('A', [{ targetId: 'pigs', value: 410 }, { targetId: 'cows', value: 600 }]),
      report('B', [{ targetId: 'pigs', value: 300 }]),
    ]);
    expect(p.get('pigs')!.achieved).toBe(710);
    expect(p.get('cows')!.achieved).toBe(600);
    const herd = p.get('herd')!;
    expect(herd.achieved).toBe(1310);
    expect(herd.achieved).toBe(p.get('pigs')!.achieved! + p.get('cows')!.achieved!);
    expect(herd.units.map((u) => [u.unitId, u.share, u.achieved])).toEqual([['A', 1000, 1010], ['B', 890, 300]]);
    expect(herd.verdict).toBe('notMet');
  });

  it('a parent reported directly by a unit that gave no children still counts', () => {
    const targets = [target('herd', { value: 100 }), target('pigs', { parentId: 'herd' })];
    const p = progressOf(targets, [assign('herd', 'A', 100), assign('pigs', 'B', 50)], [
      report('A', [{ targetId: 'herd', value: 70 }]),
      report('B', [{ targetId: 'pigs', value: 40 }]),
    ]).get('herd')!;
    expect(p.achieved).toBe(110);
    expect(p.units.map((u) => [u.unitId, u.share, u.achieved])).toEqual([['A', 100, 70], ['B', 50, 40]]);
  });

  it('a unit that has not reported has no figure and no verdict; nothing reported means no verdict', () => {
    const t = target('x', { value: 10 });
    const p = progressOf([t], [assign('x', 'A', 5), assign('x', 'B', 5)], [report('A', [{ targetId: 'x', value: 5 }])]).get('x')!;
    expect(p.units[1]).toMatchObject({ unitId: 'B', achieved: null, verdict: 'noData', reportId: null });
    expect(p).toMatchObject({ achieved: 5, verdict: 'notMet', unitsReported: 1 });
    const none = progressOf([t], [assign('x', 'A', 5)], []).get('x')!;
    expect(none).toMatchObject({ achieved: null, verdict: 'noData', unitsReported: 0, unitsAssigned: 1 });
  });

  it('x of y sums items; a rank change may be negative', () => {
    const targets = [
      target('ntm', { measure: 'xOfY', outOf: 19, value: 13 }),
      target('pci', { measure: 'rank', value: 1 }),
    ];
    const p = progressOf(targets, [assign('ntm', 'O'), assign('pci', 'O')], [
      report('O', [{ targetId: 'ntm', value: 14 }, { targetId: 'pci', value: -2 }]),
    ]);
    expect(p.get('ntm')).toMatchObject({ achieved: 14, verdict: 'exceeded' });
    expect(p.get('ntm')!.units[0]!.verdict).toBe('exceeded'); // a lone assignee carries the whole target
    expect(p.get('pci')).toMatchObject({ achieved: -2, verdict: 'notMet' });
  });

  it('a range share scales both bounds ("1-2 nhà đại đoàn kết")', () => {
    const t = target('house', { comparator: 'range', value: 2, valueMax: 4 });
    const p = progressOf([t], [assign('house', 'A', 1), assign('house', 'B', 1)], [
      report('A', [{ targetId: 'house', value: 3 }]), // 1..2 for A: exceeded
      report('B', [{ targetId: 'house', value: 1 }]),
    ]).get('house')!;
    expect(p.units.map((u) => u.verdict)).toEqual(['exceeded', 'met']);
    expect(p).toMatchObject({ achieved: 4, verdict: 'met' });
  });

  it('ignores targets and assignments of other plans', () => {
    const p = computeProgress({
      planId: PLAN, periodId: PERIOD,
      targets: [target('x', { value: 1 }), { ...target('y'), planId: 'other' }],
      assignments: [assign('x', 'A'), { ...assign('x', 'B'), planId: 'other' }],
      reports: [],
    });
    expect(p.map((t) => t.targetId)).toEqual(['x']);
    expect(p[0]!.unitsAssigned).toBe(1);
  });
});
