/**
 * Under a register-linked target on the report form: what the unit's register counts for the
 * period ("Sổ hộ: 28 / 32 hộ đạt") and a big "Dùng số này" button that fills the field(s).
 * When the figure typed differs, it says a note is needed (the server refuses it otherwise).
 */
import { Show } from 'solid-js';
import type { RegisterProposal as Proposal } from '../../shared/schemas';
import type { RegisterCount } from '../../shared/registers';
import { formatViNumber } from '../../shared/vi-number';
import { Icon } from './Icon';
import { t } from '../i18n';

export function RegisterProposal(props: {
  targetId: string;
  rate: boolean;
  proposal: Proposal;
  count: RegisterCount;
  /** The typed figure is the register's. */
  using: boolean;
  /** A figure is typed and differs from the register's. */
  overridden: boolean;
  onUse: () => void;
}) {
  const unassessed = () => props.count.total - props.count.assessed;
  return (
    <div class="register-proposal notice notice-info" data-testid="register-proposal" data-target-id={props.targetId}>
      <p>
        <Icon name="register" />{' '}
        <strong>
          {t(props.rate ? 'register.proposal_rate' : 'register.proposal', {
            meeting: formatViNumber(props.proposal.meeting),
            total: formatViNumber(props.proposal.total),
          })}
        </strong>
      </p>
      <Show when={unassessed() > 0}>
        <p class="small">{t('register.unassessed', { count: formatViNumber(unassessed()) })}</p>
      </Show>
      <Show
        when={!props.using}
        fallback={
          <p data-testid="register-used">
            <Icon name="check" /> {t('register.used')}
          </p>
        }
      >
        <button type="button" class="button button-secondary wide" data-testid="register-use" onClick={() => props.onUse()}>
          {t('register.use')}
        </button>
      </Show>
      <Show when={props.overridden}>
        <p class="register-override" data-testid="register-override">
          <Icon name="warn" /> {t('register.override')}
        </p>
      </Show>
    </div>
  );
}
