/** The office's typed village-level criteria set: criteria lines, indicator lines, what is refused. */
import { describe, expect, it } from 'vitest';
import { parseVillageCriteria } from '../../../src/client/office/ntm/village-set';

describe('parseVillageCriteria', () => {
  it('reads criteria and their indicators; a criterion without indicators gets one of its own name', () => {
    const { criteria, bad } = parseVillageCriteria('1 Giao thông\n1.1 Đường trục thôn được cứng hóa\n1.2) Đường ngõ sạch\n\n2. Nhà văn hóa\n');
    expect(bad).toEqual([]);
    expect(criteria.map((c) => [c.code, c.name, c.indicators.map((i) => i.code)])).toEqual([
      ['1', 'Giao thông', ['1.1', '1.2']],
      ['2', 'Nhà văn hóa', ['2']],
    ]);
    expect(criteria.every((c) => c.confirmed === false && c.indicators.every((i) => i.confirmed === false))).toBe(true);
  });
  it('refuses an indicator before any criterion, one of another criterion, and text without a number', () => {
    expect(parseVillageCriteria('1.1 Đường\n1 Giao thông\n2.1 Điện\nkhông có số').bad).toEqual(['1.1 Đường', '2.1 Điện', 'không có số']);
  });
});
