/**
 * A rate's two boxes are named by what they count, from the target (issue 10). The labels
 * are real ones, copied from the plans in test/fixtures/plans/ and the demo plan.
 */
import { describe, expect, it } from 'vitest';
import { ratePartLabels } from '../../src/shared/rate-parts';

describe('ratePartLabels', () => {
  it.each<[string, string | null, string, string]>([
    // xa-binh-luong-2024.txt / the demo plan
    ['Hạ tỷ lệ hộ nghèo còn dưới', '%', 'Số hộ nghèo', 'Tổng số hộ'],
    ['- Hạ tỷ lệ hộ nghèo còn dưới\t27 %', '%', 'Số hộ nghèo', 'Tổng số hộ'],
    ['Hạ tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng', '%', 'Số trẻ em dưới 5 tuổi suy dinh dưỡng', 'Tổng số trẻ em dưới 5 tuổi'],
    ['Tỷ lệ hộ dân tham gia BHYT', '%', 'Số hộ dân tham gia BHYT', 'Tổng số hộ dân'],
    ['Tỷ lệ hộ sử dụng điện lưới quốc gia:', '%', 'Số hộ sử dụng điện lưới quốc gia', 'Tổng số hộ'],
    ['Tỷ lệ hộ dùng nước sinh hoạt hợp vệ sinh: 99% trở lên', '%', 'Số hộ dùng nước sinh hoạt hợp vệ sinh', 'Tổng số hộ'],
    ['Tỷ lệ thôn, làng văn hóa', '%', 'Số thôn, làng văn hóa', 'Tổng số thôn, làng'],
    ['Tỷ lệ gia đình văn hóa', '%', 'Số gia đình văn hóa', 'Tổng số gia đình'],
    // xa-ia-dom-2024.txt (a table: label, unit, figure)
    ['Tỷ lệ người dân tham gia BHYT', '%', 'Số người dân tham gia BHYT', 'Tổng số người dân'],
    // unseen-xa-ea-tul-2025.txt and others: the figure and the direction are in the sentence
    ['a) Tỷ lệ hộ nghèo giảm còn dưới 4,5%, giảm 40 hộ nghèo so với đầu năm', '%', 'Số hộ nghèo', 'Tổng số hộ'],
    ['c) Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân còn dưới 12%', '%', 'Số trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân', 'Tổng số trẻ em dưới 5 tuổi'],
    ['Tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn', '%', 'Số hộ được sử dụng nước sạch theo quy chuẩn', 'Tổng số hộ'],
    ['- Tỷ lệ thôn đạt danh hiệu văn hóa **100%**', '%', 'Số thôn đạt danh hiệu văn hóa', 'Tổng số thôn'],
    [
      '- Tỷ lệ khu dân cư, cơ quan, trường học đạt tiêu chuẩn an toàn về an ninh trật tự đạt **100%**',
      '%',
      'Số khu dân cư, cơ quan, trường học đạt tiêu chuẩn an toàn về an ninh trật tự',
      'Tổng số khu dân cư, cơ quan, trường học',
    ],
    ['• Tỷ lệ hộ nghèo giảm 3% (giảm 62 hộ), hộ cận nghèo còn dưới 6%', '%', 'Số hộ nghèo', 'Tổng số hộ'],
    ['Tỉ lệ hộ gia đình có nhà tiêu hợp vệ sinh', '%', 'Số hộ gia đình có nhà tiêu hợp vệ sinh', 'Tổng số hộ gia đình'],
    // No "tỷ lệ", but the unit counts something
    ['Hộ gia đình văn hóa', 'hộ', 'Số hộ đạt', 'Tổng số hộ'],
    // Nothing says what is counted: the generic words, not a guess
    ['Hạ tỷ lệ tăng dân số tự nhiên xuống dưới', '%', 'Số đạt', 'Tổng số'],
    ['- Tỷ lệ giao quân đạt **100%**', '%', 'Số đạt', 'Tổng số'],
    ['- Tỷ lệ bao phủ bảo hiểm y tế đạt **100%**', '%', 'Số đạt', 'Tổng số'],
    ['Hoàn thành chỉ tiêu', '%', 'Số đạt', 'Tổng số'],
    ['', null, 'Số đạt', 'Tổng số'],
  ])('%s (%s)', (label, unit, numerator, denominator) => {
    const parts = ratePartLabels(label, unit);
    expect([parts.numerator, parts.denominator]).toEqual([numerator, denominator]);
    expect(parts.derived).toBe(numerator !== 'Số đạt');
  });

  it('does not take "hội viên" for "hộ" (a word, not a prefix)', () => {
    expect(ratePartLabels('Tỷ lệ hội viên tham gia sinh hoạt', '%')).toMatchObject({ numerator: 'Số hội viên tham gia sinh hoạt', denominator: 'Tổng số hội viên' });
    expect(ratePartLabels('Tỷ lệ hộinghị', '%').derived).toBe(false);
  });
});
