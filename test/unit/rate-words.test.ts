/**
 * A rate's messages use the same words as its boxes (issue 10): "Số hộ nghèo không được lớn
 * hơn tổng số hộ", never "Tử số không được lớn hơn mẫu số".
 */
import { describe, expect, it } from 'vitest';
import { problemText } from '../../src/client/form/problem-text';
import type { FieldProblem } from '../../src/client/form/reading';

const poor = { label: 'Hạ tỷ lệ hộ nghèo còn dưới', unit: '%' };
const conscripts = { label: 'Tỷ lệ giao quân', unit: '%' };
const problem = (key: FieldProblem['key']): FieldProblem => ({ targetId: 't', field: 't/n', severity: 'error', key });

describe('rate problems in the boxes\' words', () => {
  it.each<[FieldProblem['key'], { label: string; unit: string }, string]>([
    ['value.numerator_exceeds_denominator', poor, 'Số hộ nghèo không được lớn hơn tổng số hộ.'],
    ['value.zero_denominator', poor, 'Tổng số hộ phải lớn hơn 0.'],
    ['check.rate_incomplete', poor, 'Cần nhập cả số hộ nghèo và tổng số hộ.'],
    ['value.numerator_exceeds_denominator', conscripts, 'Số đạt không được lớn hơn tổng số.'],
    ['check.rate_incomplete', conscripts, 'Cần nhập cả số đạt và tổng số.'],
    ['value.negative', poor, 'Số liệu không được âm.'],
  ])('%s for "%s"', (key, target, text) => {
    expect(problemText(problem(key), target)).toBe(text);
  });
});
