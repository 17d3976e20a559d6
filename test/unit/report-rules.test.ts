import { describe, expect, it } from 'vitest';
import { checkReportValues, isAssigned } from '../../src/shared/report-rules';
import type { ReportValue } from '../../src/shared/schemas/reports';
import type { Measure, Target } from '../../src/shared/schemas/targets';

type T = Pick<Target, 'id' | 'parentId' | 'measure' | 'outOf'>;
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
  ].map((x) => [x.id, x]),
);
const assigned = new Set(['qty', 'rate', 'xy', 'st', 'rank', 'herd']);

const cases: [string, ReportValue[], { code: string; path: string }[]][] = [
  ['a quantity of zero', [{ targetId: 'qty', value: 0 }], []],
  ['a fractional quantity', [{ targetId: 'qty', value: 6294.3 }], []],
  ['a negative quantity', [{ targetId: 'qty', value: -1 }], [{ code: 'value.negative', path: 'values.0.value' }]],
  ['NaN', [{ targetId: 'qty', value: NaN }], [{ code: 'value.not_a_number', path: 'values.0.value' }]],
  ['Infinity', [{ targetId: 'qty', value: Infinity }], [{ code: 'value.not_a_number', path: 'values.0.value' }]],
  ['a rate within its denominator', [{ targetId: 'rate', numerator: 96, denominator: 100 }], []],
  ['a rate of 0/0', [{ targetId: 'rate', numerator: 0, denominator: 0 }], []],
  ['a rate above 100%', [{ targetId: 'rate', numerator: 101, denominator: 100 }], [{ code: 'value.numerator_exceeds_denominator', path: 'values.0.numerator' }]],
  ['a negative denominator', [{ targetId: 'rate', numerator: 0, denominator: -3 }], [{ code: 'value.negative', path: 'values.0.denominator' }]],
  ['a rate given as a plain number', [{ targetId: 'rate', value: 96 }], [{ code: 'value.wrong_shape', path: 'values.0' }]],
  ['13 of 19', [{ targetId: 'xy', value: 13 }], []],
  ['19 of 19', [{ targetId: 'xy', value: 19 }], []],
  ['20 of 19', [{ targetId: 'xy', value: 20 }], [{ code: 'value.exceeds_out_of', path: 'values.0.value' }]],
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
    { code: 'value.exceeds_out_of', path: 'values.1.value' },
  ]],
  ['no values at all', [], []],
];

describe('checkReportValues', () => {
  it.each(cases)('%s', (_name, values, expected) => {
    expect(checkReportValues(values, targets, assigned)).toEqual(expected);
  });
});

describe('isAssigned', () => {
  it('stops on a cycle in bad data instead of looping', () => {
    const loop = new Map<string, T>([['a', t('a', 'quantity', { parentId: 'b' })], ['b', t('b', 'quantity', { parentId: 'a' })]]);
    expect(isAssigned('a', loop, new Set())).toBe(false);
  });
});
