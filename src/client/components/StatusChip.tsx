/** A report's state as icon + word + colour (never colour alone). */
import type { ReportStatus } from '../model/unit-work';
import { t } from '../i18n';

const LOOK: Record<ReportStatus['kind'], { icon: string; key: string; tone: string }> = {
  none: { icon: '○', key: 'state.none', tone: 'neutral' },
  draft: { icon: '✎', key: 'state.draft', tone: 'neutral' },
  queued: { icon: '⏳', key: 'state.queued', tone: 'warn' },
  rejected: { icon: '⚠', key: 'state.rejected', tone: 'error' },
  submitted: { icon: '➜', key: 'state.submitted', tone: 'info' },
  approved: { icon: '✓', key: 'state.approved', tone: 'ok' },
  returned: { icon: '↩', key: 'state.returned', tone: 'error' },
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
      <span aria-hidden="true">{look().icon}</span> {text()}
    </span>
  );
}
