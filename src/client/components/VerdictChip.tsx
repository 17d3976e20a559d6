/** A target's verdict as icon + word + colour (never colour alone): Đạt, Chưa đạt, Vượt. */
import type { Assessment } from '../../shared/progress';
import { t } from '../i18n';

const LOOK = {
  met: { icon: '✓', key: 'verdict.met', tone: 'ok' },
  exceeded: { icon: '▲', key: 'verdict.exceeded', tone: 'ok' },
  notMet: { icon: '✗', key: 'verdict.notMet', tone: 'warn' },
} as const;

export function VerdictChip(props: { verdict: Assessment }) {
  const look = () => (props.verdict === 'noData' ? null : LOOK[props.verdict]);
  return (
    <>
      {look() && (
        <span class={`chip chip-${look()!.tone}`} data-verdict={props.verdict}>
          <span aria-hidden="true">{look()!.icon}</span> {t(look()!.key)}
        </span>
      )}
    </>
  );
}
