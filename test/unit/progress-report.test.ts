/**
 * The rules the progress API, the exports and the phone share, beyond the basic sums in
 * progress.test.ts: the basis, merged villages, percent, x of y across units, breakdown
 * warnings, lateness and completeness. Tables of cases.
 */
import { describe, expect, it } from 'vitest';
import { computeProgress, currentReports, percentOf, type ReportLike, type UnitLike } from '../../src/shared/progress';
import { planFigures, planOrder } from '../../src/shared/progress-report';
import { reportedLate } from '../../src/shared/late';
import type { Target, Assignment, ReportValue } from '../../src/shared/schemas';

const PLAN = 'plan';
const PERIOD = 'plan:h1';
const H1 = { to: '2025-06-30', deadline: '2025-07-05' };

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
    createdAt: `2025-06-01T00:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000Z`,
    receivedAt: '2025-07-01T03:00:00.000Z', supersedes: null, state: 'approved', ...over,
  };
}
const q = (targetId: string, value: number): ReportValue => ({ targetId, value });

describe('currentReports by basis', () => {
  const a1: ReportLike = { id: 'a1', unitId: 'A', planId: PLAN, periodId: PERIOD, values: [], createdAt: '2025-06-01T00:00:00Z', state: 'approved' };
  const a2 = { ...a1, id: 'a2', createdAt: '2025-06-02T00:00:00Z', supersedes: 'a1', state: 'submitted' as const, correctionOf: 'a1' };
  const a3 = { ...a1, id: 'a3', createdAt: '2025-06-03T00:00:00Z', supersedes: 'a2', state: 'returned' as const, correctionOf: 'a1' };
  const b1 = { ...a1, id: 'b1', unitId: 'B', state: 'submitted' as const };
  it.each([
    { name: 'approved: only approved reports count, a waiting correction does not', basis: 'approved' as const, reports: [a1, a2, b1], expected: { A: 'a1' } },
    { name: 'submitted: the waiting correction counts, and a first report waiting', basis: 'submitted' as const, reports: [a1, a2, b1], expected: { A: 'a2', B: 'b1' } },
    { name: 'submitted: a returned newer report never counts', basis: 'submitted' as const, reports: [a1, a2, a3], expected: { A: 'a2' } },
    { name: 'no basis: the report in force (first reports waiting count, corrections do not)', basis: undefined, reports: [a1, a2, b1], expected: { A: 'a1', B: 'b1' } },
  ])('$name', ({ basis, reports, expected }) => {
    const got = Object.fromEntries([...currentReports(reports, PLAN, PERIOD, { basis })].map(([u, r]) => [u, r.id]));
    expect(got).toEqual(expected);
  });
});

describe('percent', () => {
  it.each([
    ['atLeast', 'quantity', 30, 40, 75],
    ['equal', 'quantity', 8, 8, 100],
    ['range', 'quantity', 9, 8, 112.5], // against the lower bound
    ['atMost', 'rate', 4, 5, null], // the verdict says it all
    ['done', 'status', 1, 1, null],
    ['atLeast', 'rank', 2, 1, null],
    ['atLeast', 'quantity', 5, null, null], // no goal
    ['atLeast', 'quantity', 5, 0, null],
  ] as const)('%s %s: %d of %s → %s', (comparator, measure, achieved, goal, expected) => {
    expect(percentOf({ comparator, measure }, achieved, goal)).toBe(expected);
  });
});

describe('merged villages', () => {
  // Village P merged into S on 2025-05-01: periods ending before add P's report to S's.
  const units = (replacedOn: string): UnitLike[] => [
    { id: 'P', successorId: 'S', replacedOn },
    { id: 'S', successorId: null, replacedOn: null },
  ];
  const t = target('x', { value: 100 });
  const assignments = [assign('x', 'S', 60), assign('x', 'P', 40)];
  it.each([
    { name: 'a period ending before the merge adds the predecessor to the successor', replacedOn: '2025-07-01', reports: [report('P', [q('x', 30)]), report('S', [q('x', 50)])], achieved: 80, reportOf: 'S' },
    { name: 'after the merge the successor counts alone, never both', replacedOn: '2025-05-01', reports: [report('P', [q('x', 30)]), report('S', [q('x', 50)])], achieved: 50, reportOf: 'S' },
    { name: "after the merge, the predecessor's report when the successor has none", replacedOn: '2025-05-01', reports: [report('P', [q('x', 30)])], achieved: 30, reportOf: 'P' },
    { name: 'before the merge, only the predecessor reported', replacedOn: '2025-07-01', reports: [report('P', [q('x', 30)])], achieved: 30, reportOf: 'P' },
  ])('$name', ({ replacedOn, reports, achieved, reportOf }) => {
    const [p] = computeProgress({ planId: PLAN, periodId: PERIOD, targets: [t], assignments, reports, units: units(replacedOn), period: H1, basis: 'approved' });
    expect(p!.units.map((u) => u.unitId)).toEqual(['S']); // the merged village is one unit
    expect(p!.units[0]!.share).toBe(100); // shares fold together
    expect(p!.achieved).toBe(achieved);
    expect(p!.units[0]!.reportId).toBe(reports.find((r) => r.unitId === reportOf)!.id);
  });

  it('rates of merged villages add as parts', () => {
    const rate = target('bhyt', { measure: 'rate', aggregation: 'weightedRate', value: 90 });
    const [p] = computeProgress({
      planId: PLAN, periodId: PERIOD, targets: [rate], assignments: [assign('bhyt', 'S'), assign('bhyt', 'P')], units: units('2025-07-01'), period: H1,
      reports: [report('P', [{ targetId: 'bhyt', numerator: 10, denominator: 10 }]), report('S', [{ targetId: 'bhyt', numerator: 80, denominator: 100 }])],
    });
    expect(p!.units[0]).toMatchObject({ numerator: 90, denominator: 110 });
    expect(p!.achieved).toBeCloseTo(81.818, 3);
  });
});

describe('x of y and statuses count units', () => {
  const ntm = target('lang', { measure: 'xOfY', outOf: 19, value: 15 });
  it('across several villages: the number of villages at their 15/19', () => {
    const [p] = computeProgress({
      planId: PLAN, periodId: PERIOD, targets: [ntm], assignments: ['A', 'B', 'C'].map((u) => assign('lang', u)),
      reports: [report('A', [q('lang', 16)]), report('B', [q('lang', 15)]), report('C', [q('lang', 12)])],
    });
    expect(p!.units.map((u) => u.verdict)).toEqual(['exceeded', 'met', 'notMet']);
    expect(p).toMatchObject({ achieved: 2, verdict: 'notMet', unitsReported: 3 });
    expect(p!.percent).toBeCloseTo(66.667, 3);
  });
  it('a count with a number is exceeded by more units done', () => {
    const t = target('lvh', { measure: 'status', aggregation: 'count', comparator: 'done', value: 1 });
    const [p] = computeProgress({
      planId: PLAN, periodId: PERIOD, targets: [t], assignments: ['A', 'B'].map((u) => assign('lvh', u)),
      reports: [report('A', [{ targetId: 'lvh', done: true }]), report('B', [{ targetId: 'lvh', done: true }])],
    });
    expect(p).toMatchObject({ achieved: 2, verdict: 'exceeded', percent: null });
  });
});

describe('breakdowns', () => {
  it("warns when a unit's own parent figure differs from its children's sum, and counts the sum", () => {
    const targets = [target('herd', { value: 100 }), target('pigs', { parentId: 'herd' }), target('cows', { parentId: 'herd' })];
    const [herd] = computeProgress({
      planId: PLAN, periodId: PERIOD, targets, assignments: [assign('herd', 'A'), assign('herd', 'B')],
      reports: [report('A', [q('herd', 90), q('pigs', 40), q('cows', 45)]), report('B', [q('herd', 20), q('pigs', 12), q('cows', 8)])],
    });
    expect(herd!.achieved).toBe(105);
    expect(herd!.warnings).toEqual([{ kind: 'parentDiffers', unitId: 'A', reported: 90, childrenSum: 85 }]);
  });
});

describe('lateness', () => {
  it.each([
    ['2025-07-05T16:59:59Z', '2025-07-05', 0, false], // 23:59 in Vietnam on the deadline
    ['2025-07-05T17:00:00Z', '2025-07-05', 0, true], // the next day in Vietnam
    ['2025-07-07T10:00:00Z', '2025-07-05', 2, false], // within the grace
    ['2025-07-08T10:00:00Z', '2025-07-05', 2, true],
  ] as const)('received %s, deadline %s + %d days → late %s', (receivedAt, deadline, grace, expected) => {
    expect(reportedLate(receivedAt, deadline, grace)).toBe(expected);
  });

  it('a unit is late by its first report, not by a later correction', () => {
    const t = target('x', { value: 10 });
    const first = report('A', [q('x', 4)], { receivedAt: '2025-07-01T00:00:00Z' });
    const fix = report('A', [q('x', 6)], { receivedAt: '2025-08-01T00:00:00Z', supersedes: first.id });
    const tardy = report('B', [q('x', 1)], { receivedAt: '2025-07-20T00:00:00Z' });
    const figures = planFigures({
      planId: PLAN, periodId: PERIOD, targets: [t], assignments: ['A', 'B', 'C'].map((u) => assign('x', u)),
      reports: [first, fix, tardy], period: H1, basis: 'approved',
    });
    expect(figures.targets[0]!.units.map((u) => [u.unitId, u.late, u.reportId])).toEqual([['A', false, fix.id], ['B', true, tardy.id], ['C', false, null]]);
    expect(figures.completeness).toEqual({ expected: 3, reported: 2, onTime: 1, late: 1, missing: ['C'] });
  });
});

describe('planFigures', () => {
  it('lists targets parents first, with the parts of rates only on rate targets', () => {
    const targets = [
      target('cows', { parentId: 'herd', position: 2 }), target('herd', { position: 1 }),
      target('bhyt', { position: 0, measure: 'rate', aggregation: 'weightedRate', value: 90 }),
    ];
    const f = planFigures({ planId: PLAN, periodId: PERIOD, targets, assignments: [assign('bhyt', 'A'), assign('cows', 'A')], reports: [] });
    expect(f.targets.map((t) => t.targetId)).toEqual(['bhyt', 'herd', 'cows']);
    expect(f.targets[0]).toMatchObject({ numerator: null, denominator: null, verdict: 'noData', expectedUnits: 1, reportedUnits: 0 });
    expect('numerator' in f.targets[1]!).toBe(false);
    expect(f.completeness).toEqual({ expected: 1, reported: 0, onTime: 0, late: 0, missing: ['A'] });
  });
  it('planOrder keeps every target even when parents form a cycle', () => {
    const ts = [target('a', { parentId: 'b' }), target('b', { parentId: 'a' }), target('c')];
    expect(planOrder(ts).map((t) => t.id).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('the commune\'s own targets ("xã tự báo cáo")', () => {
  const own = target('own', { communeOnly: true, value: 10 });
  const cows = target('cows', { value: 100 });
  const input = {
    planId: PLAN, periodId: PERIOD, period: H1, targets: [own, cows], assignments: [assign('cows', 'A', 60), assign('cows', 'B', 40)],
    communeUnitId: 'X',
  };

  it('count the report the office entered for the commune, and only that unit', () => {
    const figures = planFigures({ ...input, reports: [report('X', [q('own', 12)]), report('A', [q('cows', 70)])] });
    const entry = figures.targets.find((t) => t.targetId === 'own')!;
    expect(entry).toMatchObject({ achieved: 12, verdict: 'exceeded', expectedUnits: 1, reportedUnits: 1 });
    expect(entry.units.map((u) => u.unitId)).toEqual(['X']);
  });

  it('leave the commune out of "x/y đơn vị đã báo cáo" and of the late list', () => {
    const figures = planFigures({ ...input, reports: [report('A', [q('cows', 70)])] });
    expect(figures.completeness).toMatchObject({ expected: 2, reported: 1, missing: ['B'] });
    expect(figures.targets.find((t) => t.targetId === 'own')).toMatchObject({ achieved: null, verdict: 'noData', expectedUnits: 1 });
  });

  it('are carried by their assignees instead when the office assigned them after all', () => {
    const figures = planFigures({ ...input, assignments: [...input.assignments, assign('own', 'A', 10)], reports: [report('X', [q('own', 12)])] });
    expect(figures.targets.find((t) => t.targetId === 'own')!.units.map((u) => u.unitId)).toEqual(['A']);
  });
});
