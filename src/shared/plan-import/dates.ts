/**
 * Dates as plans write them: `25/6/2024`, `01/01`, `25-6-2024`, `ngày 25 tháng 6 năm 2024`,
 * `hết tháng 6`. A date without a year takes the plan's year. Impossible dates (31/02) are null,
 * never rolled over into the next month.
 */

export interface FoundDate {
  /** `YYYY-MM-DD`, or null when the parts do not make a real date. */
  iso: string | null;
  start: number;
  end: number;
  /** Whether the text gave the year (else the default year was used). */
  hasYear: boolean;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(y: string | undefined, fallback: number | null): number | null {
  if (!y) return fallback;
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

// Either "d/m(/y)" or "ngày d tháng m (năm y)" or "hết tháng m (năm y)".
const DATE = /(?<![\d/])(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}|\d{2}))?(?![\d/])|(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|\/)\s*(\d{4}))?|hết\s+tháng\s+(\d{1,2})(?:\s*(?:năm|\/)\s*(\d{4}))?/giu;

/** All dates in a text, in order. */
export function findDates(text: string, defaultYear: number | null): FoundDate[] {
  const out: FoundDate[] = [];
  const re = new RegExp(DATE.source, DATE.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let iso: string | null = null;
    let hasYear = false;
    if (m[1] !== undefined) {
      // "1.110" and "8-9" are numbers, not dates: a dot or dash date needs its year.
      if (!m[0].includes('/') && m[3] === undefined) continue;
      hasYear = m[3] !== undefined;
      const y = fullYear(m[3], defaultYear);
      iso = y === null ? null : isoDate(y, Number(m[2]), Number(m[1]));
    } else if (m[4] !== undefined) {
      hasYear = m[6] !== undefined;
      const y = fullYear(m[6], defaultYear);
      iso = y === null ? null : isoDate(y, Number(m[5]), Number(m[4]));
    } else if (m[7] !== undefined) {
      hasYear = m[8] !== undefined;
      const y = fullYear(m[8], defaultYear);
      const month = Number(m[7]);
      iso = y === null || month < 1 || month > 12 ? null : isoDate(y, month, new Date(Date.UTC(y, month, 0)).getUTCDate());
    }
    out.push({ iso, start: m.index, end: m.index + m[0].length, hasYear });
  }
  return out;
}
