/**
 * The plan importer: the text of a plan document in, a draft out — header, rounds, reporting
 * rhythm, and every target with its figure, unit and comparator, each pointing at its source
 * line — for the office to check and accept. Pure (no DOM, no Node APIs): it runs in the office
 * browser and in the `import-plan` command alike. It never throws on bad input: garbage gives an
 * empty draft and a warning in Vietnamese.
 *
 * @example
 * const { plan, targets, warnings } = importPlan(text);
 * // plan.number === '43/KH-UBND'; targets[0] → { id: 't1', label: 'Tổng sản lượng lương thực', value: 9007.4, unit: 'tấn', comparator: 'atLeast', ... }
 */
import type { ImportedTarget, ImportWarning, PlanImportResult } from './schema';
import { looksBinary, normaliseText, splitLines } from './lines';
import { mapDocument, type LineInfo } from './sections';
import { readHeader } from './header';
import { readReporting, readRounds } from './rounds';
import { readTargetLine, type DraftTarget } from './targets';
import { readTables } from './tables';

export type { PlanImportResult, ImportedPlan, ImportedTarget, ImportWarning } from './schema';
export { normaliseText, splitLines } from './lines';
export { readTargetLine } from './targets';

/** Plans are tens of kilobytes; 2 MB of text is a wrong file, not a plan. */
export const MAX_IMPORT_CHARS = 2_000_000;
const MAX_WARNINGS = 300;
const MAX_TARGETS = 1000;

export function emptyDraft(warnings: ImportWarning[]): PlanImportResult {
  return {
    plan: { title: '', number: '', issuedOn: null, year: null, issuer: '', theme: '', rounds: [], reporting: [] },
    targets: [],
    warnings,
  };
}

export function importPlan(input: string): PlanImportResult {
  if (typeof input !== 'string' || input.trim() === '') return emptyDraft([{ line: null, message: 'Văn bản trống: không có gì để nhập.' }]);
  if (input.length > MAX_IMPORT_CHARS) {
    const mb = (input.length / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    return emptyDraft([{ line: null, message: `Văn bản quá lớn (khoảng ${mb} triệu ký tự); một kế hoạch chỉ dài vài chục nghìn ký tự. Hãy kiểm tra lại tệp đã chọn.` }]);
  }
  if (looksBinary(input)) {
    return emptyDraft([{ line: null, message: 'Tệp này không phải văn bản (có ký tự lạ). Hãy chọn tệp .docx hoặc .txt, hoặc dán nội dung kế hoạch.' }]);
  }

  const warnings: ImportWarning[] = [];
  const warn = (w: ImportWarning) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(w);
  };
  const lines = splitLines(normaliseText(input));
  const doc = mapDocument(lines);
  const header = readHeader(doc.lines, warn);
  const rounds = readRounds(doc.lines, header.year, warn);
  const reporting = readReporting(doc.lines, warn);

  if (!doc.structured) {
    warn({ line: null, message: 'Không thấy mục “Chỉ tiêu thi đua”; đã tìm chỉ tiêu trong toàn văn bản. Kiểm tra kỹ danh sách.' });
  }
  const targets: ImportedTarget[] = [];
  let n = 0;
  let dropped = 0;
  const tables = readTables(doc.lines);
  for (const line of doc.lines) {
    const row = tables.rows.get(line.no);
    const zone = row ? 'targets' : tables.consumed.has(line.no) ? null : zoneFor(line, doc.structured);
    if (!zone) continue;
    const reading = readTargetLine(row ? row.text : line.text, { zone, area: row?.area ?? line.area, assignee: line.assignee, year: header.year });
    for (const message of reading.warnings) warn({ line: line.no, message });
    for (const t of reading.targets) {
      // The API takes at most 1000 targets per plan batch; the rest are counted, not kept.
      if (targets.length >= MAX_TARGETS) {
        dropped++;
        continue;
      }
      n++;
      flatten(t, `t${n}`, null, line, targets);
    }
  }
  if (targets.length === 0) warn({ line: null, message: 'Không tìm thấy chỉ tiêu nào trong văn bản. Hãy kiểm tra văn bản có mục “Chỉ tiêu thi đua” với các con số.' });
  if (dropped > 0) warn({ line: null, message: `Văn bản có quá nhiều chỉ tiêu; chỉ lấy ${MAX_TARGETS} chỉ tiêu đầu, bỏ qua ${dropped}.` });

  return {
    // Keys in the documented order: the command's JSON is read by people too.
    plan: { title: header.title, number: header.number, issuedOn: header.issuedOn, year: header.year, issuer: header.issuer, theme: header.theme, rounds, reporting },
    targets,
    warnings,
  };
}

function zoneFor(line: LineInfo, structured: boolean): 'targets' | 'content' | null {
  if (line.basis || line.heading || line.text === '') return null;
  if (line.zone === 'targets' || line.zone === 'content') return line.zone;
  if (!structured && line.zone === 'preamble') return 'targets';
  return null;
}

function flatten(t: DraftTarget, id: string, parentId: string | null, line: LineInfo, out: ImportedTarget[]): void {
  out.push({
    id,
    parentId,
    area: t.area,
    label: t.label,
    comparator: t.comparator,
    measure: t.measure,
    value: t.value,
    valueMax: t.valueMax,
    outOf: t.outOf,
    unit: t.unit,
    assignee: t.assignee,
    source: { line: line.no, text: line.raw },
  });
  t.children.forEach((c, i) => flatten(c, `${id}.${i + 1}`, id, line, out));
}
