import { describe, expect, it } from 'vitest';
import { planPeriods, daysLeft, vietnamToday } from '../../src/shared/periods';
import { Period } from '../../src/shared/schemas/plans';
import * as z from 'zod/mini';

const base = { id: 'plan-1', year: 2024, rounds: [], reporting: [] as ('quarter' | 'half-year' | 'year')[] };

describe('planPeriods', () => {
  it.each([
    ['quarter', 'plan-1:q1', 'Quý I/2024', '2024-01-01', '2024-03-31', '2024-03-20'],
    ['quarter', 'plan-1:q2', 'Quý II/2024', '2024-04-01', '2024-06-30', '2024-06-20'],
    ['quarter', 'plan-1:q3', 'Quý III/2024', '2024-07-01', '2024-09-30', '2024-09-20'],
    ['quarter', 'plan-1:q4', 'Quý IV/2024', '2024-10-01', '2024-12-31', '2024-12-20'],
    ['half-year', 'plan-1:h1', '6 tháng đầu năm 2024', '2024-01-01', '2024-06-30', '2024-06-20'],
    ['half-year', 'plan-1:h2', '6 tháng cuối năm 2024', '2024-07-01', '2024-12-31', '2024-12-20'],
    ['year', 'plan-1:y', 'Năm 2024', '2024-01-01', '2024-12-31', '2024-12-20'],
  ] as const)('%s → %s %s', (rhythm, id, name, from, to, deadline) => {
    const periods = planPeriods({ ...base, reporting: [rhythm] });
    expect(periods.find((p) => p.id === id)).toEqual({ id, planId: 'plan-1', kind: rhythm, name, from, to, deadline });
  });

  it('counts a leap February only where it matters (quarter ends are fixed)', () => {
    expect(planPeriods({ ...base, year: 2023, reporting: ['quarter'] }).map((p) => p.to)).toEqual([
      '2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31',
    ]);
  });

  it('gives one period per round, with the plan deadline or five days after the round ends', () => {
    const periods = planPeriods({
      ...base,
      rounds: [
        { name: 'Đợt 1', from: '2024-01-01', to: '2024-04-30', reportDeadline: '2024-06-25' },
        { name: 'Đợt 2', from: '2024-07-01', to: '2024-12-31', reportDeadline: null },
      ],
    });
    expect(periods).toEqual([
      { id: 'plan-1:r1', planId: 'plan-1', kind: 'round', name: 'Đợt 1', from: '2024-01-01', to: '2024-04-30', deadline: '2024-06-25' },
      { id: 'plan-1:r2', planId: 'plan-1', kind: 'round', name: 'Đợt 2', from: '2024-07-01', to: '2024-12-31', deadline: '2025-01-05' },
    ]);
  });

  it('orders by end date, shorter period first, and every period passes the wire schema', () => {
    const periods = planPeriods({
      ...base,
      reporting: ['year', 'half-year', 'quarter'],
      rounds: [{ name: 'Đợt 1', from: '2024-01-01', to: '2024-04-30', reportDeadline: null }],
    });
    expect(periods.map((p) => p.id.split(':')[1])).toEqual(['q1', 'r1', 'q2', 'h1', 'q3', 'q4', 'h2', 'y']);
    for (const p of periods) expect(z.safeParse(Period, p).success).toBe(true);
  });

  it('is idempotent: the same plan gives the same ids, and adding a rhythm keeps the old ids', () => {
    const before = planPeriods({ ...base, reporting: ['quarter'] });
    expect(planPeriods({ ...base, reporting: ['quarter'] })).toEqual(before);
    const after = planPeriods({ ...base, reporting: ['quarter', 'year'] });
    for (const p of before) expect(after).toContainEqual(p);
  });

  it('ignores a repeated rhythm and gives nothing for an empty plan', () => {
    expect(planPeriods({ ...base, reporting: ['year', 'year'] })).toHaveLength(1);
    expect(planPeriods(base)).toEqual([]);
  });
});

describe('daysLeft (Asia/Ho_Chi_Minh)', () => {
  it.each([
    // deadline, now (UTC), server offset, expected
    ['2024-06-25', '2024-06-24T16:59:59Z', 0, 1], // 23:59:59 on the 24th in Vietnam
    ['2024-06-25', '2024-06-24T17:00:00Z', 0, 0], // midnight: the 25th has begun in Vietnam
    ['2024-06-25', '2024-06-25T16:59:59Z', 0, 0],
    ['2024-06-25', '2024-06-25T17:00:00Z', 0, -1], // late from the 26th
    ['2024-06-25', '2024-06-15T03:00:00Z', 0, 10],
    ['2025-01-05', '2024-12-31T12:00:00Z', 0, 5], // across the new year
    ['2024-03-01', '2024-02-28T12:00:00Z', 0, 2], // leap day in between
    // phone clock 2 days behind the server: count from the server's day
    ['2024-06-25', '2024-06-20T05:00:00Z', 2 * 86_400_000, 3],
    ['2024-06-25', '2024-06-24T17:30:00Z', -3_600_000, 1], // phone an hour fast: still the 24th on the server
  ] as const)('%s at %s (offset %d) → %d', (deadline, now, offset, expected) => {
    expect(daysLeft(deadline, Date.parse(now), offset)).toBe(expected);
  });

  it('accepts a Date', () => {
    expect(daysLeft('2024-06-25', new Date('2024-06-24T17:00:00Z'))).toBe(0);
  });

  it('vietnamToday gives the local calendar date', () => {
    expect(vietnamToday(Date.parse('2024-06-24T16:59:59Z'))).toBe('2024-06-24');
    expect(vietnamToday(Date.parse('2024-06-24T17:00:00Z'))).toBe('2024-06-25');
  });
});
