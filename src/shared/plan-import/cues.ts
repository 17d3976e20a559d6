/**
 * What a figure means from the words around it: the comparator ("trở lên", "dưới", "giảm còn",
 * "không quá"), whether it is a change BY the figure ("tăng", "giảm"), the measure (rate,
 * x-of-y, rank, quantity) and the area the words name. See targets.ts for the "giảm X%" rule.
 */
import type { Area, Comparator, Measure } from '../schemas/targets';
import type { Mention } from './mentions';

export interface Cue {
  comparator: Comparator;
  /** up/down: grows or falls BY the figure; ceiling: a lowering read as "at most" (unsure). */
  change: 'up' | 'down' | 'ceiling' | null;
  /** No word near the figure said which way: "at least" is only the default. */
  implicit?: boolean;
}

/** The comparator from the words nearest the figure (before it, then "trở lên" after it). */
export function comparatorOf(before: string, after: string, clauseStart: string, isRange: boolean): Cue {
  if (isRange) return { comparator: 'range', change: /tăng\s*(khoảng|từ)?\s*$/iu.test(before) ? 'up' : null };
  const a = after.toLowerCase();
  const b = before.toLowerCase().replace(/[\s:]+$/u, '').replace(/\s*(khoảng|chừng|ước|xấp xỉ|trên dưới)$/u, '');
  let cue: Cue | null = null;
  if (/không\s+(dưới|thấp hơn|ít hơn|kém)$/u.test(b)) cue = { comparator: 'atLeast', change: null };
  else if (/không\s+(trên|cao hơn|nhiều hơn|vượt)$/u.test(b)) cue = { comparator: 'atMost', change: null };
  else if (/(<|≤|dưới|không quá|không vượt quá|tối đa|còn|xuống|thấp hơn|ít hơn)$/u.test(b)) cue = { comparator: 'atMost', change: null };
  else if (/(>|≥|trên|hơn|ít nhất|tối thiểu|từ|đạt|đạt được|được|là)$/u.test(b)) cue = { comparator: 'atLeast', change: null };
  else if (/(giảm|hạ|kéo giảm)(\s+(thêm|được))?$/u.test(b)) cue = { comparator: 'atLeast', change: 'down' };
  else if (/tăng(\s+(thêm|được))?$/u.test(b)) cue = { comparator: 'atLeast', change: 'up' };
  if (/^\s*[.,]?\s*trở xuống/u.test(a)) return { comparator: 'atMost', change: null };
  if (/^\s*[.,]?\s*trở lên/u.test(a)) return { comparator: 'atLeast', change: cue?.change ?? null };
  if (cue) return cue;
  // A clause that starts by lowering: "Hạ tỷ lệ hộ nghèo: 27%" (a list, the figure is the level
  // to reach) sets a ceiling; "Giảm tỷ lệ hộ nghèo 1,5%" (no colon) lowers BY the figure.
  if (/^(hạ|giảm|kéo giảm)(?!\p{L})/iu.test(clauseStart)) {
    return /:\s*$/u.test(before) ? { comparator: 'atMost', change: 'ceiling' } : { comparator: 'atLeast', change: 'down' };
  }
  return { comparator: 'atLeast', change: null, implicit: true };
}

export function measureOf(mention: Mention, cue: Cue, label: string): Measure {
  if (mention.outOf !== null) return 'xOfY';
  if (mention.unit === 'bậc' || mention.unit === 'hạng' || /xếp hạng|thứ hạng/iu.test(label)) return 'rank';
  if (mention.unit === '%' && (cue.change === null || cue.change === 'ceiling') && !/tăng trưởng|tốc độ/iu.test(label)) return 'rate';
  return 'quantity';
}

const AREA_WORDS: Array<[Area, RegExp]> = [
  ['defense', /(?<!\p{L})(quân sự|quân đội|giao quân|tuyển quân|nhập ngũ|dân quân|quốc phòng|an ninh|trật tự|tội phạm|ma túy|ma tuý|phòng cháy|công an)(?!\p{L})/iu],
  ['economy', /(?<!\p{L})(thu nhập|sản lượng|lương thực|diện tích|gieo trồng|rừng|gia súc|gia cầm|chăn nuôi|ngân sách|nông thôn mới|ntm|doanh nghiệp|pci|papi|kinh tế|sản xuất|giao thông|vốn|quyền sử dụng đất|ocop|năng suất|du lịch|doanh thu|thương mại|dịch vụ|đàn (heo|lợn|bò|trâu|dê|gà|vịt))(?!\p{L})/iu],
  ['society', /(?<!\p{L})(tiêm chủng|vắc xin|nghèo|bhyt|bảo hiểm|y tế|trẻ em|suy dinh dưỡng|dân số|văn hóa|văn hoá|giáo dục|trường|học sinh|lao động|đào tạo|nước|vệ sinh|điện|truyền hình|gia đình|nhà|môi trường|phụ nữ|người cao tuổi|chính sách|hộ)(?!\p{L})/iu],
];

export function areaOf(text: string): Area {
  for (const [area, re] of AREA_WORDS) if (re.test(text)) return area;
  return 'other';
}