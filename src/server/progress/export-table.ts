/**
 * The progress figures as rows for a file: one row per target and unit (plus the commune's own
 * row per target), with Vietnamese column names and labels. The CSV and the XLSX both write
 * these, so the two files and the progress API agree figure by figure. Counts only: the
 * source holds no household data at all.
 */
import type { ProgressResult } from './plan-progress';
import type { TargetProgressEntry } from '../../shared/schemas/progress';
import type { Area } from '../../shared/schemas/targets';

export const AREA_LABELS: Record<Area, string> = {
  economy: 'Kinh tế',
  society: 'Văn hóa - xã hội',
  defense: 'Quốc phòng - an ninh',
  other: 'Khác',
};

export const VERDICT_LABELS: Record<string, string> = { met: 'Đạt', notMet: 'Chưa đạt', exceeded: 'Vượt', noData: 'Chưa có số liệu' };
export const STATE_LABELS: Record<string, string> = { submitted: 'Chờ duyệt', approved: 'Đã duyệt', returned: 'Bị trả lại' };
export const BASIS_LABELS: Record<string, string> = { approved: 'Chỉ báo cáo đã duyệt', submitted: 'Tất cả báo cáo đã gửi' };

/** Files keep 4 decimals: enough for any rate, short enough to read. */
export function fileNumber(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 1e4) / 1e4;
}

export const TOTAL_LABEL = 'Toàn xã';

export interface ExportRow {
  targetNo: string;
  targetId: string;
  area: string;
  target: string;
  unitOfMeasure: string;
  unitId: string;
  unitName: string;
  goal: number | null;
  achieved: number | null;
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
  assessment: string;
  reportState: string;
  late: string;
}

export const EXPORT_COLUMNS: readonly { key: keyof ExportRow; header: string }[] = [
  { key: 'targetNo', header: 'STT' },
  { key: 'targetId', header: 'Mã chỉ tiêu' },
  { key: 'area', header: 'Lĩnh vực' },
  { key: 'target', header: 'Chỉ tiêu' },
  { key: 'unitOfMeasure', header: 'Đơn vị tính' },
  { key: 'unitId', header: 'Mã đơn vị' },
  { key: 'unitName', header: 'Đơn vị' },
  { key: 'goal', header: 'Kế hoạch' },
  { key: 'achieved', header: 'Thực hiện' },
  { key: 'numerator', header: 'Tử số' },
  { key: 'denominator', header: 'Mẫu số' },
  { key: 'percent', header: 'Tỷ lệ %' },
  { key: 'assessment', header: 'Đánh giá' },
  { key: 'reportState', header: 'Trạng thái báo cáo' },
  { key: 'late', header: 'Trễ hạn' },
];

/** "1", "1.2" …: the plan's numbering, children under their parent. */
export function targetNumbers(targets: readonly TargetProgressEntry[]): Map<string, string> {
  const numbers = new Map<string, string>();
  const counters = new Map<string | null, number>();
  for (const t of targets) {
    const parent = t.parentId !== null && numbers.has(t.parentId) ? t.parentId : null;
    const n = (counters.get(parent) ?? 0) + 1;
    counters.set(parent, n);
    numbers.set(t.targetId, parent ? `${numbers.get(parent)}.${n}` : String(n));
  }
  return numbers;
}

export function exportRows(result: ProgressResult): ExportRow[] {
  const names = new Map(result.source.units.map((u) => [u.id, u.name]));
  const numbers = targetNumbers(result.progress.targets);
  const rows: ExportRow[] = [];
  for (const t of result.progress.targets) {
    const common = {
      targetNo: numbers.get(t.targetId)!, targetId: t.targetId, area: AREA_LABELS[t.area], target: t.label, unitOfMeasure: t.unit ?? '',
    };
    rows.push({
      ...common, unitId: '', unitName: TOTAL_LABEL, goal: t.value, achieved: fileNumber(t.achieved),
      numerator: fileNumber(t.numerator), denominator: fileNumber(t.denominator), percent: fileNumber(t.percent),
      assessment: VERDICT_LABELS[t.verdict]!, reportState: `${t.reportedUnits}/${t.expectedUnits} đơn vị`, late: '',
    });
    for (const u of t.units) {
      rows.push({
        ...common, unitId: u.unitId, unitName: names.get(u.unitId) ?? u.unitId, goal: u.share, achieved: fileNumber(u.achieved),
        numerator: fileNumber(u.numerator), denominator: fileNumber(u.denominator), percent: fileNumber(u.percent),
        assessment: VERDICT_LABELS[u.verdict]!, reportState: u.state ? STATE_LABELS[u.state]! : 'Chưa báo cáo', late: u.late ? 'Trễ hạn' : '',
      });
    }
  }
  return rows;
}

/** "Xã Lơ Ku - 43-KH-UBND - 6 tháng đầu năm 2025": what the file is, without characters file systems refuse. */
export function exportBaseName(commune: string, result: ProgressResult): string {
  const plan = result.plan.number.replace(/^Số[:\s]*/i, '').trim() || result.plan.title;
  return [commune, plan, result.source.period.name].filter(Boolean).join(' - ')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 150) || 'bao-cao';
}

/** Content-Disposition with an ASCII fallback and the Vietnamese name (RFC 5987/6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
