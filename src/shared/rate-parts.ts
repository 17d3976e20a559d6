/**
 * What the two boxes of a rate count, in the target's own words (issue 10): "Hạ tỷ lệ hộ
 * nghèo" asks "Số hộ nghèo" / "Tổng số hộ", not "Số đạt" / "Tổng số", which village heads read
 * as "achieved / total" and filled the wrong way round. Derived from the target's label
 * (the phrase after "tỷ lệ", cut before the figure and the comparison) and its unit (a unit
 * that counts something, "hộ", names the whole when the label has no "tỷ lệ"). When neither
 * says what is counted, the generic words stay: a wrong guess would be worse. Shared, so the
 * phone's boxes and messages and any office screen use the same words.
 */

export interface RatePartLabels {
  /** "Số hộ nghèo" */
  numerator: string;
  /** "Tổng số hộ" */
  denominator: string;
  /** False when the label said nothing usable and these are the generic words. */
  derived: boolean;
}

export const GENERIC_RATE_PARTS: RatePartLabels = { numerator: 'Số đạt', denominator: 'Tổng số', derived: false };

/** What a rate is a share of, longest first so "hộ gia đình" wins over "hộ". */
const POPULATIONS = [
  'hộ gia đình', 'hộ dân', 'hộ', 'người dân', 'người lao động', 'người', 'nhân khẩu', 'trẻ em', 'trẻ',
  'học sinh', 'lao động', 'phụ nữ', 'hội viên', 'đoàn viên', 'đảng viên', 'gia đình', 'thôn', 'làng',
  'buôn', 'bản', 'ấp', 'tổ dân phố', 'khu dân cư', 'cơ quan', 'trường học', 'trường', 'xã', 'doanh nghiệp',
];

/** Where the subject ends and the target's figure or direction begins. */
const CUTS: RegExp[] = [
  /\s*[:<>≤≥(].*$/u,
  /\s+(?:còn|xuống|giảm|tăng|lên|trên|so với|phấn đấu)(?:\s.*)?$/u,
  /\s+(?:đạt|dưới|từ)\s+[\d.,]+\s*%?(?!\s*tuổi).*$/u,
  /\s+[\d.,]+\s*%.*$/u,
  /\s+trở lên.*$/u,
];

const RATE_WORD = /(?:^|\s)t[ỷỉ] lệ\s+/iu;

function startsWithWord(text: string, word: string): boolean {
  if (!text.startsWith(word)) return false;
  const next = text.charAt(word.length);
  return next === '' || next === ' ' || next === ',';
}

/** "trẻ em dưới 5 tuổi suy dinh dưỡng" → "trẻ em dưới 5 tuổi"; "thôn, làng văn hóa" → "thôn, làng". */
function populationOf(subject: string): string | null {
  let rest = subject;
  const parts: string[] = [];
  for (;;) {
    const noun = POPULATIONS.find((p) => startsWithWord(rest, p));
    if (!noun) break;
    let part = noun;
    rest = rest.slice(noun.length);
    const age = /^ dưới \d+ tuổi/u.exec(rest);
    if (age) {
      part += age[0];
      rest = rest.slice(age[0].length);
    }
    parts.push(part);
    if (!rest.startsWith(', ')) break;
    rest = rest.slice(2);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "hộ nghèo" → "Hộ nghèo" (labels start a box; messages lowercase them again mid-sentence). */
const capital = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
/** The first letter only, so acronyms inside ("BHYT") keep their case. */
export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/**
 * @example ratePartLabels('Hạ tỷ lệ hộ nghèo còn dưới', '%') // { numerator: 'Số hộ nghèo', denominator: 'Tổng số hộ', derived: true }
 * @example ratePartLabels('Tỷ lệ giao quân', '%') // the generic words: no count named
 */
export function ratePartLabels(label: string, unit: string | null | undefined): RatePartLabels {
  const text = label.normalize('NFC').replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
  const m = RATE_WORD.exec(text);
  if (m) {
    let subject = text.slice(m.index + m[0].length);
    for (const cut of CUTS) subject = subject.replace(cut, '');
    subject = lowerFirst(subject.trim()); // "Hộ nghèo" in a heading; "BHYT" stays capital
    const population = subject ? populationOf(subject) : null;
    if (population) return { numerator: capital(`số ${subject}`), denominator: capital(`tổng số ${population}`), derived: true };
    return GENERIC_RATE_PARTS;
  }
  const u = unit?.normalize('NFC').trim().toLocaleLowerCase('vi');
  if (u && u !== '%' && populationOf(u) === u) return { numerator: capital(`số ${u} đạt`), denominator: capital(`tổng số ${u}`), derived: true };
  return GENERIC_RATE_PARTS;
}
