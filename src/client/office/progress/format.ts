/**
 * How the progress screens and the A4 report write figures: vi-VN numbers, percents with one
 * decimal, dates dd/mm/yyyy in Vietnam, and a verdict always as icon + word (+ colour in CSS),
 * never colour alone.
 */
import type { TargetProgressEntry, UnitProgressEntry } from '../../../shared/schemas/progress';
import { formatPercent, formatViNumber } from '../../../shared/vi-number';
import { vietnamToday } from '../../../shared/periods';
import { t, type MessageKey } from '../messages';
import { targetLinkedCount, unitLinkedCount } from '../../../shared/target-links';

/**
 * "Sổ hộ 28 / 32 hộ" beside a register-linked target (issue 10): the reported figure over the
 * register's households, for one unit or (without `entry`) the commune; null when no unit of it
 * keeps a register. Counts only.
 */
export function registerText(tg: Pick<TargetProgressEntry, 'link' | 'units'>, entry?: UnitProgressEntry): string | null {
  if (tg.link?.kind !== 'register') return null;
  const c = entry ? unitLinkedCount(entry) : targetLinkedCount(tg.units);
  return c ? `${formatViNumber(c.done)} / ${formatViNumber(c.of)} ${t('link.households')}` : null;
}

export type VerdictName = TargetProgressEntry['verdict'];

/** Icon, word and CSS tone of a verdict; the glyphs differ in shape for colour-blind readers. */
export const VERDICT_LOOK: Record<VerdictName, { icon: string; key: MessageKey; tone: string }> = {
  exceeded: { icon: '▲', key: 'verdict.exceeded', tone: 'exceeded' },
  met: { icon: '✓', key: 'verdict.met', tone: 'met' },
  notMet: { icon: '✗', key: 'verdict.notMet', tone: 'notmet' },
  noData: { icon: '○', key: 'verdict.noData', tone: 'nodata' },
};
export const VERDICT_ORDER: VerdictName[] = ['exceeded', 'met', 'notMet', 'noData'];

export const verdictWord = (v: VerdictName) => t(VERDICT_LOOK[v].key);

const num = (x: number) => formatViNumber(x, { maximumFractionDigits: 2 });

function withUnit(text: string, unit: string | null): string {
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

type Figure = Pick<TargetProgressEntry, 'measure' | 'comparator' | 'unit'>;
const counts = (tg: Figure) => tg.measure === 'status' || tg.comparator === 'done';

/** What the plan asks: "≥ 1.110 con", "8–9%", "≤ 5%", "Hoàn thành". */
export function planText(tg: TargetProgressEntry): string {
  if (counts(tg)) return tg.value === null ? t('pg.done') : `${num(tg.value)} ${t('pg.unitsDone')}`;
  if (tg.value === null) return '—';
  const unit = tg.measure === 'rate' ? '%' : tg.unit;
  switch (tg.comparator) {
    case 'atLeast': return `≥ ${withUnit(num(tg.value), unit)}`;
    case 'atMost': return `≤ ${withUnit(num(tg.value), unit)}`;
    case 'range': return withUnit(`${num(tg.value)}–${num(tg.valueMax ?? tg.value)}`, unit);
    default: return withUnit(num(tg.value), unit);
  }
}

/** The plan's figure alone (the A4 report has its own "đơn vị tính" column). */
export function planNumber(tg: TargetProgressEntry): string {
  if (counts(tg)) return tg.value === null ? t('pg.done') : num(tg.value);
  if (tg.value === null) return '—';
  if (tg.comparator === 'range') return `${num(tg.value)}–${num(tg.valueMax ?? tg.value)}`;
  return `${tg.comparator === 'atMost' ? '≤ ' : ''}${num(tg.value)}`;
}

/** The unit of measure as printed: a rate is a percent; statuses count units. */
export function unitOfMeasure(tg: Figure): string {
  if (counts(tg)) return t('pg.unitsDone');
  if (tg.measure === 'rate') return '%';
  return tg.unit ?? '';
}

/** The commune's result: "1.234 con", "96,2% (480/499)", "13/17 đơn vị". */
export function resultText(tg: TargetProgressEntry): string {
  if (tg.achieved === null) return '—';
  if (counts(tg)) return `${num(tg.achieved)}/${tg.expectedUnits} ${t('pg.unitsDone')}`;
  if (tg.measure === 'rate') {
    const parts = tg.numerator != null && tg.denominator != null ? ` (${num(tg.numerator)}/${num(tg.denominator)})` : '';
    return `${formatPercent(tg.achieved, { maximumFractionDigits: 1 })}${parts}`;
  }
  return withUnit(num(tg.achieved), tg.unit);
}

/** The result alone, for the A4 table. */
export function resultNumber(tg: TargetProgressEntry): string {
  if (tg.achieved === null) return '—';
  if (tg.measure === 'rate') return formatViNumber(tg.achieved, { maximumFractionDigits: 1 });
  return num(tg.achieved);
}

export const percentText = (p: number | null | undefined) =>
  p === null || p === undefined ? '—' : formatPercent(p, { maximumFractionDigits: 1 });

/** One unit's figure against its share, for the heat table: "480 / 500", "Đã hoàn thành". */
export function unitCellText(tg: TargetProgressEntry, u: UnitProgressEntry): string {
  if (u.achieved === null) return t('pg.heat.notReported');
  if (counts(tg)) return u.achieved > 0 ? t('pg.done') : t('pg.notDone');
  if (tg.measure === 'rate') {
    const own = formatPercent(u.achieved, { maximumFractionDigits: 1 });
    return u.share === null ? own : `${own} / ${formatPercent(u.share, { maximumFractionDigits: 1 })}`;
  }
  return u.share === null ? num(u.achieved) : `${num(u.achieved)} / ${num(u.share)}`;
}

/** dd/mm/yyyy of a calendar date (yyyy-mm-dd), the way every Vietnamese form writes it. */
export function formatDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "ngày 01 tháng 12 năm 2026", in Vietnam, as Decree 30 writes a document's date. */
export function longDate(now: number | Date = Date.now()): string {
  const [y, m, d] = vietnamToday(now).split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh',
});
/** dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export function formatInstant(instant: string): string {
  const p: Record<string, string> = {};
  for (const part of clock.formatToParts(new Date(instant))) p[part.type] = part.value;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
