/**
 * Who still owes figures for a period, and the reminder texts the office sends by Zalo: one
 * per unit ("Nhắc") and one for the group chat ("Nhắc tất cả"). Plain Vietnamese, dates
 * dd/mm/yyyy, the app's link last so Zalo shows it as a link. Pure: the screen copies or
 * shares what this writes.
 */
import type { PlanProgress } from '../../../shared/schemas/progress';
import { formatDate } from './format';

/** A deadline closer than this many days counts as "near": the office starts reminding. */
export const NEAR_DAYS = 7;
/** How many missing targets a message names before "và N chỉ tiêu khác". */
const NAMED = 5;

export interface Owing {
  unitId: string;
  name: string;
  /** No report at all for the period (else: a report with figures missing). */
  noReport: boolean;
  missing: string[];
}

/** Units with no report, then units whose report leaves assigned targets without a figure. */
export function owingUnits(progress: PlanProgress, nameOf: (unitId: string) => string, communeUnitId?: string): Owing[] {
  const byUnit = new Map<string, { missing: string[]; reported: boolean }>();
  for (const tg of progress.targets) {
    for (const u of tg.units) {
      // The commune's own targets are the office's to enter ("Xã tự nhập"), not to be reminded of.
      if (u.unitId === communeUnitId) continue;
      const row = byUnit.get(u.unitId) ?? { missing: [], reported: false };
      if (u.reportId !== null) row.reported = true;
      if (u.achieved === null) row.missing.push(tg.label);
      byUnit.set(u.unitId, row);
    }
  }
  const missingIds = new Set(progress.completeness.missing);
  const vi = new Intl.Collator('vi');
  const out: Owing[] = [];
  for (const [unitId, row] of byUnit) {
    const noReport = missingIds.has(unitId) || !row.reported;
    if (!noReport && row.missing.length === 0) continue;
    out.push({ unitId, name: nameOf(unitId), noReport, missing: row.missing });
  }
  for (const unitId of missingIds) {
    if (!byUnit.has(unitId)) out.push({ unitId, name: nameOf(unitId), noReport: true, missing: [] });
  }
  return out.sort((a, b) => Number(b.noReport) - Number(a.noReport) || vi.compare(a.name, b.name));
}

/**
 * Who signs the reminder: "Văn phòng UBND xã Ea Hiao" from the commune's unit "Xã Ea Hiao".
 * (Not /^Xã\b/: \b is an ASCII word boundary, and "ã" is no ASCII letter, so it never matched.)
 */
export function officeSignature(communeName: string | undefined): string {
  return communeName ? `Văn phòng UBND ${communeName.replace(/^Xã(?=\s)/, 'xã')}` : 'Văn phòng UBND xã';
}

export interface ReminderContext {
  /** "UBND xã Lơ Ku": who is reminding. */
  office: string;
  planTitle: string;
  periodName: string;
  deadline: string;
  /** Whole days to the deadline; negative when overdue. */
  daysLeft: number;
  link: string;
}

export function deadlineWords(days: number): string {
  if (days < 0) return `đã quá hạn ${-days} ngày`;
  if (days === 0) return 'hôm nay là hạn cuối';
  return `còn ${days} ngày`;
}

function missingWords(o: Owing): string {
  const named = o.missing.slice(0, NAMED).join('; ');
  const rest = o.missing.length > NAMED ? ` và ${o.missing.length - NAMED} chỉ tiêu khác` : '';
  if (o.noReport) return o.missing.length ? `chưa gửi báo cáo (${o.missing.length} chỉ tiêu: ${named}${rest})` : 'chưa gửi báo cáo';
  return `thiếu số liệu ${o.missing.length} chỉ tiêu: ${named}${rest}`;
}

const when = (c: ReminderContext) => `hạn ngày ${formatDate(c.deadline)} (${deadlineWords(c.daysLeft)})`;

/** "Nhắc": one unit's reminder. */
export function reminderFor(o: Owing, c: ReminderContext): string {
  return [
    `Kính gửi ${o.name},`,
    `${c.office} nhắc báo cáo ${c.periodName} của kế hoạch «${c.planTitle}», ${when(c)}.`,
    `Còn thiếu: ${missingWords(o)}.`,
    `Xin báo cáo trên Sổ Thi Đua: ${c.link}`,
    'Xin cảm ơn.',
  ].join('\n');
}

/** "Nhắc tất cả": one message for the commune's Zalo group, every owing unit on its own line. */
export function reminderForAll(owing: readonly Owing[], c: ReminderContext): string {
  return [
    'Kính gửi các thôn, làng và các hội, đoàn thể,',
    `${c.office} nhắc báo cáo ${c.periodName} của kế hoạch «${c.planTitle}», ${when(c)}.`,
    `Các đơn vị chưa báo cáo đủ (${owing.length}):`,
    ...owing.map((o, i) => `${i + 1}. ${o.name}: ${missingWords(o)}`),
    `Xin báo cáo trên Sổ Thi Đua: ${c.link}`,
    'Xin cảm ơn.',
  ].join('\n');
}
