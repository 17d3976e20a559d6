import { describe, expect, it } from 'vitest';
import { readNumber, readForm, echo, ratePercent, fieldsFromValues, numeratorKey, denominatorKey, type FormTarget } from '../../src/client/form/reading';
import type { Target } from '../../src/shared/schemas';

const target = (id: string, extra: Partial<Target> = {}): Target => ({
  id, planId: 'p', parentId: null, position: 1, area: 'economy', label: id, unit: 'ha', comparator: 'atLeast',
  value: 10, valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum', assigneeUnitId: null, source: null, ...extra,
});
const item = (t: Target, previous: number | null = null, childIds: string[] = []): FormTarget => ({ target: t, previous, childIds });

describe('reading what was typed on a decimal keypad', () => {
  it.each([
    ['2.5', 2.5, '= 2,5 ha'],
    ['2,5', 2.5, '= 2,5 ha'],
    ['1.110', 1110, '= 1.110 ha'],
    ['6.294,3', 6294.3, '= 6.294,3 ha'],
    ['0.25', 0.25, '= 0,25 ha'],
    [' 12 ', 12, '= 12 ha'],
  ])('%s reads as %d and is shown back as "%s"', (typed, value, shown) => {
    const r = readNumber(typed);
    expect(r).toMatchObject({ state: 'ok', value });
    expect(r.state === 'ok' && echo(r.value, 'ha')).toBe(shown);
  });
  it.each(['', '   '])('"%s" is empty', (typed) => expect(readNumber(typed).state).toBe('empty'));
  it.each(['2.5.1', 'abc', '1,110.5', '1e3'])('"%s" is not a number', (typed) => expect(readNumber(typed).state).toBe('invalid'));
  it('echoes percent and plain numbers', () => {
    expect(echo(96.5, '%')).toBe('= 96,5%');
    expect(echo(13, null)).toBe('= 13');
    expect(ratePercent(48, 50)).toBe('96%');
    expect(ratePercent(1, 0)).toBeNull();
  });
});

describe('reading the whole form', () => {
  const qty = target('qty', { unit: 'con' });
  const pct = target('pct', { unit: '%' });
  const rate = target('rate', { measure: 'rate', unit: '%' });
  const xy = target('xy', { measure: 'xOfY', outOf: 19, unit: 'tiêu chí' });
  const st = target('st', { measure: 'status', unit: null });
  const rank = target('rank', { measure: 'rank', unit: 'bậc' });

  it('turns typed text into report values of the right shape', () => {
    const r = readForm([item(qty), item(rate), item(xy), item(st), item(rank)], {
      qty: '1.110', [numeratorKey('rate')]: '96', [denominatorKey('rate')]: '100', xy: '13', st: 'done', rank: '-1',
    });
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual([
      { targetId: 'qty', value: 1110 },
      { targetId: 'rate', numerator: 96, denominator: 100 },
      { targetId: 'xy', value: 13 },
      { targetId: 'st', done: true },
      { targetId: 'rank', value: -1 },
    ]);
  });

  it.each([
    ['a negative count', [item(qty)], { qty: '-3' }, 'qty', 'error', 'value.negative'],
    ['not a number', [item(qty)], { qty: '2.5.1' }, 'qty', 'error', 'value.not_a_number'],
    ['a number typed the English way', [item(qty)], { qty: '6,294.3' }, 'qty', 'error', 'value.english_decimal'],
    ['thousands grouped the English way', [item(qty)], { qty: '1,110,500' }, 'qty', 'error', 'value.english_grouping'],
    ['an English total in a rate', [item(rate)], { 'rate/n': '5', 'rate/d': '1,200.5' }, 'rate/d', 'error', 'value.english_decimal'],
    ['x over y', [item(xy)], { xy: '20' }, 'xy', 'error', 'value.exceeds_out_of'],
    ['numerator over denominator', [item(rate)], { 'rate/n': '101', 'rate/d': '100' }, 'rate/n', 'error', 'value.numerator_exceeds_denominator'],
    ['half a rate', [item(rate)], { 'rate/n': '5' }, 'rate/d', 'error', 'check.rate_incomplete'],
    ['zero of zero', [item(rate)], { 'rate/n': '0', 'rate/d': '0' }, 'rate/d', 'error', 'value.zero_denominator'],
    ['a percent over 100', [item(pct)], { pct: '105' }, 'pct', 'warning', 'value.percent_over_100'],
    ['ten times last period (25 typed for 2,5)', [item(qty, 2.5)], { qty: '25' }, 'qty', 'warning', 'value.ten_times_last'],
  ] as const)('flags %s', (_name, items, fields, field, severity, key) => {
    const r = readForm(items, fields);
    expect(r.problems).toContainEqual(expect.objectContaining({ field, severity, key }));
  });

  it('does not flag ordinary growth, a fall in rank, or empty fields', () => {
    expect(readForm([item(qty, 100)], { qty: '150' }).problems).toEqual([]);
    expect(readForm([item(rank)], { rank: '-3' }).problems).toEqual([]);
    expect(readForm([item(qty), item(st)], {}).values).toEqual([]);
  });

  it('adds breakdown children up to the parent live, and sends the parent as their sum', () => {
    const parent = target('herd', { unit: 'con' });
    const cow = target('cow', { parentId: 'herd', unit: 'con' });
    const pig = target('pig', { parentId: 'herd', unit: 'con' });
    const r = readForm([item(parent, null, ['cow', 'pig']), item(cow), item(pig)], { cow: '1.110', pig: '780' });
    expect(r.sums).toEqual({ herd: 1890 });
    expect(r.values).toContainEqual({ targetId: 'herd', value: 1890 });
  });

  it('pre-fills a correction with the values as a person would type them', () => {
    const fields = fieldsFromValues([
      { targetId: 'qty', value: 6294.3 },
      { targetId: 'rate', numerator: 96, denominator: 100 },
      { targetId: 'st', done: false },
      { targetId: 'herd', value: 1890 },
    ], new Set(['herd']));
    expect(fields).toEqual({ qty: '6.294,3', 'rate/n': '96', 'rate/d': '100', st: 'notDone' });
    // And reading them again gives the same values back.
    expect(readForm([item(qty), item(rate), item(st)], fields).values).toEqual([
      { targetId: 'qty', value: 6294.3 },
      { targetId: 'rate', numerator: 96, denominator: 100 },
      { targetId: 'st', done: false },
    ]);
  });
});
