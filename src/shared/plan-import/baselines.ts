/**
 * Figures a plan states that are not commitments, and subjects whose figures must fall:
 * - a **baseline** ("số hộ nghèo đầu năm là 120 hộ", "năm 2023 đạt 55 triệu đồng") is where the
 *   commune starts from; it is warned about on its line, never proposed as a target, and its
 *   subject names the target that follows it ("…, phấn đấu giảm còn 80 hộ");
 * - poverty, malnutrition, crime and accident figures are ceilings ("at most") even when the
 *   line says no comparator ("Tai nạn giao thông: 3 vụ"): nobody plans more of them.
 */

/** The words before a figure that make it a starting point. Years are compared with the plan's. */
const BASELINE_CUE = /(?<!\p{L})(đầu năm|năm trước|năm qua|cùng kỳ|hiện nay|hiện có|hiện tại|tính đến nay|đến nay|thời điểm hiện tại)(?!\p{L})/iu;
const YEAR_BEFORE_FIGURE = /(?<!\p{L})năm\s+((?:19|20)\d\d)(?!\d)\s*(?:[:,]|\s(?:đạt|đạt được|là|có|được|toàn xã|cả xã|xã))/giu;
const YEAR = /(?<!\p{L})năm\s+((?:19|20)\d\d)(?!\d)/giu;
/** "phấn đấu", "đến cuối năm", "năm 2024": what turns the text back to the plan's commitments. */
const COMMITMENT_CUE = /(?<!\p{L})(phấn đấu|đến cuối năm|cuối năm|kế hoạch|chỉ tiêu|mục tiêu)(?!\p{L})/iu;

/**
 * Whether the figure after `before` (the words of its own clause up to the figure) is a
 * baseline. `planYear` is the plan's year when the header gave one; without it, a year counts
 * as past only when a later year follows in the same line ("Năm 2023 đạt …; năm 2024 …").
 */
export function isBaseline(before: string, line: string, planYear: number | null): boolean {
  if (COMMITMENT_CUE.test(before)) return false;
  if (BASELINE_CUE.test(before)) return true;
  if (!/năm/iu.test(before)) return false;
  const years = [...before.matchAll(YEAR_BEFORE_FIGURE)].map((m) => Number(m[1]));
  const stated = years.at(-1);
  if (stated === undefined) return false;
  if (planYear !== null) return stated < planYear;
  const later = [...line.matchAll(YEAR)].map((m) => Number(m[1]));
  return later.some((y) => y > stated);
}

/** The baseline's subject without its time words: "Số hộ nghèo đầu năm là" → "Số hộ nghèo". */
export function baselineSubject(label: string): string {
  const rest = label
    .replace(/(?<!\p{L})(đầu năm|năm trước|năm qua|cùng kỳ|hiện nay|hiện có|hiện tại|tính đến nay|đến nay|năm\s+(19|20)\d\d(?!\d))(?!\p{L})/giu, ' ')
    .replace(/^[\s,:;]*((toàn|cả)\s+xã\s+)?(có|là|đạt)?(?!\p{L})/iu, '')
    .replace(/[\s,:;]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  return rest ? rest[0]!.toUpperCase() + rest.slice(1) : rest;
}

/** Subjects counted down: poverty, malnutrition, crime, accidents, fires, dropping out… */
const FALLING_SUBJECT = /(?<!\p{L})(hộ nghèo|nghèo đa chiều|cận nghèo|tỷ lệ nghèo|suy dinh dưỡng|thấp còi|tội phạm|phạm pháp|phạm tội|tai nạn|vụ cháy|cháy rừng|cháy nổ|tệ nạn|ma túy|ma tuý|nghiện|bỏ học|tảo hôn|hôn nhân cận huyết|bạo lực gia đình|sinh con thứ (3|ba)|tử vong|đuối nước|vi phạm|khiếu kiện|đơn thư vượt cấp|ô nhiễm)(?!\p{L})/iu;
/** …unless the subject is getting out of it ("thoát nghèo") or the help against it. */
const COUNTED_UP = /(?<!\p{L})(thoát nghèo|giảm nghèo|hỗ trợ|giúp|xóa|xoá|phòng chống|phòng, chống|tuyên truyền|cai nghiện|giải quyết|xử lý|phát hiện|triệt phá|bắt giữ|vận động|xây dựng)(?!\p{L})/iu;

export function isFallingSubject(label: string): boolean {
  return FALLING_SUBJECT.test(label) && !COUNTED_UP.test(label);
}

/** A bare "Chỉ tiêu", "Chỉ tiêu 3", "Mục tiêu số 2": a numbering, not a name. */
export const BARE_LABEL = /^\s*(chỉ tiêu|mục tiêu|nhiệm vụ|nội dung)(\s+(số\s+)?[\d.]+)?\s*[:.]?\s*$/iu;
