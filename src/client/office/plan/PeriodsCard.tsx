/**
 * The plan's reporting periods with their deadlines, each lockable ("Khoá kỳ") once its figures
 * are final, and the grace in days before a report counts as late. Lock and unlock are sent at
 * once (they are decisions, not edits); the grace days are saved with the plan.
 */
import { For, Show, createSignal } from 'solid-js';
import { explain } from '../api';
import { setPeriodLock, type LivePeriod } from '../api-plan';
import { t } from '../messages';
import { formatReceived } from '../review/format';

const day = (iso: string) => iso.split('-').reverse().join('/');

interface Props {
  periods: LivePeriod[];
  graceDays: string;
  setGraceDays: (text: string) => void;
  graceError: string | null;
  onPeriod: (period: LivePeriod) => void;
}

export default function PeriodsCard(props: Props) {
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  async function toggle(p: LivePeriod) {
    setBusy(p.id);
    setError(null);
    try {
      props.onPeriod((await setPeriodLock(p.id, !p.lockedAt)).period);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="card" aria-labelledby="periods-title">
      <h2 id="periods-title">{t('plan.periods')}</h2>
      <label class="field grace">
        <span>{t('plan.graceDays')}</span>
        <input name="plan-grace-days" inputmode="numeric" value={props.graceDays} aria-invalid={props.graceError ? 'true' : undefined}
          aria-describedby="grace-help" onInput={(e) => props.setGraceDays(e.currentTarget.value)} />
        <small id="grace-help" class="muted">{t('plan.graceHelp')}</small>
        <Show when={props.graceError}><small class="field-error">{props.graceError}</small></Show>
      </label>
      <Show when={props.periods.length > 0} fallback={<p>{t('plan.period.none')}</p>}>
        <p class="muted">{t('plan.period.lockHelp')}</p>
        <table class="grid periods">
          <thead>
            <tr>
              <th scope="col">{t('plan.period.name')}</th><th scope="col">{t('plan.period.from')}</th><th scope="col">{t('plan.period.to')}</th>
              <th scope="col">{t('plan.period.deadline')}</th><th scope="col">{t('plan.period.state')}</th><th scope="col"><span class="visually-hidden">{t('col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            <For each={props.periods}>
              {(p) => (
                <tr data-period-id={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{day(p.from)}</td>
                  <td>{day(p.to)}</td>
                  <td>{day(p.deadline)}</td>
                  <td>
                    <Show when={p.lockedAt} fallback={<span class="state-chip state-approved">○ {t('plan.period.open')}</span>}>
                      {(at) => <span class="state-chip state-returned">✕ {t('plan.period.locked')} {formatReceived(at())}</span>}
                    </Show>
                  </td>
                  <td>
                    <button type="button" class="btn btn-small" disabled={busy() !== null} onClick={() => void toggle(p)}
                      aria-label={`${p.lockedAt ? t('plan.period.unlock') : t('plan.period.lock')} — ${p.name}`}>
                      {p.lockedAt ? t('plan.period.unlock') : t('plan.period.lock')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
    </section>
  );
}
