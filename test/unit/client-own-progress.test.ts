/** The phone's own verdicts: its latest figures against its share, by the shared progress rules. */
import { describe, expect, it } from 'vitest';
import { targetRows, type UnitData } from '../../src/client/model/unit-work';
import { computeProgress } from '../../src/shared/progress';
import { planPeriods } from '../../src/shared/periods';
import type { Plan, StoredReport, Target } from '../../src/shared/schemas';
import type { OutboxItem } from '../../src/client/data/db';

const plan: Plan = {
  id: 'p', issuerUnitId: 'xa', number: '1', issuedOn: null, year: 2025, issuer: 'UBND', title: 'KH', theme: '',
  rounds: [], reporting: ['quarter'], status: 'active',
};
const t = (id: string, over: Partial<Target> = {}): Target => ({
  id, planId: 'p', parentId: null, position: 1, area: 'economy', label: id, unit: 'hộ', comparator: 'atLeast', value: 50,
  valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum', assigneeUnitId: null, source: null, ...over,
});
const targets = [
  t('houses'), // share 10
  t('bhyt', { measure: 'rate', aggregation: 'weightedRate', value: 90, unit: '%' }), // no share: the plan's 90 %
  t('poor', { measure: 'rate', aggregation: 'weightedRate', comparator: 'atMost', value: 5, unit: '%' }),
  t('herd', { value: 100, position: 4 }), t('cows', { parentId: 'herd', value: null }),
];
const assignments = [
  { id: 'a1', planId: 'p', targetId: 'houses', unitId: 'thon', share: 10 },
  { id: 'a2', planId: 'p', targetId: 'bhyt', unitId: 'thon', share: null },
  { id: 'a3', planId: 'p', targetId: 'poor', unitId: 'thon', share: null },
  { id: 'a4', planId: 'p', targetId: 'herd', unitId: 'thon', share: 40 },
];
const stored: StoredReport = {
  id: 'r1', unitId: 'thon', planId: 'p', periodId: 'p:q1', note: null, createdAt: '2025-03-01T00:00:00Z', supersedes: null, submittedBy: 'u',
  deviceId: null, receivedAt: '2025-03-01T00:00:00Z', state: 'approved', correctionOf: null,
  values: [{ targetId: 'houses', value: 10 }, { targetId: 'bhyt', numerator: 80, denominator: 100 }, { targetId: 'poor', numerator: 3, denominator: 100 }, { targetId: 'cows', value: 45 }],
};
const data = (over: Partial<UnitData> = {}): UnitData => ({
  unitId: 'thon', units: [], plans: [plan], periods: planPeriods(plan), targets, assignments, reports: [stored], reviews: [], outbox: [], drafts: [], ...over,
});

describe('the phone\'s verdicts', () => {
  it.each([
    ['houses', 'met', 100], // 10 of its share of 10
    ['bhyt', 'notMet', 88.88888888888889], // 80 % against the plan's 90 %
    ['poor', 'exceeded', null], // poverty below the cap: no percent, the verdict says it
    ['herd', 'exceeded', 112.5], // a parent from its child: 45 against its share of 40
  ] as const)('%s → %s (%s %)', (targetId, verdict, percent) => {
    const row = targetRows(data(), 'p').find((r) => r.target.id === targetId)!;
    expect(row.figure).toMatchObject({ verdict, percent });
  });

  it('agrees with the office\'s rules for the same report and share', () => {
    const office = computeProgress({ planId: 'p', periodId: 'p:q1', targets, assignments, reports: [stored], basis: 'approved' });
    for (const row of targetRows(data(), 'p')) {
      const unit = office.find((p) => p.targetId === row.target.id)!.units.find((u) => u.unitId === 'thon');
      if (unit) expect(row.figure?.verdict, row.target.id).toBe(unit.verdict);
    }
  });

  it('judges a report still waiting in the outbox as soon as it is saved', () => {
    const queued: OutboxItem = {
      id: 'r2', report: { ...stored, id: 'r2', periodId: 'p:q2', values: [{ targetId: 'houses', value: 4 }] }, status: 'queued', attempts: 0, lastError: null, queuedAt: 1, periodId: 'p:q2',
    };
    const row = targetRows(data({ outbox: [queued] }), 'p').find((r) => r.target.id === 'houses')!;
    expect(row.figure).toMatchObject({ achieved: 4, verdict: 'notMet', percent: 40 });
  });

  it('has no verdict before anything is reported', () => {
    expect(targetRows(data({ reports: [] }), 'p').every((r) => r.figure === null)).toBe(true);
  });
});
