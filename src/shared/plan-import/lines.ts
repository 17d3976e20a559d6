/**
 * Text in, lines out: normalisation (that keeps the line count, so a warning's line number is
 * the line the office sees highlighted), cleaning of one line for reading, list markers and
 * headings. Pure string work; the section structure is built in sections.ts.
 */

/**
 * Normalises pasted or extracted text without moving lines: CRLF/CR → LF, Unicode NFC (Word
 * and macOS may send decomposed Vietnamese), NBSP and other odd spaces → space, BOM and
 * zero-width characters removed. Line count equals the input's (counting CRLF, CR, LF).
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\u2028\u2029\v\f]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
}

export function splitLines(normalised: string): string[] {
  return normalised.split('\n');
}

/**
 * One line as the readers see it: Markdown emphasis from converters removed (`**43**`,
 * `*italic*`), tabs and runs of spaces collapsed, control characters dropped, trimmed.
 */
export function cleanLine(raw: string): string {
  return raw
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
    .replace(/\*+|__/g, '')
    .replace(/[\t ]+/g, ' ')
    .trim();
}

/** A share of characters that no text file has: NUL, other controls, U+FFFD from bad UTF-8. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.length === 0) return false;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) || c === 0xfffd || c === 0x7f) odd++;
  }
  return odd / sample.length > 0.02;
}

export interface ListItem {
  /** The numbering or bullet as written ("II.", "2.3.", "a)", "-"), or '' when none. */
  marker: string;
  /** 1 = Roman numeral or an article ("Điều 2."), 2 = "1.", 3 = "1.2." or "a)", 4 = bullet, 0 = none. */
  level: number;
  body: string;
}

/** "Điều 2. Chỉ tiêu thi đua": plans issued with a decision are laid out in articles. */
const ARTICLE_MARK = /^điều\s+\d{1,2}\s*[.:]\s*(?=\S)/iu;
const ROMAN_MARK = /^((?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.:/)-]\s*(?=\S)/;
const DECIMAL_NESTED = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)/;
const DECIMAL_MARK = /^(\d{1,2})\s*[.)/]\s*(?=\D)/;
const LETTER_MARK = /^([a-zđ])\s*[).]\s+(?=\S)/;
const BULLET_MARK = /^([-–—+•·●○▪■◦*]|\.{1,2})\s*(?=\S)/;

/** Splits off the leading numbering or bullet of a cleaned line. */
export function listItem(line: string): ListItem {
  let m = ROMAN_MARK.exec(line);
  if (m && m[1]) return { marker: m[0].trim(), level: 1, body: line.slice(m[0].length) };
  if ((m = ARTICLE_MARK.exec(line))) return { marker: m[0].trim(), level: 1, body: line.slice(m[0].length) };
  if ((m = DECIMAL_NESTED.exec(line))) return { marker: m[0].trim(), level: 3, body: line.slice(m[0].length) };
  if ((m = DECIMAL_MARK.exec(line))) return { marker: m[0].trim(), level: 2, body: line.slice(m[0].length) };
  if ((m = LETTER_MARK.exec(line))) return { marker: m[0].trim(), level: 3, body: line.slice(m[0].length) };
  if ((m = BULLET_MARK.exec(line))) return { marker: m[0].trim(), level: 4, body: line.slice(m[0].length) };
  return { marker: '', level: 0, body: line };
}

/** Lowercase without Vietnamese diacritics, for keyword tests that must survive sloppy typing. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/** True when the letters of a line are all capitals ("II. CHỈ TIÊU THI ĐUA", "KẾ HOẠCH"). */
export function isUpperCaseLine(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}
