import { describe, expect, it } from 'vitest';
import { formatPercent, formatViNumber, parseTypedNumber, parseViNumber } from '../../src/shared/vi-number';

describe('parseViNumber (document format)', () => {
  it.each([
    ['6.294,3', 6294.3],
    ['1.525,59', 1525.59],
    ['1.110', 1110],
    ['3.027', 3027],
    ['9.007,4', 9007.4],
    ['15.300', 15300],
    ['1.110.500', 1110500],
    ['01', 1],
    ['96', 96],
    ['100', 100],
    ['-5', -5],
    ['−5', -5],
    ['0,5', 0.5],
    ['1,2', 1.2],
    ['  27 ', 27],
    ['2719', 2719],
  ])('%j → %d', (text, expected) => {
    expect(parseViNumber(text)).toBe(expected);
  });

  it.each([
    'abc', '', '   ', '1.2.3,4,5', '1,2,3', '12.34', '1.11', '1.1100', 'NaN', 'Infinity', '-Infinity',
    '1e5', ',5', '5,', '.5', '5.', '1 000', '+', '-', '--5', '5%', '0x10', '1.234.56',
  ])('%j → null', (text) => {
    expect(parseViNumber(text)).toBeNull();
  });
});

describe('parseTypedNumber (what a person types)', () => {
  it.each([
    ['2.5', 2.5, 'decimal'],
    ['2,5', 2.5, 'decimal'],
    ['0.75', 0.75, 'decimal'],
    ['.5', 0.5, 'decimal'],
    ['1.110', 1110, 'grouped'],
    ['1.110.500', 1110500, 'grouped'],
    ['6.294,3', 6294.3, 'grouped'],
    ['1.110,5', 1110.5, 'grouped'],
    ['01', 1, 'plain'],
    ['1 110', 1110, 'plain'],
    [' 96 ', 96, 'plain'],
    ['-3', -3, 'plain'],
    ['-2.5', -2.5, 'decimal'],
    ['12.34', 12.34, 'decimal'],
    ['1.1100', 1.11, 'decimal'],
  ] as const)('%j → %d (%s)', (text, value, reading) => {
    expect(parseTypedNumber(text)).toEqual({ value, reading });
  });

  it.each(['', ' ', 'abc', '1.2.3', '1,2,3', '1,110.5', '2.5.', '5.', '1e5', 'NaN', 'Infinity', '12a', '-', '1.11.500', '2,5,'])(
    '%j → null',
    (text) => {
      expect(parseTypedNumber(text)).toBeNull();
    },
  );
});

describe('formatViNumber / formatPercent', () => {
  it.each([
    [6294.3, '6.294,3'],
    [1110, '1.110'],
    [1525.59, '1.525,59'],
    [96, '96'],
    [-5, '-5'],
    [0.5, '0,5'],
    [1110500, '1.110.500'],
  ])('%d → %j', (value, text) => {
    expect(formatViNumber(value)).toBe(text);
  });

  it('rounds when asked', () => {
    expect(formatViNumber(2 / 3, { maximumFractionDigits: 1 })).toBe('0,7');
    expect(formatViNumber(1234.5678, { maximumFractionDigits: 0 })).toBe('1.235');
  });

  it.each([
    [96, '96%'],
    [95.5, '95,5%'],
    [100, '100%'],
    [33.333, '33,33%'],
  ])('formatPercent(%d) → %j', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });

  it('round-trips: parseViNumber(formatViNumber(x)) === x', () => {
    // A deterministic spread of magnitudes and fractions (no RNG, so failures reproduce).
    const values: number[] = [0, 1, -1, 0.1, 0.1 + 0.2, 1 / 3, 1e-7, 999, 1000, 1001, 6294.3, 1525.59, 2 ** 40, -123456.789];
    let x = 0.7;
    for (let i = 0; i < 500; i++) {
      x = (x * 9301 + 49297) % 233280; // small LCG
      values.push((x / 233280) * 10 ** ((i % 12) - 3) * (i % 3 === 0 ? -1 : 1));
      values.push(Math.round(x) * (i % 7));
    }
    for (const v of values) expect(parseViNumber(formatViNumber(v))).toBe(v === 0 ? 0 : v);
  });
});
