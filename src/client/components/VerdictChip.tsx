/** A target's verdict as icon + word + colour (never colour alone): Đạt, Chưa đạt, Vượt. */
import type { Assessment } from '../../shared/progress';
import { t } from '../i18n';
import { Icon, type IconName } from './Icon';

/** Inline SVG icons, not glyphs: cheap phones often lack the font that draws ✓ ✗ ▲. */
const LOOK: Record<Exclude<Assessment, 'noData'>, { icon: IconName; key: 'verdict.met' | 'verdict.exceeded' | 'verdict.notMet'; tone: 'ok' | 'warn' }> = {
  met: { icon: 'check', key: 'verdict.met', tone: 'ok' },
  exceeded: { icon: 'up', key: 'verdict.exceeded', tone: 'ok' },
  notMet: { icon: 'cross', key: 'verdict.notMet', tone: 'warn' },
};

export function VerdictChip(props: { verdict: Assessment }) {
  const look = () => (props.verdict === 'noData' ? null : LOOK[props.verdict]);
  return (
    <>
      {look() && (
        <span class={`chip chip-${look()!.tone}`} data-verdict={props.verdict}>
          <Icon name={look()!.icon} /> {t(look()!.key)}
        </span>
      )}
    </>
  );
}
