/**
 * Units that still owe figures for the period, each with what is missing, and the reminder
 * texts: "Nhắc" for one unit, "Nhắc tất cả" for the commune's Zalo group. The text is shown
 * (selectable, so it can always be copied by hand), copied with the Clipboard API, or handed
 * to the phone's or computer's share sheet (Web Share API) where there is one.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { daysLeft } from '../../../shared/periods';
import { unitName } from '../review/lookups';
import { t } from '../messages';
import type { ProgressView } from './ProgressScreen';
import { formatDate } from './format';
import { deadlineWords, NEAR_DAYS, officeSignature, owingUnits, reminderFor, reminderForAll, type ReminderContext } from './reminder';

/** "UBND xã Lơ Ku" from the commune's unit name ("Xã Lơ Ku"). */
export function officeName(view: ProgressView): string {
  return officeSignature(view.names.units.get(view.plan.issuerUnitId)?.name);
}

export default function LateList(props: { view: ProgressView }) {
  const owing = createMemo(() => owingUnits(props.view.progress, (id) => unitName(props.view.names, id), props.view.plan.issuerUnitId));
  const days = () => daysLeft(props.view.period.deadline, Date.now());
  const context = (): ReminderContext => ({
    office: officeName(props.view), planTitle: props.view.plan.title, periodName: props.view.period.name,
    deadline: props.view.period.deadline, daysLeft: days(), link: `${location.origin}/`,
  });
  const [message, setMessage] = createSignal<{ for: string; text: string } | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  let box: HTMLTextAreaElement | undefined;

  function write(forWho: string, text: string) {
    setStatus(null);
    setMessage({ for: forWho, text });
    queueMicrotask(() => { box?.focus(); box?.select(); });
  }

  async function copy() {
    const m = message();
    if (!m) return;
    try {
      await navigator.clipboard.writeText(m.text);
      setStatus(t('pg.late.copied'));
    } catch {
      box?.select();
      setStatus(t('pg.late.copyFailed'));
    }
  }

  const canShare = () => typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  async function share() {
    const m = message();
    if (!m) return;
    try {
      await navigator.share({ text: m.text });
      setStatus(t('pg.late.shared'));
    } catch {
      // Closed without sending, or refused: the text stays here to copy.
    }
  }

  return (
    <section class="card" aria-labelledby="late-title">
      <div class="office-heading">
        <h2 id="late-title">{t('pg.late.title')} — {props.view.period.name}</h2>
        <Show when={owing().length > 0}>
          <button type="button" class="btn btn-main" onClick={() => write(t('pg.late.remindAll'), reminderForAll(owing(), context()))}>
            {t('pg.late.remindAll')} ({owing().length})
          </button>
        </Show>
      </div>
      <p class={days() < 0 ? 'late-status overdue' : 'late-status'}>
        {t('pg.deadline')} {formatDate(props.view.period.deadline)}: {deadlineWords(days())}.
        <Show when={days() > NEAR_DAYS}> {t('pg.late.notYet')} {days()} {t('pg.late.days')}.</Show>
      </p>
      <Show when={owing().length > 0} fallback={<p class="ok-text">✓ {t('pg.late.none')}</p>}>
        <table class="grid late-table">
          <thead>
            <tr><th scope="col">{t('pg.heat.unit')}</th><th scope="col">{t('pg.late.missing')}</th><th scope="col"><span class="sr-only">{t('pg.late.remind')}</span></th></tr>
          </thead>
          <tbody>
            <For each={owing()}>
              {(o) => (
                <tr data-unit={o.unitId}>
                  <th scope="row">{o.name}</th>
                  <td>
                    <strong>{o.noReport ? t('pg.late.noReport') : t('pg.late.partial')}</strong>
                    <Show when={o.missing.length > 0}>
                      <ul class="missing-list"><For each={o.missing}>{(m) => <li>{m}</li>}</For></ul>
                    </Show>
                  </td>
                  <td>
                    <button type="button" class="btn" aria-label={`${t('pg.late.remind')} ${o.name}`} onClick={() => write(o.name, reminderFor(o, context()))}>
                      {t('pg.late.remind')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={message()}>
        {(m) => (
          <div class="reminder card" role="region" aria-labelledby="reminder-title">
            <h3 id="reminder-title">{t('pg.late.message')}: {m().for}</h3>
            <textarea ref={box} class="reminder-text" readonly rows={Math.min(16, m().text.split('\n').length + 1)} aria-labelledby="reminder-title" value={m().text} />
            <div class="reminder-actions">
              <button type="button" class="btn btn-main" onClick={() => void copy()}>{t('pg.late.copy')}</button>
              <Show when={canShare()}>
                <button type="button" class="btn" onClick={() => void share()}>{t('pg.late.share')}</button>
              </Show>
              <span aria-live="polite" class="reminder-status">{status()}</span>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
