/**
 * Text that is not a number gets a message that says how to type it when it was typed the
 * English way (issue 10): "6,294.3" → "Dùng dấu phẩy cho số thập phân: 6.294,3". The reader
 * still refuses it: nothing typed is guessed into a value.
 */
import { describe, expect, it } from 'vitest';
import { readEnglishNumber, parseTypedNumber } from '../../src/shared/vi-number';
import { typingIssue, ruleMessage } from '../../src/shared/report-rules';

describe('typingIssue', () => {
  it.each<[string, string]>([
    ['6,294.3', 'Dùng dấu phẩy cho số thập phân: 6.294,3'],
    ['1,525.59', 'Dùng dấu phẩy cho số thập phân: 1.525,59'],
    ['12,345,678.9', 'Dùng dấu phẩy cho số thập phân: 12.345.678,9'],
    ['-1,110.5', 'Dùng dấu phẩy cho số thập phân: -1.110,5'],
    [' 6, 294.3 ', 'Dùng dấu phẩy cho số thập phân: 6.294,3'],
    ['1,110,500', 'Dùng dấu chấm để phân nhóm nghìn: 1.110.500'],
    ['2.5.1', 'Giá trị phải là một con số.'],
    ['abc', 'Giá trị phải là một con số.'],
    ['6,29.3', 'Giá trị phải là một con số.'], // not thousands groups: no guess
    ['1e3', 'Giá trị phải là một con số.'],
  ])('"%s" → %s', (typed, message) => {
    expect(parseTypedNumber(typed)).toBeNull(); // never taken as a value
    const issue = typingIssue(typed);
    expect(ruleMessage({ ...issue, path: 'values.0.value', targetId: 't' })).toBe(message);
  });

  it('leaves alone what the lenient reader already reads (the ambiguous "1,110" stays 1,11)', () => {
    for (const typed of ['2,5', '2.5', '1.110', '6.294,3', '1,110']) expect(readEnglishNumber(typed), typed).toBeNull();
    expect(parseTypedNumber('1,110')?.value).toBe(1.11);
  });
});
