/**
 * A chosen household list as a table, in the browser: .xlsx through exceljs, fetched only
 * when an .xlsx is chosen (a large library, office-only), the first sheet, its first
 * non-empty row as the header; anything else as CSV text (UTF-8, or UTF-16 by its BOM).
 */
import { decodeText } from '../import/read-file';
import { parseCsv, type Table } from './import-model';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return String(v.result);
  }
  return String(value);
}

export async function readTable(file: File): Promise<Table> {
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) return parseCsv(decodeText(bytes));
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer);
  const sheet = book.worksheets[0];
  const lines: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value).trim()));
    lines.push(Array.from(cells, (c) => c ?? ''));
  });
  const [headers = [], ...rows] = lines;
  return { headers, rows };
}
