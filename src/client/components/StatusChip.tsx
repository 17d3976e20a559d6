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
    if (s.kind === 'returned' && s.reason) return t('state.returned_reason', { reason: s.reason });
    return t(look().key);
  };
  return (
    <span class={`chip chip-${look().tone}`} data-state={props.status.kind}>
      <Icon name={look().icon} /> {text()}
    </span>
  );
}
