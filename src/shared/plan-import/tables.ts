/**
 * Targets written as a table ("TT | Chỉ tiêu | Đơn vị tính | Kế hoạch 2024"), in the three
 * shapes tables reach the importer: cells separated by tabs (pasted from Word), Markdown pipes
 * (converted documents), or one cell per paragraph (mammoth's raw text of a Word table). Each
 * row becomes a sentence the line reader understands — "Tổng sản lượng lương thực: 9.007,4 tấn"
 * — read against the row's own source line.
 */
import { fold } from './lines';
import { areaOfHeading, type LineInfo } from './sections';
import type { Area } from '../schemas/targets';

export interface TableReading {
  /** Source line number → the sentence to read for it. */
  rows: Map<number, { text: string; area: Area | null }>;
  /** Lines that are table cells already read with their row (or headers): not read alone. */
  consumed: Set<number>;
}

interface Columns {
  label: number;
  unit: number;
  value: number;
  count: number;
}

const LABEL_HEAD = /^(noi dung|chi tieu|ten chi tieu|cac chi tieu|noi dung chi tieu|linh vuc)/;
const UNIT_HEAD = /^(don vi tinh|dvt|don vi)$/;
const VALUE_HEAD = /(ke hoach|chi tieu|muc tieu|phan dau|nam \d{4}|gia tri|so luong|dang ky)/;
const PREFERRED_VALUE = /(ke hoach|phan dau|dang ky|chi tieu nam)/;

/** The columns a header row names, or null when the cells are not a target table's header. */
function headerColumns(cells: string[]): Columns | null {
  const f = cells.map((c) => fold(c.replace(/[*_]/g, '').trim()));
  const label = f.findIndex((c) => LABEL_HEAD.test(c));
  const unit = f.findIndex((c) => UNIT_HEAD.test(c));
  if (label < 0 || unit < 0) return null;
  // Only a row number column may come before the target's name.
  if (f.slice(0, label).some((c) => !/^(s?tt|so tt|so thu tu)\.?$/.test(c))) return null;
  // Figures come after the name of the target ("Chỉ tiêu | ĐVT | Kế hoạch 2025").
  const values = f.map((c, i) => (i > label && i !== unit && VALUE_HEAD.test(c) ? i : -1)).filter((i) => i >= 0);
  if (values.length === 0) return null;
  const preferred = values.filter((i) => PREFERRED_VALUE.test(f[i]!));
  const value = (preferred.length ? preferred : values)[(preferred.length ? preferred : values).length - 1]!;
  return { label, unit, value, count: cells.length };
}

/** Cells of a tab- or pipe-separated line, or null. */
export function cellsOf(raw: string): string[] | null {
  const line = raw.trim();
  if (line.startsWith('|') || (line.match(/\|/g)?.length ?? 0) >= 2) {
    const cells = line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    return cells.length >= 3 ? cells : null;
  }
  const tabs = raw.split('\t').map((c) => c.trim());
  return tabs.length >= 3 ? tabs : null;
}

function rowText(cells: string[], cols: Columns): string | null {
  const label = (cells[cols.label] ?? '').replace(/[*_]/g, '').trim();
  const unit = (cells[cols.unit] ?? '').replace(/[*_]/g, '').trim();
  const value = (cells[cols.value] ?? '').replace(/[*_]/g, '').trim();
  if (!label) return null;
  // "Trường đạt chuẩn quốc gia | Trường | 2 | Duy trì": a status in the plan's column.
  if (!/\d/.test(value)) return /^(duy trì|giữ vững|đạt|hoàn thành)(?!\p{L})/iu.test(value) ? `${value} ${label.charAt(0).toLowerCase()}${label.slice(1)}` : null;
  // The unit cell is appended unless the value cell already carries one ("95%", "≥ 90 %").
  const carries = /\d\s*(%|\p{L})/u.test(value);
  return `${label}: ${value}${unit && !carries ? ` ${unit.toLowerCase()}` : ''}`;
}

/** A row number cell: 1, 2, 1.1, I, a. */
const INDEX_CELL = /^([0-9]{1,2}(\.[0-9]{1,2})*|[IVX]{1,4}|[a-zđ])[.)]?$/iu;

const isSeparator = (cells: string[]) => cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '');

export function readTables(lines: LineInfo[]): TableReading {
  const rows = new Map<number, { text: string; area: Area | null }>();
  const consumed = new Set<number>();
  let cols: Columns | null = null;
  let area: Area | null = null;

  // Tab and pipe tables: one row per line.
  for (const l of lines) {
    const cells = cellsOf(l.raw);
    if (!cells) {
      if (l.text !== '') cols = null;
      continue;
    }
    const header = headerColumns(cells);
    if (header) {
      cols = header;
      area = null;
      consumed.add(l.no);
      continue;
    }
    if (!cols) continue;
    consumed.add(l.no);
    if (isSeparator(cells)) continue;
    const text = rowText(cells, cols);
    if (text) rows.set(l.no, { text, area });
    else area = areaOfHeading(cells.join(' ')) ?? area;
  }

  // One cell per paragraph (blank lines between): a header of short cells, then rows of as many.
  const filled = lines.filter((l) => l.text !== '');
  for (let i = 0; i < filled.length; i++) {
    if (consumed.has(filled[i]!.no)) continue;
    for (let n = 3; n <= 6 && i + n <= filled.length; n++) {
      const head = filled.slice(i, i + n);
      if (head.some((h) => h.text.length > 40 || INDEX_CELL.test(h.text))) break;
      const c = headerColumns(head.map((h) => h.text));
      if (!c || c.count !== n) continue;
      head.forEach((h) => consumed.add(h.no));
      let j = i + n;
      let cellArea: Area | null = null;
      // Empty cells vanish in raw text, so a row is n cells only when the next row's number
      // follows; a shorter row (a heading like "I | Kinh tế") ends where the next number is.
      while (j < filled.length && INDEX_CELL.test(filled[j]!.text)) {
        let m = n;
        if (!(j + n === filled.length || (j + n < filled.length && INDEX_CELL.test(filled[j + n]!.text)))) {
          m = 0;
          for (let k = 2; k < n; k++) if (j + k < filled.length && INDEX_CELL.test(filled[j + k]!.text)) { m = k; break; }
          // No shorter row: the table's last row, followed by the rest of the document.
          if (m === 0) m = j + n <= filled.length ? n : 0;
          if (m === 0) break;
        }
        const group = filled.slice(j, j + m);
        if (group.some((g) => g.text.length > 300)) break;
        const text = m === n ? rowText(group.map((g) => g.text), c) : null;
        const labelLine = group[Math.min(c.label, m - 1)]!.no;
        if (text) rows.set(labelLine, { text, area: cellArea });
        else cellArea = areaOfHeading(group.map((g) => g.text).join(' ')) ?? cellArea;
        group.forEach((g) => {
          if (g.no !== labelLine || !text) consumed.add(g.no);
        });
        j += m;
      }
      i = j - 1;
      break;
    }
  }
  return { rows, consumed };
}
