import { describe, expect, it } from 'vitest';
import { openPeriods, latestReport, reportStatus, unitTargets, type UnitData } from '../../src/client/model/unit-work';
import { planPeriods } from '../../src/shared/periods';
import type { Plan, StoredReport, Target } from '../../src/shared/schemas';
import type { OutboxItem } from '../../src/client/data/db';

const plan: Plan = {
  id: 'p', issuerUnitId: 'xa', number: '1', issuedOn: null, year: 2025, issuer: 'UBND', title: 'KH', theme: '',
  rounds: [], reporting: ['quarter'], status: 'active',
};
const t = (id: string, parentId: string | null = null, position = 1): Target => ({
  id, planId: 'p', parentId, position, area: 'economy', label: id, unit: 'hộ', comparator: 'atLeast', value: 5,
  valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum', assigneeUnitId: null, source: null,
});
const report = (id: string, periodId: string, createdAt: string, extra: Partial<StoredReport> = {}): StoredReport => ({
  id, unitId: 'thon', planId: 'p', periodId, values: [], note: null, createdAt, supersedes: null, submittedBy: 'u',
  deviceId: null, receivedAt: createdAt, state: 'submitted', correctionOf: null, ...extra,
});
const base = (over: Partial<UnitData> = {}): UnitData => ({
  unitId: 'thon', units: [], plans: [plan], periods: planPeriods(plan), targets: [t('a'), t('b', 'a', 2), t('c', 'a', 1), t('z')],
  assignments: [{ id: 'as', planId: 'p', targetId: 'a', unitId: 'thon', share: 3 }], reports: [], reviews: [], outbox: [], drafts: [], ...over,
});
const at = (iso: string) => Date.parse(iso);

describe('the unit\'s work', () => {
  it('carries assigned targets and their breakdown children, in the plan\'s order', () => {
    expect(unitTargets(base(), 'p').map((x) => x.id)).toEqual(['a', 'c', 'b']);
  });

  it('lists started periods, most urgent first, with days left by the server\'s day', () => {
    const cards = openPeriods(base(), at('2025-05-01T00:00:00Z'), 0);
    expect(cards.map((c) => c.period.id)).toEqual(['p:q1', 'p:q2']);
    expect(cards[0]!.daysLeft).toBeLessThan(0); // Q1 was due 20/03: overdue
    expect(cards[1]!.daysLeft).toBe(50); // Q2 due 20/06
    // A phone whose clock is a day behind still counts from the server's day.
    expect(openPeriods(base(), at('2025-04-30T00:00:00Z'), 86_400_000)[1]!.daysLeft).toBe(50);
  });

  it('hides an approved period once its deadline has passed, and shows the next period before any has started', () => {
    const approved = report('r1', 'p:q1', '2025-03-10T00:00:00Z', { state: 'approved' });
    expect(openPeriods(base({ reports: [approved] }), at('2025-05-01T00:00:00Z'), 0).map((c) => c.period.id)).toEqual(['p:q2']);
    expect(openPeriods(base(), at('2024-12-01T00:00:00Z'), 0).map((c) => c.period.id)).toEqual(['p:q1']);
  });

  it('takes the newest report no other supersedes, returned ones included, and the outbox before it', () => {
    const old = report('r1', 'p:q1', '2025-03-10T00:00:00Z', { state: 'returned' });
    expect(latestReport([old], 'thon', 'p:q1')?.id).toBe('r1');
    const fix = report('r2', 'p:q1', '2025-03-01T00:00:00Z', { supersedes: 'r1' });
    expect(latestReport([old, fix], 'thon', 'p:q1')?.id).toBe('r2');
    const queued: OutboxItem = { id: 'r3', report: { ...fix, id: 'r3' }, status: 'queued', attempts: 0, lastError: null, queuedAt: 1, periodId: 'p:q1' };
    expect(reportStatus(base({ reports: [old, fix], outbox: [queued] }), 'p:q1').kind).toBe('queued');
    expect(reportStatus(base({ reports: [old], reviews: [{ id: 'v', reportId: 'r1', decision: 'return', reason: 'Thiếu số hộ', by: 'VP', at: '2025-03-11T00:00:00Z' }] }), 'p:q1'))
      .toMatchObject({ kind: 'returned', reason: 'Thiếu số hộ' });
  });
});
