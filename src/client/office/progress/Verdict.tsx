/** A verdict as icon + word + colour, never colour alone. */
import { VERDICT_LOOK, type VerdictName } from './format';
import { t } from '../messages';

export default function Verdict(props: { verdict: VerdictName }) {
  const look = () => VERDICT_LOOK[props.verdict];
  return (
    <span class={`verdict verdict-${look().tone}`} data-verdict={props.verdict}>
      <span aria-hidden="true">{look().icon}</span> {t(look().key)}
    </span>
  );
}
