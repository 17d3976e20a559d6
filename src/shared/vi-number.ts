/**
 * Vietnamese numbers, read and written. Documents write `6.294,3` (dot groups thousands, comma
 * is the decimal mark); people type on keypads that may only offer "." — so there is one strict
 * reader for documents, one lenient reader for what a person types, and one writer for both.
 * Nothing here guesses silently: a string that is not clearly a number reads as null.
 */

const SPACES = /[\s\u00a0\u202f\u2009]+/g;
/** Unicode minus and dashes a Word document may put in front of a number. */
const MINUS = /^[-\u2212\u2013]/;

/** `-`, digits grouped by dots in threes (or not grouped at all), then an optional `,decimals`. */
const STRICT = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

function toNumber(sign: string | undefined, intDigits: string, fracDigits: string | undefined): number | null {
  const text = `${sign ?? ''}${intDigits}${fracDigits ? `.${fracDigits}` : ''}`;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads a number written the Vietnamese document way: `.` groups thousands, `,` is the decimal
 * mark. A dot that is not followed by exactly three digits is not a grouping, so `12.34` is
 * not a number here (use {@link parseTypedNumber} for what people type).
 *
 * @example parseViNumber('6.294,3') // 6294.3
 * @example parseViNumber('01') // 1
 * @example parseViNumber('12.34') // null
 */
export function parseViNumber(text: string): number | null {
  const m = STRICT.exec(text.trim().replace(MINUS, '-'));
  if (!m) return null;
  return toNumber(m[1], m[2]!.replaceAll('.', ''), m[3]);
}

export type TypedReading = 'grouped' | 'decimal' | 'plain';

export interface TypedNumber {
  value: number;
  /**
   * How the separators were read, so the screen can show the number back as understood:
   * `grouped` — some dots were thousands groupings (`1.110`, `6.294,3`);
   * `decimal` — one mark was read as the decimal point (`2.5`, `2,5`);
   * `plain` — digits only.
   */
  reading: TypedReading;
}

const TYPED_GROUPED = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const TYPED_DECIMAL = /^(\d*)[.,](\d+)$/;
const TYPED_PLAIN = /^\d+$/;

/**
 * Reads what a person typed, leniently, for Android numeric keypads that may only offer ".".
 * Rules, in order: spaces are ignored; a dot followed by exactly three digits groups thousands
 * (`1.110` → 1110, `1.110.500` → 1110500, `1.110,5` → 1110.5); otherwise a single `.` or `,`
 * is the decimal mark (`2.5`, `2,5`, `.5`). Anything else — two decimal marks, English
 * `1,110.5`, letters, exponents — is null.
 *
 * @example parseTypedNumber('2.5') // { value: 2.5, reading: 'decimal' }
 * @example parseTypedNumber('1.110') // { value: 1110, reading: 'grouped' }
 */
export function parseTypedNumber(text: string): TypedNumber | null {
  let s = text.replace(SPACES, '');
  let sign = '';
  if (MINUS.test(s)) {
    sign = '-';
    s = s.slice(1);
  }
  if (s === '') return null;
  let m: RegExpExecArray | null;
  if (TYPED_PLAIN.test(s)) {
    const value = toNumber(sign, s, undefined);
    return value === null ? null : { value, reading: 'plain' };
  }
  if ((m = TYPED_GROUPED.exec(s))) {
    const value = toNumber(sign, m[1]!.replaceAll('.', ''), m[2]);
    return value === null ? null : { value, reading: 'grouped' };
  }
  if ((m = TYPED_DECIMAL.exec(s))) {
    const value = toNumber(sign, m[1] || '0', m[2]);
    return value === null ? null : { value, reading: 'decimal' };
  }
  return null;
}

const ENGLISH_DECIMAL = /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/;
const ENGLISH_GROUPED = /^\d{1,3}(?:,\d{3}){2,}$/;

/**
 * A number typed the English way, which {@link parseTypedNumber} refuses: `6,294.3` (comma
 * groups, dot decimal) or `1,110,500` (comma groups only). Read only to tell the person how to
 * type it ("Dùng dấu phẩy cho số thập phân: 6.294,3"), never taken as the value: `1,110` alone
 * is ambiguous and stays the decimal 1,11.
 *
 * @example readEnglishNumber('6,294.3') // { value: 6294.3, kind: 'decimal' }
 * @example readEnglishNumber('2,5') // null
 */
export function readEnglishNumber(text: string): { value: number; kind: 'decimal' | 'grouping' } | null {
  let s = text.replace(SPACES, '');
  let sign = '';
  if (MINUS.test(s)) {
    sign = '-';
    s = s.slice(1);
  }
  let m: RegExpExecArray | null;
  if ((m = ENGLISH_DECIMAL.exec(s))) {
    const value = toNumber(sign, m[1]!.replaceAll(',', ''), m[2]);
    return value === null ? null : { value, kind: 'decimal' };
  }
  if (ENGLISH_GROUPED.test(s)) {
    const value = toNumber(sign, s.replaceAll(',', ''), undefined);
    return value === null ? null : { value, kind: 'grouping' };
  }
  return null;
}

const formatters = new Map<number, Intl.NumberFormat>();

/**
 * Writes a number the Vietnamese way (`6.294,3`, `1.110`). By default every significant
 * fraction digit is kept, so `parseViNumber(formatViNumber(x)) === x`; screens pass
 * `maximumFractionDigits` to round for display.
 *
 * @example formatViNumber(6294.3) // '6.294,3'
 * @example formatViNumber(2 / 3, { maximumFractionDigits: 1 }) // '0,7'
 */
export function formatViNumber(value: number, opts: { maximumFractionDigits?: number } = {}): string {
  const digits = opts.maximumFractionDigits ?? 20;
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, useGrouping: true });
    formatters.set(digits, f);
  }
  return f.format(value);
}

/**
 * Writes a percentage given in percent points (not a 0–1 ratio): `96` → `96%`,
 * `95.5` → `95,5%`. Rounded to two decimals by default.
 *
 * @example formatPercent(95.5) // '95,5%'
 */
export function formatPercent(percent: number, opts: { maximumFractionDigits?: number } = {}): string {
  return `${formatViNumber(percent, { maximumFractionDigits: opts.maximumFractionDigits ?? 2 })}%`;
}
