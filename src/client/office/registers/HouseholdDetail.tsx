/**
 * A household in the office: its fields, this period's ticks, open disputes with each value
 * side by side and a "Chọn giá trị này" for each (a change with resolve: true), the history
 * (who changed what, when), and erasing the name and address on the person's request.
 */
import { For, Show, createResource, createSignal } from 'solid-js';
import type { Assessment, ChecklistSet, Household, HouseholdConflict } from '../../../shared/schemas/registers';
import type { Period } from '../../../shared/schemas/plans';
import type { HouseholdHistoryEntry } from '../../../shared/schemas/register-office';
import { t, type MessageKey } from '../messages';
import { explain } from '../api';
import { anonymise, confirmValue, getHistory } from '../api-registers';
import { Dialog, DialogButtons, formatDateTime, tp, useSave } from '../setup-kit';
import { assessmentOf } from './register-view';
import { parseItemKey } from '../../../shared/registers';

interface Props {
  household: Household;
  assessments: readonly Assessment[];
  checklists: readonly ChecklistSet[];
  periods: readonly Period[];
  periodId: string;
  onClose: () => void;
  onChanged: (notice: string) => void;
}

/** What a key names: "Số nhân khẩu", or "Sạch nhà (5 không 3 sạch, Quý IV/2026)". */
function keyLabel(key: string, checklists: readonly ChecklistSet[], periods: readonly Period[]): string {
  if (key === 'create') return t('reg.history.create');
  if (key.startsWith('field:')) return t(`reg.field.${key.slice(6)}` as MessageKey);
  const { checklistId, periodId, itemId } = parseItemKey(key) ?? { checklistId: '', periodId: '', itemId: key };
  const c = checklists.find((x) => x.id === checklistId);
  const item = c?.items.find((i) => i.code === itemId)?.label ?? itemId;
  return `${item} (${c?.name ?? checklistId}, ${periods.find((p) => p.id === periodId)?.name ?? periodId})`;
}

/** A stored value in words: "Có"/"Không", an item's verdict, a status, a number. */
function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined) return key.startsWith('item:') ? t('reg.item.unknown') : '—';
  if (typeof value === 'boolean') return key.startsWith('item:') ? t(value ? 'reg.item.yes' : 'reg.item.no') : t(value ? 'reg.yes' : 'reg.no');
  if (key === 'field:status' && typeof value === 'object') {
    const v = value as { status: string; reason: string | null };
    const word = v.status === 'active' ? t('reg.detail.active') : t(`reg.status.${v.status}` as MessageKey);
    return v.reason ? `${word}: ${v.reason}` : word;
  }
  if (key === 'create' && typeof value === 'object') {
    const v = value as { headName?: string; hamlet?: string | null; members?: number | null };
    return [v.headName, v.hamlet, v.members != null ? `${v.members} ${t('reg.col.members').toLowerCase()}` : ''].filter(Boolean).join(', ');
  }
  return String(value);
}

function historyWhat(e: HouseholdHistoryEntry, checklists: readonly ChecklistSet[], periods: readonly Period[]): string {
  if (e.kind === 'move') return t('reg.history.move');
  if (e.kind === 'merge') return t('reg.history.merge');
  return keyLabel(e.key, checklists, periods);
}

export default function HouseholdDetail(props: Props) {
  const h = () => props.household;
  const [history, { refetch }] = createResource(() => h().id, getHistory);
  const [confirming, setConfirming] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busyKey, setBusyKey] = createSignal<string | null>(null);
  const periodName = () => props.periods.find((p) => p.id === props.periodId)?.name ?? '';
  const assessed = () => props.checklists.flatMap((c) => {
    const a = assessmentOf(props.assessments, h().id, c.id, props.periodId);
    return a ? [{ checklist: c, items: a.items }] : [];
  });

  const choose = async (conflict: HouseholdConflict, value: unknown, index: number) => {
    setBusyKey(`${conflict.key}#${index}`);
    setError(null);
    try {
      const r = await confirmValue(h(), conflict.key, value);
      if (r.status === 'rejected') setError(r.message ?? t('net.server'));
      else {
        props.onChanged(t('reg.chosen'));
        void refetch();
      }
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusyKey(null);
    }
  };

  return (
    <Dialog title={tp('reg.detail', { name: h().headName })} onClose={() => props.onClose()} wide>
      <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
      <Show when={h().conflicts.length > 0}>
        <section class="reg-conflicts" aria-labelledby="reg-conflicts-title">
          <h3 id="reg-conflicts-title">{t('reg.conflicts')}</h3>
          <p class="muted">{t('reg.conflicts.help')}</p>
          <For each={h().conflicts}>
            {(c) => (
              <div class="reg-conflict">
                <h4>{keyLabel(c.key, props.checklists, props.periods)}</h4>
                <div class="reg-conflict-values">
                  <For each={c.values}>
                    {(v, i) => (
                      <div class="reg-conflict-value card">
                        <strong class="reg-value">{valueText(c.key, v.value)}</strong>
                        <span class="muted">{tp('reg.conflict.by', { by: v.by, at: formatDateTime(v.at) })}</span>
                        <button type="button" class="btn btn-main" disabled={busyKey() !== null} onClick={() => void choose(c, v.value, i())}>
                          {t('reg.choose')}
                        </button>
                      </div>
                    )}
                  </For>
                </div>
              </div>
            )}
          </For>
        </section>
      </Show>
      <h3>{t('reg.detail.fields')}</h3>
      <dl class="reg-fields">
        <dt>{t('reg.field.hamlet')}</dt><dd>{h().hamlet ?? '—'}</dd>
        <dt>{t('reg.detail.address')}</dt><dd>{h().address ?? '—'}</dd>
        <dt>{t('reg.field.members')}</dt><dd>{h().members ?? '—'}</dd>
        <dt>{t('reg.field.poor')}</dt><dd>{t(h().poor ? 'reg.yes' : 'reg.no')}</dd>
        <dt>{t('reg.field.nearPoor')}</dt><dd>{t(h().nearPoor ? 'reg.yes' : 'reg.no')}</dd>
        <dt>{t('reg.detail.status')}</dt>
        <dd>{h().status === 'active' ? t('reg.detail.active') : `${t(`reg.status.${h().status}` as MessageKey)}${h().statusReason ? `: ${h().statusReason}` : ''}`}</dd>
      </dl>
      <For each={assessed()} fallback={<p class="muted">{t('reg.detail.notAssessed')}</p>}>
        {({ checklist, items }) => (
          <>
            <h3>{tp('reg.detail.assessment', { checklist: checklist.name, period: periodName() })}</h3>
            <ul class="reg-items">
              <For each={checklist.items}>
                {(i) => (
                  <li>
                    <span class={`state-chip ${items[i.code] === true ? 'state-approved' : items[i.code] === false ? 'state-returned' : 'state-submitted'}`}>
                      {valueText(`item:${checklist.id}`, items[i.code] ?? null)}
                    </span>{' '}{i.label}
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </For>
      <h3>{t('reg.history')}</h3>
      <Show when={history()} fallback={<p class="muted">{history.error ? explain(history.error) : t('reg.history.loading')}</p>}>
        <ol class="reg-history">
          <For each={[...(history() ?? [])].reverse()}>
            {(e) => (
              <li>
                <span class="nowrap muted">{formatDateTime(e.at)}</span> · <strong>{e.by}</strong> · {historyWhat(e, props.checklists, props.periods)}
                <Show when={e.kind === 'field' || e.kind === 'item' || e.kind === 'create'}>: {valueText(e.key, e.value)}</Show>
                <Show when={e.conflict}> <span class="state-chip state-returned">{t('reg.history.disputed')}</span></Show>
                <Show when={!e.applied}> <span class="muted">({t('reg.history.notApplied')})</span></Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <div class="dialog-buttons">
        <Show when={h().anonymisedAt === null}>
          <button type="button" class="btn btn-return" onClick={() => setConfirming(true)}>{t('reg.anonymise')}</button>
        </Show>
        <button type="button" class="btn btn-main" onClick={() => props.onClose()}>{t('reg.close')}</button>
      </div>
      <Show when={confirming()}>
        <AnonymiseDialog household={h()} onClose={() => setConfirming(false)} onDone={() => (setConfirming(false), props.onChanged(t('reg.anonymised')), props.onClose())} />
      </Show>
    </Dialog>
  );
}

function AnonymiseDialog(props: { household: Household; onClose: () => void; onDone: () => void }) {
  const { busy, error, run } = useSave();
  return (
    <Dialog title={t('reg.anonymise.title')} onClose={() => props.onClose()}>
      <form onSubmit={(e) => { e.preventDefault(); void run(async () => { await anonymise(props.household.id); props.onDone(); }); }}>
        <p><strong>{props.household.headName}</strong>{props.household.hamlet ? `, ${props.household.hamlet}` : ''}</p>
        <p>{t('reg.anonymise.body')}</p>
        <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
        <DialogButtons busy={busy()} submit={t('reg.anonymise.confirm')} onCancel={() => props.onClose()} danger />
      </form>
    </Dialog>
  );
}
