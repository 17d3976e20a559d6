import { describe, expect, it } from 'vitest';
import { checkReportValues, isAssigned, ruleMessage, type RuleTarget } from '../../src/shared/report-rules';
import type { ReportValue } from '../../src/shared/schemas/reports';
import type { Measure } from '../../src/shared/schemas/targets';

type T = RuleTarget;
const t = (id: string, measure: Measure, extra: Partial<T> = {}): T => ({ id, parentId: null, measure, outOf: null, ...extra });

const targets = new Map<string, T>(
  [
    t('qty', 'quantity'),
    t('rate', 'rate'),
    t('xy', 'xOfY', { outOf: 19 }),
    t('st', 'status'),
    t('rank', 'rank'),
    t('herd', 'quantity'),
    t('cows', 'quantity', { parentId: 'herd' }),
    t('calves', 'quantity', { parentId: 'cows' }),
    t('other', 'quantity'),
    t('pct', 'quantity', { unit: '%' }),
  ].map((x) => [x.id, x]),
);
const assigned = new Set(['qty', 'rate', 'xy', 'st', 'rank', 'herd', 'pct']);

const cases: [string, ReportValue[], { code: string; path: string; params?: Record<string, number> }[]][] = [
  ['a quantity of zero', [{ targetId: 'qty', value: 0 }], []],
  ['a fractional quantity', [{ targetId: 'qty', value: 6294.3 }], []],
  ['a negative quantity', [{ targetId: 'qty', value: -1 }], [{ code: 'value.negative', path: 'values.0.value' }]],
  ['NaN', [{ targetId: 'qty', value: NaN }], [{ code: 'value.not_a_number', path: 'values.0.value' }]],
  ['Infinity', [{ targetId: 'qty', value: Infinity }], [{ code: 'value.not_a_number', path: 'values.0.value' }]],
  ['a rate within its denominator', [{ targetId: 'rate', numerator: 96, denominator: 100 }], []],
  ['a rate of 0/0', [{ targetId: 'rate', numerator: 0, denominator: 0 }], [{ code: 'value.zero_denominator', path: 'values.0.denominator' }]],
  ['a rate of 0/5', [{ targetId: 'rate', numerator: 0, denominator: 5 }], []],
  ['a rate above 100%', [{ targetId: 'rate', numerator: 101, denominator: 100 }], [{ code: 'value.numerator_exceeds_denominator', path: 'values.0.numerator' }]],
  ['a negative denominator', [{ targetId: 'rate', numerator: 0, denominator: -3 }], [{ code: 'value.negative', path: 'values.0.denominator' }]],
  ['a rate given as a plain number', [{ targetId: 'rate', value: 96 }], [{ code: 'value.wrong_shape', path: 'values.0' }]],
  ['13 of 19', [{ targetId: 'xy', value: 13 }], []],
  ['19 of 19', [{ targetId: 'xy', value: 19 }], []],
  ['20 of 19', [{ targetId: 'xy', value: 20 }], [{ code: 'value.exceeds_out_of', path: 'values.0.value', params: { outOf: 19 } }]],
  ['-1 of 19', [{ targetId: 'xy', value: -1 }], [{ code: 'value.negative', path: 'values.0.value' }]],
  ['status done', [{ targetId: 'st', done: true }], []],
  ['status as a number', [{ targetId: 'st', value: 1 }], [{ code: 'value.wrong_shape', path: 'values.0' }]],
  ['a fall in rank', [{ targetId: 'rank', value: -2 }], []],
  ['a quantity given done', [{ targetId: 'qty', done: true }], [{ code: 'value.wrong_shape', path: 'values.0' }]],
  ['an unknown target', [{ targetId: 'nope', value: 1 }], [{ code: 'report.unknown_target', path: 'values.0.targetId' }]],
  ['an unassigned target', [{ targetId: 'other', value: 1 }], [{ code: 'report.target_not_assigned', path: 'values.0.targetId' }]],
  ['a child of an assigned target', [{ targetId: 'cows', value: 1110 }], []],
  ['a grandchild of an assigned target', [{ targetId: 'calves', value: 10 }], []],
  ['the same target twice', [{ targetId: 'qty', value: 1 }, { targetId: 'qty', value: 2 }], [{ code: 'value.duplicate_target', path: 'values.1.targetId' }]],
  ['problems listed in order', [{ targetId: 'qty', value: -1 }, { targetId: 'xy', value: 25 }], [
    { code: 'value.negative', path: 'values.0.value' },
    { code: 'value.exceeds_out_of', path: 'values.1.value', params: { outOf: 19 } },
  ]],
  ['no values at all', [], []],
];

describe('checkReportValues: errors (block the report on the phone and at the server)', () => {
  it.each(cases)('%s', (_name, values, expected) => {
    const withTarget = expected.map((e) => ({ ...e, targetId: values[Number(e.path.split('.')[1])]!.targetId }));
    expect(checkReportValues(values, targets, assigned)).toEqual({ errors: withTarget, warnings: [] });
  });
});

describe('checkReportValues: warnings (a second look, never a refusal)', () => {
  const previous = new Map([['qty', 2.5]]);
  it.each([
    ['a percent over 100', [{ targetId: 'pct', value: 105 }], [{ code: 'value.percent_over_100', path: 'values.0.value', targetId: 'pct' }]],
    ['a percent of exactly 100', [{ targetId: 'pct', value: 100 }], []],
    ['ten times last period (25 typed for 2,5)', [{ targetId: 'qty', value: 25 }], [{ code: 'value.ten_times_last', path: 'values.0.value', targetId: 'qty', params: { previous: 2.5 } }]],
    ['ordinary growth', [{ targetId: 'qty', value: 24 }], []],
  ] as [string, ReportValue[], unknown[]][])('%s', (_name, values, expected) => {
    expect(checkReportValues(values, targets, assigned, { previous })).toEqual({ errors: [], warnings: expected });
  });

  it('an error silences the warnings of the same value', () => {
    const r = checkReportValues([{ targetId: 'pct', value: -5 }], targets, assigned, { previous: new Map([['pct', 0.1]]) });
    expect(r.warnings).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['value.negative']);
  });

  it('writes the numbers a message names in vi-VN', () => {
    expect(ruleMessage({ code: 'value.ten_times_last', path: 'values.0.value', targetId: 'qty', params: { previous: 1110.5 } }))
      .toBe('Gấp hơn 10 lần lần trước (1.110,5). Có đúng không?');
  });
});

describe('isAssigned', () => {
  it('stops on a cycle in bad data instead of looping', () => {
    const loop = new Map<string, T>([['a', t('a', 'quantity', { parentId: 'b' })], ['b', t('b', 'quantity', { parentId: 'a' })]]);
    expect(isAssigned('a', loop, new Set())).toBe(false);
  });
});
