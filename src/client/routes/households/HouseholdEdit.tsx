/**
 * One household: add it (/households/new) or edit it, confirm a disputed value (two phones
 * wrote different things: both shown side by side with who and when), mark it moved away, or
 * merge it into another household of the register. Nothing is deleted: a moved or merged
 * household stays in the register under its filter. Every save is on disk and queued before
 * the screen says "Đã lưu trên máy".
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import type { Household, HouseholdConflict } from '../../../shared/schemas';
import { sendSoon, useRegister } from './register-view';
import { showFlash } from '../../app-context';
import { StorageFullError } from '../../data/outbox';
import type { HouseholdFieldName, HouseholdFields } from '../../data/household-changes';
import { Icon } from '../../components/Icon';
import { t, formatTime, formatDay, type MessageKey } from '../../i18n';

export default function HouseholdEdit() {
  const params = useParams();
  const isNew = () => params.id === 'new';
  const reg = useRegister();
  const household = createMemo(() => reg.data()?.households.find((h) => h.id === params.id));
  return (
    <main class="screen" aria-labelledby="hh-edit-title">
      <p>
        <A href="/households" class="back-link">
          <Icon name="back" /> {t('hh.back_list')}
        </A>
      </p>
      <Show when={reg.data()}>
        <Show when={isNew() || household()} fallback={<p class="notice notice-warn">{t('hh.not_found')}</p>}>
          <h1 id="hh-edit-title">{isNew() ? t('hh.form_new') : household()!.headName}</h1>
          <Show when={household()}>{(h) => <Conflicts household={h()} />}</Show>
          <Show when={household()?.status !== 'active' && household()}>{(h) => <GoneNote household={h()} />}</Show>
          <Show when={household()?.status === 'active' && household()}>
            {(h) => (
              <A class="button wide" href={`/households/walk?h=${encodeURIComponent(h().id)}`} data-testid="hh-assess">
                <Icon name="next" /> {t('hh.assess')}
              </A>
            )}
          </Show>
          {/* Drawn again when the household changes (a confirmed dispute, a sync): a form still
              showing the old value would send it back with the next "Lưu". */}
          <Show when={isNew() ? 'new' : `${household()!.id}:${household()!.revision}`} keyed>
            {(_key) => <Form household={household()} hamlets={[...new Set((reg.data()?.households ?? []).map((h) => h.hamlet).filter((x): x is string => !!x))]} />}
          </Show>
          <Show when={household()?.status === 'active' && household()}>
            {(h) => (
              <>
                <MoveAway household={h()} />
                <Merge household={h()} others={(reg.data()?.households ?? []).filter((o) => o.id !== h().id && o.status === 'active')} />
              </>
            )}
          </Show>
        </Show>
      </Show>
    </main>
  );
}

/** Runs a save, then sends it soon; a full phone is explained, not swallowed (G8). */
async function saving(app: Parameters<typeof sendSoon>[0], work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    sendSoon(app);
    return true;
  } catch (error) {
    showFlash(error instanceof StorageFullError ? t('storage.full') : t('error.generic'), 'error');
    return false;
  }
}

function Form(props: { household: Household | undefined; hamlets: string[] }) {
  const { app } = useRegister();
  const navigate = useNavigate();
  const h = props.household;
  const [headName, setHeadName] = createSignal(h?.headName ?? '');
  const [hamlet, setHamlet] = createSignal(h?.hamlet ?? '');
  const [address, setAddress] = createSignal(h?.address ?? '');
  const [members, setMembers] = createSignal(h?.members === null || h?.members === undefined ? '' : String(h.members));
  const [poor, setPoor] = createSignal(h?.poor ?? false);
  const [nearPoor, setNearPoor] = createSignal(h?.nearPoor ?? false);
  const [error, setError] = createSignal<MessageKey | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const name = headName().trim();
    if (!name) return setError('hh.head_required');
    const m = members().trim();
    if (m !== '' && !/^\d{1,3}$/.test(m)) return setError('hh.members_invalid');
    const count = m === '' ? null : Number(m);
    if (count !== null && count > 100) return setError('hh.members_invalid');
    setError(null);
    const fields: HouseholdFields = { headName: name, hamlet: hamlet().trim() || null, address: address().trim() || null, members: count, poor: poor(), nearPoor: nearPoor() };
    const ok = await saving(app, async () => {
      const unitId = app.meta()?.user?.unitId ?? '';
      if (!h) return app.data.createHousehold(unitId, fields);
      for (const field of Object.keys(fields) as HouseholdFieldName[]) {
        if (JSON.stringify(fields[field]) !== JSON.stringify(h[field])) await app.data.editHousehold(h.id, field, fields[field] as never);
      }
    });
    if (ok) {
      showFlash(t('hh.saved'));
      navigate('/households');
    }
  };

  return (
    <form class="hh-form" onSubmit={(e) => void submit(e)} novalidate>
      <Show when={h}><h2>{t('hh.form_edit')}</h2></Show>
      <label class="field-label" for="hh-head">{t('hh.head_name')}</label>
      <input id="hh-head" type="text" value={headName()} onInput={(e) => setHeadName(e.currentTarget.value)} autocomplete="off" data-testid="hh-head" />
      <label class="field-label" for="hh-hamlet-input">{t('hh.hamlet')}</label>
      <input id="hh-hamlet-input" type="text" list="hh-hamlets" value={hamlet()} onInput={(e) => setHamlet(e.currentTarget.value)} autocomplete="off" />
      <datalist id="hh-hamlets"><For each={props.hamlets}>{(x) => <option value={x} />}</For></datalist>
      <label class="field-label" for="hh-address">{t('hh.address')}</label>
      <input id="hh-address" type="text" value={address()} onInput={(e) => setAddress(e.currentTarget.value)} autocomplete="off" />
      <label class="field-label" for="hh-members">{t('hh.members')}</label>
      <input id="hh-members" type="text" inputmode="numeric" pattern="[0-9]*" value={members()} onInput={(e) => setMembers(e.currentTarget.value)} class="short-number" data-testid="hh-members" />
      <div class="toggle">
        <label class={poor() ? 'toggle-option on' : 'toggle-option'}>
          <input type="checkbox" checked={poor()} onChange={(e) => setPoor(e.currentTarget.checked)} /> {t('hh.poor')}
        </label>
        <label class={nearPoor() ? 'toggle-option on' : 'toggle-option'}>
          <input type="checkbox" checked={nearPoor()} onChange={(e) => setNearPoor(e.currentTarget.checked)} /> {t('hh.near_poor')}
        </label>
      </div>
      <Show when={error()}>{(k) => <p class="field-error" role="alert">{t(k())}</p>}</Show>
      <button type="submit" class="button wide" data-testid="hh-save"><Icon name="check" /> {t('hh.save')}</button>
    </form>
  );
}

function GoneNote(props: { household: Household }) {
  const reg = useRegister();
  const into = () => reg.data()?.households.find((h) => h.id === props.household.mergedInto);
  return (
    <p class="notice notice-info" data-testid="hh-gone">
      {t('hh.gone_note', { status: props.household.status === 'moved' ? t('hh.moved').toLowerCase() : t('hh.merged').toLowerCase(), reason: props.household.statusReason ?? '' })}
      <Show when={into()}>{(h) => <> · <A href={`/households/${encodeURIComponent(h().id)}`}>{t('hh.merged_into', { name: h().headName })}</A></>}</Show>
    </p>
  );
}

function MoveAway(props: { household: Household }) {
  const { app } = useRegister();
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal(false);
  const move = async () => {
    if (!reason().trim()) return setError(true);
    setError(false);
    if (await saving(app, () => app.data.moveHousehold(props.household.id, reason()))) showFlash(t('hh.saved'));
  };
  return (
    <details class="hh-section">
      <summary>{t('hh.move_title')}</summary>
      <label class="field-label" for="hh-move-reason">{t('hh.move_reason')}</label>
      <input id="hh-move-reason" type="text" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      <Show when={error()}><p class="field-error" role="alert">{t('hh.reason_required')}</p></Show>
      <button type="button" class="button button-secondary wide" onClick={() => void move()} data-testid="hh-move">{t('hh.move_button')}</button>
    </details>
  );
}

function Merge(props: { household: Household; others: Household[] }) {
  const { app } = useRegister();
  const [into, setInto] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal(false);
  const sorted = createMemo(() => [...props.others].sort((a, b) => a.headName.localeCompare(b.headName, 'vi')));
  const merge = async () => {
    if (!into()) return setError(true);
    setError(false);
    if (await saving(app, () => app.data.mergeHousehold(props.household.id, into(), reason()))) showFlash(t('hh.saved'));
  };
  return (
    <details class="hh-section">
      <summary>{t('hh.merge_title')}</summary>
      <p class="field-hint">{t('hh.merge_hint')}</p>
      <label class="field-label" for="hh-merge-into">{t('hh.merge_into')}</label>
      <select id="hh-merge-into" value={into()} onChange={(e) => setInto(e.currentTarget.value)}>
        <option value="">{t('hh.merge_pick')}</option>
        <For each={sorted()}>{(o) => <option value={o.id}>{o.headName}{o.hamlet ? ` — ${o.hamlet}` : ''}</option>}</For>
      </select>
      <label class="field-label" for="hh-merge-reason">{t('hh.merge_reason')}</label>
      <input id="hh-merge-reason" type="text" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      <Show when={error()}><p class="field-error" role="alert">{t('hh.merge_required')}</p></Show>
      <button type="button" class="button button-secondary wide" onClick={() => void merge()} data-testid="hh-merge">{t('hh.merge_button')}</button>
    </details>
  );
}

/** Disputed fields and items: both values side by side, who and when, one button each to confirm. */
function Conflicts(props: { household: Household }) {
  const reg = useRegister();
  const confirm = async (c: HouseholdConflict, value: unknown) => {
    if (await saving(reg.app, () => reg.app.data.confirmConflict(props.household.id, c.key, value))) showFlash(t('hh.conflict_done'));
  };
  const label = (key: string): string => {
    if (key.startsWith('field:')) return t(`hh.field_${key.slice(6)}` as MessageKey);
    const [, checklistId, , itemId] = key.split(':');
    const set = reg.data()?.checklists.find((c) => c.id === checklistId);
    return set?.items.find((i) => i.code === itemId)?.label ?? itemId ?? key;
  };
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return key.startsWith('item:') ? t('hh.value_unset') : t('hh.value_empty');
    if (value === true) return key.startsWith('item:') ? t('walk.holds') : t('hh.value_yes');
    if (value === false) return key.startsWith('item:') ? t('walk.fails') : t('hh.value_no');
    if (typeof value === 'object') {
      const s = value as { status?: string; reason?: string | null };
      const status = s.status === 'moved' ? t('hh.moved') : s.status === 'merged' ? t('hh.merged') : t('hh.status_active');
      return s.reason ? `${status}: ${s.reason}` : status;
    }
    return String(value);
  };
  /** The value in force: the latest typed (a tie goes to the larger change id, as on the server). */
  const inForce = (c: HouseholdConflict) =>
    c.values.reduce((best, v, i) => {
      const b = c.values[best]!;
      return v.at > b.at || (v.at === b.at && v.changeId > b.changeId) ? i : best;
    }, 0);
  const when = (at: string) => {
    const ms = Date.parse(at);
    return `${formatTime(ms)} ${formatDay(ms)}`;
  };
  return (
    <Show when={props.household.conflicts.length > 0}>
      <section class="notice notice-warn conflicts" aria-labelledby="hh-conflicts" data-testid="hh-conflicts">
        <h2 id="hh-conflicts"><Icon name="warn" /> {t('hh.conflicts_title')}</h2>
        <p>{t('hh.conflicts_intro')}</p>
        <For each={props.household.conflicts}>
          {(c) => (
            <div class="conflict" data-key={c.key}>
              <h3>{label(c.key)}</h3>
              <div class="conflict-values">
                <For each={c.values}>
                  {(v, i) => (
                    <div class="conflict-value" data-testid="conflict-value">
                      <p class="conflict-text">{show(c.key, v.value)}</p>
                      <p class="details">{t('hh.conflict_by', { by: v.by, time: when(v.at) })}</p>
                      <Show when={i() === inForce(c)}>
                        <p class="details"><strong>{t('hh.conflict_in_force')}</strong></p>
                      </Show>
                      <button type="button" class="button wide" onClick={() => void confirm(c, v.value)} data-testid="conflict-pick">
                        {t('hh.conflict_pick')}
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
  );
}
