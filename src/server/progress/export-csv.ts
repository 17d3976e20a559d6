/**
 * The progress figures as CSV: RFC 4180 (CRLF, fields quoted when they hold a quote, comma or
 * line break), UTF-8 with a BOM (Excel reads Vietnamese right only then), `.` as the decimal
 * mark, named columns, one row per target and unit.
 */
import { EXPORT_COLUMNS, type ExportRow } from './export-table';

/** Text that Excel would run as a formula (=, +, -, @) is kept as text with a leading apostrophe. */
function textField(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function field(value: string | number | null): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : textField(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function progressCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.map((c) => field(c.header)).join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => field(row[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
