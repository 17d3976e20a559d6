/**
 * Taking the plan live and closing it. "Đưa vào thực hiện…" first shows what the office should
 * know (shares that do not add up), then asks; a refusal (`plan.not_ready`) lists the targets
 * nobody carries, each with a way to fix it. "Kết thúc kế hoạch…" asks before it closes.
 */
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { explain } from '../api';
import { activatePlan, closePlan, errorCode, errorDetails, type LivePlan, type RuleWarning } from '../api-plan';
import { t } from '../messages';
import { formatReceived } from '../review/format';
import { vietnamToday } from '../../../shared/periods';

export interface LocalWarning { targetId: string; text: string }

interface Props {
  plan: LivePlan;
  dirty: boolean;
  warnings: LocalWarning[];
  onChanged: (plan: LivePlan, warnings: RuleWarning[]) => void;
  onFix: (targetId: string) => void;
  /** Ticks "Chỉ xã" for these targets in the form (saved with "Lưu thay đổi"). */
  onCommuneOnly: (targetIds: string[]) => void;
}

export default function PlanLifecycle(props: Props) {
  const [asking, setAsking] = createSignal<'activate' | 'close' | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [missing, setMissing] = createSignal<Array<{ targetId: string; label: string }>>([]);
  const [markedAll, setMarkedAll] = createSignal(false);
  let panel: HTMLHeadingElement | undefined;
  // A plan taken live late in the year (a commune set up mid-year) has periods whose deadline
  // has gone: every report for them would be "trễ hạn". Say so before it goes live, with the way out.
  const pastPeriods = () => {
    const today = vietnamToday(Date.now());
    return props.plan.periods.filter((p) => p.deadline < today).map((p) => p.name);
  };

  const ask = (what: 'activate' | 'close') => {
    setError(null);
    setMissing([]);
    setMarkedAll(false);
    setAsking(what);
    queueMicrotask(() => panel?.focus());
  };

  async function run() {
    const what = asking();
    setBusy(true);
    setError(null);
    try {
      if (what === 'activate') {
        const res = await activatePlan(props.plan.id);
        setAsking(null);
        props.onChanged(res.plan, res.warnings ?? []);
      } else if (what === 'close') {
        const res = await closePlan(props.plan.id);
        setAsking(null);
        props.onChanged(res.plan, []);
      }
    } catch (e) {
      setError(explain(e));
      if (errorCode(e) === 'plan.not_ready') setMissing(errorDetails<{ missing: Array<{ targetId: string; label: string }> }>(e)?.missing ?? []);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card lifecycle" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('plan.status')}: {t(`status.${props.plan.status}`)}</h2>
      <Switch>
        <Match when={props.plan.status === 'draft' && asking() !== 'activate'}>
          <p>{t('activate.intro')}</p>
          <button type="button" class="btn btn-main" onClick={() => ask('activate')}>{t('activate.button')}</button>
        </Match>
        <Match when={props.plan.status === 'active' && asking() !== 'close'}>
          {/* A live plan's work happens elsewhere: say where, or the office is left on an edit form. */}
          <p>{t('live.next')}</p>
          <ul class="next-links">
            <li><A href={`/office/progress?plan=${encodeURIComponent(props.plan.id)}`}>{t('live.progress')}</A></li>
            <li><A href={`/office/review?plan=${encodeURIComponent(props.plan.id)}`}>{t('live.review')}</A></li>
          </ul>
          <button type="button" class="btn btn-return" onClick={() => ask('close')}>{t('close.button')}</button>
        </Match>
        <Match when={props.plan.status === 'closed'}>
          <p>{t('planClose.done')} <Show when={props.plan.closedAt}>{(at) => <>{t('close.at')} {formatReceived(at())}.</>}</Show></p>
        </Match>
      </Switch>
      <Show when={asking()}>
        {(what) => (
          <div class="confirm" role="group" aria-labelledby="confirm-title">
            <h3 id="confirm-title" tabindex="-1" ref={panel}>{what() === 'activate' ? t('activate.title') : t('close.confirm')}</h3>
            <Show when={what() === 'activate'} fallback={<p>{t('close.ask')}</p>}>
              <p>{t('activate.intro')}</p>
              <Show when={props.warnings.length > 0}>
                <div class="notice warnings">
                  <p><strong>{t('activate.warnings')}</strong></p>
                  <ul>
                    <For each={props.warnings}>
                      {(w) => <li>{w.text} <button type="button" class="btn btn-link" onClick={() => props.onFix(w.targetId)}>{t('activate.fix')}</button></li>}
                    </For>
                  </ul>
                </div>
              </Show>
              <Show when={pastPeriods().length > 0}>
                <div class="notice warnings" data-testid="past-periods">
                  <p><strong>{t('activate.pastPeriods')}</strong> {pastPeriods().join(', ')}.</p>
                  <p>{t('activate.pastHelp')}</p>
                </div>
              </Show>
              <Show when={props.dirty}><p class="alert" role="alert">{t('activate.unsaved')}</p></Show>
            </Show>
            <Show when={error()}>
              <div class="alert" role="alert">
                {/* With the list, our own sentence (in the words on this screen) replaces the server's. */}
                <Show when={missing().length === 0}><p>{error()}</p></Show>
                <Show when={missing().length > 0}>
                  <p>{t('activate.missing')}</p>
                  <ul class="missing">
                    <For each={missing()}>
                      {(m) => (
                        <li data-target-id={m.targetId}>
                          {m.label}{' '}
                          <button type="button" class="btn btn-link" aria-label={`${t('activate.fix')}: ${m.label}`} onClick={() => props.onFix(m.targetId)}>{t('activate.fix')}</button>
                        </li>
                      )}
                    </For>
                  </ul>
                  {/* A plan imported whole names many targets the commune keeps for itself: one press, not one box each. */}
                  <Show when={missing().length > 1}>
                    <Show when={!markedAll()} fallback={<p role="status" class="notice">{t('activate.allCommuneDone')}</p>}>
                      <button type="button" class="btn" onClick={() => { props.onCommuneOnly(missing().map((m) => m.targetId)); setMarkedAll(true); }}>
                        {t('activate.allCommune')}
                      </button>
                    </Show>
                  </Show>
                </Show>
              </div>
            </Show>
            <div class="decision-buttons">
              <button type="button" class={what() === 'activate' ? 'btn btn-main' : 'btn btn-return'} disabled={busy() || (what() === 'activate' && props.dirty)} onClick={() => void run()}>
                {busy() ? t('plan.saving') + '…' : what() === 'activate' ? t('activate.confirm') : t('close.confirm')}
              </button>
              <button type="button" class="btn" onClick={() => { setAsking(null); setError(null); setMissing([]); }}>{t('activate.cancel')}</button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
