/**
 * Units of measure that follow a figure in a plan: the counting nouns and measures of
 * Vietnamese administrative writing ("con", "hộ", "ha", "triệu đồng", "tiêu chí", "lần/năm").
 * A figure followed by a word from TIME_WORDS ("94 năm", "5 tuổi", "8 giờ") is a duration, an
 * age or a date, never a target. Unknown words are reported as unsure, not accepted silently.
 */

/** Longest first, so "cụm dân cư" wins over "cụm" and "triệu đồng" over "đồng". */
const UNITS = [
  // money
  'triệu đồng', 'tỷ đồng', 'tỉ đồng', 'nghìn đồng', 'ngàn đồng', 'đồng', 'usd',
  // area, length, mass, volume
  'ha', 'hecta', 'héc-ta', 'héc ta', 'm²', 'm2', 'm³', 'm3', 'km', 'mét', 'm', 'tấn', 'tạ', 'kg', 'lít',
  // people and households
  'hộ gia đình', 'hộ dân', 'hộ', 'gia đình', 'người dân', 'người', 'nhân khẩu', 'lao động', 'học sinh', 'sinh viên',
  'thanh niên', 'nông dân', 'phụ nữ', 'lượt khách', 'khách', 'tập thể', 'cá nhân', 'đoàn viên', 'hội viên', 'đảng viên', 'cán bộ', 'công chức', 'viên chức', 'cháu', 'trẻ em', 'trẻ',
  'em', 'bác sĩ', 'giáo viên', 'chiến sĩ', 'tân binh', 'lượt người', 'lượt', 'gương', 'phần việc',
  // animals, plants, goods
  'con', 'cây', 'cá thể', 'sản phẩm', 'chiếc', 'cái', 'bộ', 'suất', 'phần quà', 'xuất', 'giường bệnh', 'giường',
  // places and organisations
  'cụm dân cư', 'khu dân cư', 'tổ dân phố', 'thôn', 'làng', 'bản', 'buôn', 'ấp', 'xóm', 'tổ', 'xã', 'cụm',
  'trường', 'lớp', 'phòng học', 'phòng', 'nhà văn hóa', 'nhà', 'căn nhà', 'căn', 'ngôi nhà', 'công trình', 'tuyến đường', 'tuyến',
  'hợp tác xã', 'htx', 'tổ hợp tác', 'doanh nghiệp', 'cơ sở', 'câu lạc bộ', 'clb', 'mô hình', 'dự án', 'điểm', 'chi hội', 'chi bộ',
  // events, counts, criteria
  'lần', 'đợt', 'buổi', 'cuộc', 'hội nghị', 'lớp tập huấn', 'chương trình', 'tin bài', 'tin', 'bài', 'sáng kiến', 'đề tài', 'vụ', 'vụ việc', 'hồ sơ', 'đơn',
  'tiêu chí', 'chỉ tiêu', 'bậc', 'hạng', 'phần trăm',
].sort((a, b) => b.length - a.length);

/** Words after a figure that make it a time, an age, an order, a rating ("OCOP 3 sao") or a slogan ("5 không, 3 sạch"), not a target. */
const TIME_WORDS = /^(năm|tháng|ngày|tuần|giờ|phút|giây|tuổi|quý|thế kỷ|nhiệm kỳ|khóa|khoá|lần thứ|thứ|kỳ|không|sạch|sao)(?![\p{L}\p{N}])/iu;
/** Function words: a figure followed by one has no unit. */
const STOP_WORDS = /^(và|với|của|trên|dưới|trong|tại|ở|so|là|được|đã|có|cho|các|những|đến|từ|theo|trở|tăng|giảm|đạt|thuộc|về|mà|thì|khi|này|đó|như|hoặc|hay|gồm|bao|vào|ra|lên|xuống|nữa|cũng|đều|hơn|còn|trở lên)(?![\p{L}\p{N}])/iu;

/** Units that count things a person can tick in a register: kept in a label ("hộ cứng hóa sân"). */
export const COUNT_NOUNS = new Set(['hộ', 'hộ gia đình', 'hộ dân', 'nhà', 'thôn', 'làng', 'người', 'lao động', 'học sinh', 'gia đình', 'cụm dân cư', 'khu dân cư', 'mô hình', 'công trình', 'câu lạc bộ', 'trường']);

export interface UnitMatch {
  unit: string;
  /** Characters consumed after the figure (spaces included). */
  length: number;
  known: boolean;
}

/**
 * The unit right after a figure, or null. `rest` is the text after the figure. Compound units
 * keep their per-parts ("kg/người/năm", "lần/năm", "triệu đồng/người/năm").
 */
export function unitAt(rest: string): UnitMatch | null | 'time' {
  const lead = /^\s*/.exec(rest)![0].length;
  const s = rest.slice(lead);
  if (s.startsWith('%')) {
    // "giảm 1,5-2%/năm": a yearly change, not a share.
    const yearly = /^%\s*\/\s*năm(?!\p{L})/u.exec(s);
    return yearly ? { unit: '%/năm', length: lead + yearly[0].length, known: true } : { unit: '%', length: lead + 1, known: true };
  }
  const lower = s.slice(0, 40).toLowerCase();
  if (TIME_WORDS.test(lower) && !/^(năm|tháng)\s*\//.test(lower)) return 'time';
  for (const u of UNITS) {
    if (lower.startsWith(u) && !/[\p{L}\p{N}]/u.test(lower.charAt(u.length))) {
      let length = lead + u.length;
      let unit = u === 'phần trăm' ? '%' : u === 'tỉ đồng' ? 'tỷ đồng' : u;
      // Per-parts: "/người/năm", "/ năm".
      const per = /^(\s*\/\s*[\p{L}]+[²³23]?(?:\s[\p{L}]+)?)+/u.exec(s.slice(u.length));
      if (per && !/\/\s*(?:KH|QĐ|NQ|CT|UBND|TTg)/u.test(per[0])) {
        unit += per[0].replace(/\s*\/\s*/g, '/').trimEnd();
        length += per[0].length;
      }
      return { unit, length, known: true };
    }
  }
  // A quoted name after the figure: `06 "Làng văn hóa"` counts villages.
  const q = /^[“"«]\s*/.exec(s);
  if (q) {
    const inner = s.slice(q[0].length, q[0].length + 40).toLowerCase();
    const closer = s[0] === '“' ? '”' : s[0] === '«' ? '»' : '"';
    const close = s.indexOf(closer, 1);
    for (const u of UNITS) {
      if (inner.startsWith(u) && !/[\p{L}\p{N}]/u.test(inner.charAt(u.length))) {
        return { unit: u, length: lead + (close > 0 && close < 80 ? close + 1 : 0), known: true };
      }
    }
    return null;
  }
  if (STOP_WORDS.test(lower)) return null;
  const word = /^\p{Ll}[\p{L}]*/u.exec(s);
  if (word) return { unit: word[0], length: lead + word[0].length, known: false };
  return null;
}
