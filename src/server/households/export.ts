/**
 * A unit's register as a file, for the unit's own use (the one file that holds names; it
 * never goes upward): XLSX with the households and one sheet per checklist version of their
 * ticks, or CSV of the households with a BOM so Excel reads the Vietnamese right.
 */
import ExcelJS from 'exceljs';
import type { AppDeps } from '../context';
import { listRegister, registerLabels } from '../db/queries/households';
import { findChecklists } from '../db/queries/checklists';
import { assessmentFromRow, householdFromRow } from '../db/queries/records';
import { meetsChecklist, foldVietnamese } from '../../shared/registers';
import type { Household } from '../../shared/schemas/registers';

export interface RegisterFile {
  body: Uint8Array<ArrayBuffer> | string;
  contentType: string;
  disposition: string;
}

const STATUS: Record<Household['status'], string> = { active: 'Đang ở', moved: 'Đã chuyển đi', merged: 'Đã nhập hộ khác' };
const yesNo = (v: boolean | null | undefined) => (v === true ? 'Có' : v === false ? 'Không' : '');
const COLUMNS = ['STT', 'Chủ hộ', 'Xóm, tổ', 'Địa chỉ', 'Số nhân khẩu', 'Hộ nghèo', 'Hộ cận nghèo', 'Tình trạng', 'Lý do'];

function householdCells(h: Household, i: number): (string | number | null)[] {
  return [i + 1, h.headName, h.hamlet ?? '', h.address ?? '', h.members, yesNo(h.poor), yesNo(h.nearPoor), STATUS[h.status], h.statusReason ?? ''];
}

function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 6266/5987: an ASCII fallback and the Vietnamese name. */
function disposition(name: string): string {
  const ascii = foldVietnamese(name).replace(/[^a-z0-9.-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function registerFile(deps: AppDeps, unitId: string, format: 'csv' | 'xlsx'): Promise<RegisterFile> {
  const register = await listRegister(deps.db, unitId);
  const collator = new Intl.Collator('vi');
  const households = register.households.map(householdFromRow).sort((a, b) => collator.compare(a.headName, b.headName));
  const assessments = register.assessments.map(assessmentFromRow);
  const labels = await registerLabels(deps.db, unitId, assessments.map((a) => a.periodId));
  const fileName = `So ho ${labels.unitName}`.trim();

  if (format === 'csv') {
    const lines = [COLUMNS, ...households.map(householdCells)].map((row) => row.map(csvField).join(','));
    return { body: `\uFEFF${lines.join('\r\n')}\r\n`, contentType: 'text/csv; charset=utf-8', disposition: disposition(`${fileName}.csv`) };
  }

  const book = new ExcelJS.Workbook();
  book.creator = 'Sổ Thi Đua';
  const sheet = book.addWorksheet('Sổ hộ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(COLUMNS).font = { bold: true };
  households.forEach((h, i) => sheet.addRow(householdCells(h, i)));
  sheet.columns.forEach((col, i) => (col.width = [6, 28, 14, 28, 12, 10, 12, 16, 24][i]));

  const checklists = await findChecklists(deps.db, assessments.map((a) => a.checklistId));
  const byId = new Map(households.map((h) => [h.id, h]));
  for (const checklist of checklists.values()) {
    const rows = assessments.filter((a) => a.checklistId === checklist.id && byId.has(a.householdId));
    if (rows.length === 0) continue;
    const ws = book.addWorksheet(`${checklist.name} ${checklist.version}`.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(['Chủ hộ', 'Kỳ', 'Đạt cả bộ', ...checklist.items.map((i) => i.label), 'Người đánh giá']).font = { bold: true };
    for (const a of rows) {
      const meets = meetsChecklist(checklist, a.items);
      ws.addRow([byId.get(a.householdId)!.headName, labels.periods.get(a.periodId) ?? '', meets === null ? 'Chưa đủ' : yesNo(meets), ...checklist.items.map((i) => yesNo(a.items[i.code])), a.by]);
    }
    ws.getColumn(1).width = 28;
  }
  const buffer = await book.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: disposition(`${fileName}.xlsx`),
  };
}
