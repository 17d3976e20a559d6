import { describe, expect, it } from 'vitest';
import { hasClockSkew, lateness } from '../../src/shared/lateness';
import { checkValueBounds, plausibilityWarnings } from '../../src/shared/report-rules';
import { defaultWholeNumber } from '../../src/shared/target-flags';

describe('lateness (Asia/Ho_Chi_Minh days)', () => {
  const deadline = '2025-06-20';
  it('counts the whole deadline day as on time, and late from the next Vietnamese midnight', () => {
    expect(lateness({ receivedAt: '2025-06-20T16:59:59.999Z', deadline })).toEqual({ late: false, daysLate: 0 }); // 23:59:59 on the 20th
    expect(lateness({ receivedAt: '2025-06-20T17:00:00.000Z', deadline })).toEqual({ late: true, daysLate: 1 }); // 00:00 on the 21st
    expect(lateness({ receivedAt: '2025-06-19T17:00:00.000Z', deadline })).toEqual({ late: false, daysLate: 0 }); // 00:00 on the 20th
    expect(lateness({ receivedAt: '2025-06-25T03:00:00.000Z', deadline })).toEqual({ late: true, daysLate: 5 });
  });

  it('gives the grace days, then counts from the deadline itself', () => {
    expect(lateness({ receivedAt: '2025-06-23T16:59:59.000Z', deadline, graceDays: 3 })).toEqual({ late: false, daysLate: 0 });
    expect(lateness({ receivedAt: '2025-06-23T17:00:00.000Z', deadline, graceDays: 3 })).toEqual({ late: true, daysLate: 4 });
  });

  it('is late after a lock even before the deadline, and not for what came before the lock', () => {
    const lockedAt = '2025-06-10T05:00:00.000Z';
    expect(lateness({ receivedAt: '2025-06-10T04:59:59.000Z', deadline, lockedAt })).toEqual({ late: false, daysLate: 0 });
    expect(lateness({ receivedAt: '2025-06-10T05:00:01.000Z', deadline, lockedAt })).toEqual({ late: true, daysLate: 0 });
    expect(lateness({ receivedAt: '2025-06-22T05:00:00.000Z', deadline, lockedAt, graceDays: 5 })).toEqual({ late: true, daysLate: 2 });
  });

  it('is late after the plan closed', () => {
    expect(lateness({ receivedAt: '2026-01-02T00:00:00.000Z', deadline: '2026-01-20', closedAt: '2026-01-01T00:00:00.000Z' })).toEqual({ late: true, daysLate: 0 });
  });

  it('calls a phone clock more than 24 h ahead of the receipt wrong', () => {
    expect(hasClockSkew('2025-06-11T03:00:00.000Z', '2025-06-10T03:00:00.000Z')).toBe(false);
    expect(hasClockSkew('2025-06-11T03:00:00.001Z', '2025-06-10T03:00:00.000Z')).toBe(true);
    expect(hasClockSkew('2020-01-01T00:00:00.000Z', '2025-06-10T03:00:00.000Z')).toBe(false); // days offline: not wrong
  });
});

describe('value bounds and plausibility', () => {
  const targets = new Map([
    ['whole', { id: 'whole', measure: 'quantity' as const, wholeNumber: true, value: 100, comparator: 'atLeast' as const }],
    ['ha', { id: 'ha', measure: 'quantity' as const, wholeNumber: false, value: 40, comparator: 'atLeast' as const }],
    ['rate', { id: 'rate', measure: 'rate' as const, wholeNumber: true, value: 90, comparator: 'atLeast' as const }],
  ]);
  it('refuses fractions on whole-number targets and anything above 10^12', () => {
    expect(checkValueBounds([{ targetId: 'whole', value: 12.5 }], targets)).toEqual([{ code: 'value.not_integer', path: 'values.0.value', targetId: 'whole' }]);
    expect(checkValueBounds([{ targetId: 'ha', value: 12.5 }], targets)).toEqual([]);
    expect(checkValueBounds([{ targetId: 'rate', numerator: 1.5, denominator: 3 }], targets)).toEqual([{ code: 'value.not_integer', path: 'values.0.numerator', targetId: 'rate' }]);
    expect(checkValueBounds([{ targetId: 'ha', value: 1e12 }], targets)).toEqual([]);
    expect(checkValueBounds([{ targetId: 'ha', value: 1e12 + 1 }], targets)).toEqual([{ code: 'value.too_large', path: 'values.0.value', targetId: 'ha' }]);
  });

  it('warns above 3× the share, and above the whole commune target', () => {
    const shares = new Map<string, number | null>([['whole', 10]]);
    expect(plausibilityWarnings([{ targetId: 'whole', value: 30 }], targets, shares)).toEqual([]);
    expect(plausibilityWarnings([{ targetId: 'whole', value: 31 }], targets, shares)).toEqual([{ code: 'value.above_share', targetId: 'whole' }]);
    expect(plausibilityWarnings([{ targetId: 'ha', value: 41 }], targets, new Map())).toEqual([{ code: 'value.above_target', targetId: 'ha' }]);
    expect(plausibilityWarnings([{ targetId: 'ha', value: 40 }], targets, new Map())).toEqual([]);
  });

  it('counts whole things by default', () => {
    expect(defaultWholeNumber('hộ')).toBe(true);
    expect(defaultWholeNumber(' Con ')).toBe(true);
    expect(defaultWholeNumber('ha')).toBe(false);
    expect(defaultWholeNumber('%')).toBe(false);
    expect(defaultWholeNumber(null)).toBe(false);
  });
});
