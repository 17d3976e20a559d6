/** A report's state as icon + word + colour (never colour alone). */
import type { ReportStatus } from '../model/unit-work';
import { t, type MessageKey } from '../i18n';
import { Icon, type IconName } from './Icon';

const LOOK: Record<ReportStatus['kind'], { icon: IconName; key: MessageKey; tone: string }> = {
  none: { icon: 'circle', key: 'state.none', tone: 'neutral' },
  draft: { icon: 'edit', key: 'state.draft', tone: 'neutral' },
  queued: { icon: 'clock', key: 'state.queued', tone: 'warn' },
  rejected: { icon: 'warn', key: 'state.rejected', tone: 'error' },
  submitted: { icon: 'sent', key: 'state.submitted', tone: 'info' },
  approved: { icon: 'check', key: 'state.approved', tone: 'ok' },
  returned: { icon: 'returned', key: 'state.returned', tone: 'error' },
};

export function StatusChip(props: { status: ReportStatus }) {
  const look = () => LOOK[props.status.kind];
  const text = () => {
    const s = props.status;
    const base = s.kind === 'returned' && s.reason ? t('state.returned_reason', { reason: s.reason }) : t(look().key);
    // The server judged it late at receipt (shared/lateness.ts): say so, with the days.
    const report = 'report' in s ? s.report : null;
    if (!report?.late) return base;
    return `${base} · ${report.daysLate ? t('state.late_days', { days: String(report.daysLate) }) : t('state.late')}`;
  };
  return (
    <span class={`chip chip-${look().tone}`} data-state={props.status.kind}>
      <Icon name={look().icon} /> {text()}
    </span>
  );
}
