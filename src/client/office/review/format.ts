/** How the review screen writes a report's figures and times: vi-VN numbers, Vietnam time. */
import type { ReportValue } from '../../../shared/schemas/reports';
import type { Target } from '../../../shared/schemas/targets';
import { formatPercent, formatViNumber } from '../../../shared/vi-number';
import { t } from '../messages';

const clock = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh',
});

/** `dd/mm/yyyy HH:mm` in Asia/Ho_Chi_Minh, whatever the office computer's own zone. */
export function formatReceived(instant: string): string {
  const parts: Record<string, string> = {};
  for (const p of clock.formatToParts(new Date(instant))) parts[p.type] = p.value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

function withUnit(text: string, unit: string | null | undefined): string {
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** A reported value as the office reads it: "1.110 con", "480 / 500 (96%)", "13 / 19", "Đã hoàn thành". */
export function formatReported(value: ReportValue, target: Target | undefined): string {
  if ('done' in value) return value.done ? t('review.done') : t('review.notDone');
  if ('numerator' in value) {
    const pair = `${formatViNumber(value.numerator)} / ${formatViNumber(value.denominator)}`;
    if (value.denominator === 0) return pair;
    return `${pair} (${formatPercent((value.numerator / value.denominator) * 100, { maximumFractionDigits: 1 })})`;
  }
  if (target?.measure === 'xOfY') {
    return target.outOf === null ? formatViNumber(value.value) : `${formatViNumber(value.value)} / ${formatViNumber(target.outOf)}`;
  }
  if (target?.measure === 'rank') {
    return withUnit(`${value.value > 0 ? '+' : ''}${formatViNumber(value.value)}`, target.unit);
  }
  return withUnit(formatViNumber(value.value), target?.unit);
}

/** What the plan asks of the whole commune: "≥ 60 triệu đồng", "8–9%", "≤ 5%", "Hoàn thành". */
export function formatPlanned(target: Target): string {
  if (target.comparator === 'done' || target.measure === 'status') return t('cmp.done');
  if (target.value === null) return '—';
  const v = formatViNumber(target.value);
  if (target.measure === 'xOfY' && target.outOf !== null) return `${v} / ${formatViNumber(target.outOf)}`;
  switch (target.comparator) {
    case 'atLeast': return `≥ ${withUnit(v, target.unit)}`;
    case 'atMost': return `≤ ${withUnit(v, target.unit)}`;
    case 'range': return withUnit(`${v}–${formatViNumber(target.valueMax ?? target.value)}`, target.unit);
    default: return withUnit(v, target.unit);
  }
}

/** The unit's assigned share, in the target's own unit; a rate target's share is a percent. */
export function formatShare(share: number | null | undefined, target: Target): string {
  if (share === null || share === undefined) return '—';
  if (target.measure === 'rate') return formatPercent(share, { maximumFractionDigits: 1 });
  return withUnit(formatViNumber(share), target.unit);
}
