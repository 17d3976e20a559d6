/**
 * Figures that are never targets, hidden before targets are read: numbers inside quoted names
 * ("5 không, 3 sạch"), document numbers (02/CT-UBND, 91/2017/NĐ-CP, Covid-19), full dates,
 * "ngày … tháng … năm …", years after "năm", and identifiers ("tiêu chí số 17", "số 1 và số 15", "chuẩn quốc gia mức độ 1").
 * Digits are replaced by '#', so the masked text keeps every index of the original: labels and
 * units are cut from the original with positions found in the masked one.
 */

function hideDigits(s: string): string {
  return s.replace(/\d/g, '#');
}

function maskMatches(text: string, re: RegExp): string {
  return text.replace(re, (m) => hideDigits(m));
}

/** Spans inside quotes (“…”, «…», "…", ‘…’), as [start, end) pairs. */
export function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open < 0) {
      if (c === '“') (open = i), (closer = '”');
      else if (c === '«') (open = i), (closer = '»');
      else if (c === '"') (open = i), (closer = '"');
      else if (c === '‘') (open = i), (closer = '’');
    } else if (c === closer) {
      spans.push([open, i + 1]);
      open = -1;
    }
  }
  // An unclosed quote hides nothing: better a warning later than a lost target.
  return spans;
}

const DOC_REF = /[\p{L}\p{N}]*\d[\p{L}\p{N}]*(?:\s?[/\-–]\s?[\p{L}\p{N}]+)+/gu;
const FULL_DATE = /(?<!\d)\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{2,4}(?!\d)/g;
const WORDED_DATE = /ngày\s+\d{1,2}(?:\s*(?:tháng|\/)\s*\d{1,2})?(?:\s*(?:năm|\/)\s*\d{2,4})?|tháng\s+\d{1,2}(?:\s*(?:năm|\/)\s*\d{4})?|năm\s+\d{4}|(?<!\p{L})(?:giai đoạn|nhiệm kỳ)\s+\d{4}\s*[-–]\s*\d{4}/giu;
// "dân số 1.200 người", "tổng số 450 hộ" are counts, and "1.200" (a thousands group) is never a numbering.
const IDENTIFIER = /(?<![\p{L}])(?<!(?:dân|tổng|hệ)\s)(?:số|thứ|điều|khoản|mục|chương|phần|tiêu chí|chỉ tiêu|lần thứ|khóa|khoá|mức độ|cấp độ)\s+(?!\d{1,3}\.\d{3}(?!\d))\d+(?:\.\d+)*(?:\s*(?:,|và|-)\s*(?:số\s+)?\d+(?:\.\d+)*)*/giu;

/** The text with every never-a-target figure turned into '#'. Same length as the input. */
export function maskNonTargets(text: string): string {
  let m = text;
  for (const [a, b] of quotedSpans(text)) m = m.slice(0, a) + hideDigits(m.slice(a, b)) + m.slice(b);
  // Document numbers: a token with a digit and a capital letter joined by / or - ("02/CT-UBND").
  m = m.replace(DOC_REF, (tok) => (/\p{Lu}/u.test(tok) ? hideDigits(tok) : tok));
  m = maskMatches(m, FULL_DATE);
  m = maskMatches(m, WORDED_DATE);
  m = maskMatches(m, IDENTIFIER);
  return m;
}
