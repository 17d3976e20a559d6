/**
 * The progress figures as an XLSX workbook (exceljs): a summary sheet (target, plan, result,
 * percent, assessment), one sheet per area with the units as columns, and a sheet of who
 * reported when. Numbers are stored as numbers (Excel sums them) with number formats that
 * Excel and LibreOffice show in the reader's locale (1.110,5 in vi-VN); headers frozen.
 */
import ExcelJS from 'exceljs';
import type { ProgressResult } from './plan-progress';
import { AREA_LABELS, BASIS_LABELS, STATE_LABELS, TOTAL_LABEL, VERDICT_LABELS, fileNumber, targetNumbers } from './export-table';
import type { Area } from '../../shared/schemas/targets';
import type { TargetProgressEntry } from '../../shared/schemas/progress';

const NUMBER = '#,##0.####';
const PERCENT = '#,##0.0';
const HO_CHI_MINH_OFFSET_MS = 7 * 3_600_000;

/** dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh. */
function vietnamTime(instant: string): string {
  const d = new Date(Date.parse(instant) + HO_CHI_MINH_OFFSET_MS).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}
const vietnamDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** A few lines naming what the sheet is, above its table. */
function titleRows(ws: ExcelJS.Worksheet, commune: string, r: ProgressResult, title: string): number {
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([`${commune} · ${r.plan.number ? `${r.plan.number} · ` : ''}${r.plan.title}`]);
  const { period } = r.source;
  ws.addRow([`Kỳ báo cáo: ${period.name} (${vietnamDate(period.from)} – ${vietnamDate(period.to)}, hạn ${vietnamDate(period.deadline)}) · ${BASIS_LABELS[r.progress.basis]}`]);
  ws.addRow([]);
  return 4;
}

function summarySheet(wb: ExcelJS.Workbook, commune: string, r: ProgressResult, numbers: Map<string, string>): void {
  const ws = wb.addWorksheet('Tổng hợp');
  const above = titleRows(ws, commune, r, 'Kết quả thực hiện chỉ tiêu thi đua');
  const c = r.progress.completeness;
  ws.getCell(above, 1).value = `${c.reported}/${c.expected} đơn vị đã báo cáo, ${c.late} trễ hạn`;
  ws.columns = [
    { key: 'no', width: 7 }, { key: 'area', width: 20 }, { key: 'label', width: 60 }, { key: 'unit', width: 12 },
    { key: 'plan', width: 14, style: { numFmt: NUMBER } }, { key: 'result', width: 14, style: { numFmt: NUMBER } },
    { key: 'percent', width: 10, style: { numFmt: PERCENT } }, { key: 'assessment', width: 16 }, { key: 'units', width: 14 },
  ];
  const header = ws.addRow(['STT', 'Lĩnh vực', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện', 'Tỷ lệ %', 'Đánh giá', 'Đơn vị báo cáo']);
  styleHeader(header);
  for (const t of r.progress.targets) {
    const row = ws.addRow([
      numbers.get(t.targetId), AREA_LABELS[t.area], t.label, t.unit ?? '', t.value, fileNumber(t.achieved), fileNumber(t.percent),
      VERDICT_LABELS[t.verdict], `${t.reportedUnits}/${t.expectedUnits}`,
    ]);
    row.getCell(3).alignment = { wrapText: true, indent: t.parentId ? 2 : 0 };
  }
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: 9 } };
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

function areaSheet(wb: ExcelJS.Workbook, commune: string, r: ProgressResult, area: Area, targets: TargetProgressEntry[], numbers: Map<string, string>): void {
  const ws = wb.addWorksheet(sheetName(AREA_LABELS[area]));
  titleRows(ws, commune, r, `Lĩnh vực ${AREA_LABELS[area].toLowerCase()}: kết quả theo đơn vị`);
  const names = new Map(r.source.units.map((u) => [u.id, u.name]));
  const unitIds = [...new Set(targets.flatMap((t) => t.units.map((u) => u.unitId)))];
  ws.columns = [
    { width: 7 }, { width: 50 }, { width: 12 }, { width: 14, style: { numFmt: NUMBER } }, { width: 14, style: { numFmt: NUMBER } },
    ...unitIds.map(() => ({ width: 14, style: { numFmt: NUMBER } })),
  ];
  const header = ws.addRow(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', TOTAL_LABEL, ...unitIds.map((id) => names.get(id) ?? id)]);
  styleHeader(header);
  for (const t of targets) {
    const byUnit = new Map(t.units.map((u) => [u.unitId, u]));
    const row = ws.addRow([
      numbers.get(t.targetId), t.label, t.unit ?? '', t.value, fileNumber(t.achieved),
      ...unitIds.map((id) => fileNumber(byUnit.get(id)?.achieved)),
    ]);
    row.getCell(2).alignment = { wrapText: true, indent: t.parentId ? 2 : 0 };
  }
  ws.views = [{ state: 'frozen', ySplit: header.number, xSplit: 2 }];
}

function reportsSheet(wb: ExcelJS.Workbook, commune: string, r: ProgressResult): void {
  const ws = wb.addWorksheet('Ai báo cáo khi nào');
  titleRows(ws, commune, r, 'Tình hình báo cáo của các đơn vị');
  ws.columns = [{ width: 30 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 38 }];
  const header = ws.addRow(['Đơn vị', 'Trạng thái', 'Lập lúc', 'Nhận lúc', 'Trễ hạn', 'Mã báo cáo']);
  styleHeader(header);
  const names = new Map(r.source.units.map((u) => [u.id, u.name]));
  const reports = [...r.source.reports].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  const late = new Map(r.progress.targets.flatMap((t) => t.units.map((u) => [u.unitId, u.late] as const)));
  for (const rep of reports) {
    ws.addRow([names.get(rep.unitId) ?? rep.unitId, STATE_LABELS[rep.state], vietnamTime(rep.createdAt), vietnamTime(rep.receivedAt), late.get(rep.unitId) ? 'Trễ hạn' : '', rep.id]);
  }
  const reported = new Set(reports.map((rep) => rep.unitId));
  for (const id of r.progress.completeness.missing) if (!reported.has(id)) ws.addRow([names.get(id) ?? id, 'Chưa báo cáo', '', '', '', '']);
  ws.views = [{ state: 'frozen', ySplit: header.number }];
}

export async function progressXlsx(commune: string, r: ProgressResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sổ Thi Đua';
  wb.created = new Date(r.progress.computedAt);
  const numbers = targetNumbers(r.progress.targets);
  summarySheet(wb, commune, r, numbers);
  const areas: Area[] = ['economy', 'society', 'defense', 'other'];
  for (const area of areas) {
    const targets = r.progress.targets.filter((t) => t.area === area);
    if (targets.length > 0) areaSheet(wb, commune, r, area, targets, numbers);
  }
  reportsSheet(wb, commune, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
