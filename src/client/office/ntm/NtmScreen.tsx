/**
 * "Nông thôn mới": the commune's NTM tracker. At the top the set (and commune group) the
 * commune follows; then "Đạt x/y tiêu chí" with a bar, and the criteria as expandable rows
 * with their indicators: met / not met, a figure, an evidence note, who recorded it and when.
 * Household-share indicators show the registers' figure ("412/450 hộ, 91,6%"); unconfirmed
 * items carry "chưa đối chiếu văn bản". A village-level set is followed per village.
 * Every save answers with the tracker as the server now computes it, so "đạt x/y" follows.
 */
import { createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import type { CriteriaSet } from '../../../shared/schemas/registers';
import type { IndicatorView, TrackerChoices, TrackerLevel, TrackerView } from '../../../shared/schemas/ntm';
import { formatShare } from '../../../shared/ntm';
import { formatViNumber, parseViNumber } from '../../../shared/vi-number';
import { explain } from '../api';
import { session } from '../session';
import { addVillageSet, getChoices, getTracker, listCriteriaSets, recordIndicator, saveChoice } from '../api-ntm';
import { formatInstant } from '../progress/format';
import { t } from '../messages';
import { parseVillageCriteria } from './village-set';
import './ntm.css';

export default function NtmScreen() {
  const [sets, { refetch: refetchSets }] = createResource(listCriteriaSets);
  const [choices, { mutate: setChoices }] = createResource(getChoices);
  const [level, setLevel] = createSignal<TrackerLevel>('commune');
  const [villageId, setVillageId] = createSignal<string | undefined>();
  const [tracker, { mutate: setTracker, refetch: refetchTracker }] = createResource(
    () => ({ level: level(), villageId: villageId(), chosen: choices()?.[level()]?.criteriaSetId ?? null }),
    (k) => (k.chosen ? getTracker(k.level, k.villageId) : Promise.resolve(null)),
  );

  return (
    <main class="office-main ntm-page">
      <h1>{t('ntm.title')}</h1>
      <Show when={sets() && choices()} fallback={<p>{t('ntm.loading')}</p>}>
        <ChoiceCard sets={sets()!} choices={choices()!} onSaved={(c) => { setChoices(c); void refetchTracker(); }} />
        <div class="ntm-levels" role="group" aria-label={t('ntm.levels')}>
          <For each={['commune', 'village'] as const}>
            {(l) => (
              <button type="button" class="btn" classList={{ 'btn-main': level() === l }} aria-pressed={level() === l} onClick={() => setLevel(l)}>
                {t(`ntm.level.${l}`)}
              </button>
            )}
          </For>
        </div>
        <Show when={choices()![level()]} fallback={<p class="card ntm-empty">{level() === 'commune' ? t('ntm.noChoice') : t('ntm.noVillageSet')}</p>}>
          <Show when={tracker()} fallback={<p>{t('ntm.loading')}</p>}>
            {(view) => (
              <Tracker view={view()} level={level()} onVillage={setVillageId} onChanged={(v) => setTracker(v)} />
            )}
          </Show>
        </Show>
        <Show when={level() === 'village'}>
          <AddVillageSet onAdded={() => void refetchSets()} />
        </Show>
      </Show>
    </main>
  );
}

function ChoiceCard(props: { sets: CriteriaSet[]; choices: TrackerChoices; onSaved: (c: TrackerChoices) => void }) {
  const current = () => props.choices.commune;
  const [setId, setSetId] = createSignal(current()?.criteriaSetId ?? '');
  const [group, setGroup] = createSignal<string>(current()?.group ? String(current()!.group) : '');
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const picked = createMemo(() => props.sets.find((s) => s.id === setId()));
  const save = async () => {
    const set = picked();
    if (!set) return;
    setBusy(true);
    setMessage('');
    try {
      props.onSaved(await saveChoice({ criteriaSetId: set.id, group: set.grouped ? (Number(group()) as 1 | 2 | 3) || null : null }));
      setMessage(t('ntm.choiceSaved'));
    } catch (e) {
      setMessage(explain(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="ntm-choice">
      <h2 id="ntm-choice">{t('ntm.choice')}</h2>
      <div class="ntm-choice">
        <label class="field">
          <span>{t('ntm.set')}</span>
          <select value={setId()} onChange={(e) => setSetId(e.currentTarget.value)}>
            <option value="">{t('ntm.pickSet')}</option>
            <For each={props.sets}>{(s) => <option value={s.id} selected={s.id === setId()}>{s.name}{s.level === 'village' ? ` (${t('ntm.level.village')})` : ''}</option>}</For>
          </select>
        </label>
        <Show when={picked()?.grouped}>
          <label class="field">
            <span>{t('ntm.group')}</span>
            <select value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
              <option value="">{t('ntm.pickGroup')}</option>
              <For each={['1', '2', '3']}>{(g) => <option value={g}>{t('ntm.group.n')} {g}</option>}</For>
            </select>
          </label>
        </Show>
        <button type="button" class="btn btn-main" disabled={!picked() || busy()} onClick={() => void save()}>{t('ntm.saveChoice')}</button>
      </div>
      <Show when={picked()?.grouped}><p class="muted">{t('ntm.groupHelp')}</p></Show>
      <Show when={picked()}>{(s) => <p class="muted">{t('ntm.source')}: {s().source}</p>}</Show>
      <For each={(['commune', 'village'] as const).map((l) => props.choices[l]).filter((c) => c !== null)}>
        {(c) => (
          <p class="muted">
            {t(`ntm.level.${c.level}`)}: <strong>{c.name}</strong>{c.group ? ` — ${t('ntm.group.n')} ${c.group}` : ''} · {t('ntm.chosenBy')} {c.updatedBy} {t('ntm.at')} {formatInstant(c.updatedAt)}
          </p>
        )}
      </For>
      <Show when={message()}><p role="status">{message()}</p></Show>
    </section>
  );
}

function Tracker(props: { view: TrackerView; level: TrackerLevel; onVillage: (id: string) => void; onChanged: (v: TrackerView | null) => void }) {
  const percent = () => (props.view.total === 0 ? 0 : (props.view.met / props.view.total) * 100);
  return (
    <>
      <section class="card ntm-summary" aria-live="polite">
        <Show when={props.level === 'village' && props.view.villages.length > 0}>
          <label class="field ntm-village">
            <span>{t('ntm.village')}</span>
            <select value={props.view.unit.id} onChange={(e) => props.onVillage(e.currentTarget.value)}>
              {/* `selected` on the option too: each answer re-creates the options, and a select's value set before its options are back is lost. */}
              <For each={props.view.villages}>{(v) => <option value={v.id} selected={v.id === props.view.unit.id}>{v.name} — {t('ntm.met')} {v.met}/{v.total}</option>}</For>
            </select>
          </label>
        </Show>
        <p class="ntm-count" data-testid="ntm-count">
          {t('ntm.met')} <strong>{props.view.met}/{props.view.total}</strong> {t('ntm.of')}
          <Show when={props.level === 'village'}> — {props.view.unit.name}</Show>
        </p>
        <span class="bar ntm-bar" role="img" aria-label={`${props.view.met}/${props.view.total}`}>
          <span class="bar-fill" style={{ width: `${percent()}%` }} />
        </span>
        <p class="muted">{props.view.set.name}. {t('ntm.source')}: {props.view.set.source}</p>
      </section>
      <section class="ntm-criteria">
        {/* Index, not For: a save answers with new objects, and the open rows must stay open. */}
        <Index each={props.view.criteria}>
          {(c) => (
            <details class="card ntm-criterion" classList={{ met: c().met }} data-criterion={c().code}>
              <summary>
                <span class={`verdict ${c().met ? 'verdict-met' : 'verdict-notmet'}`}>{c().met ? t('ntm.criterionMet') : t('ntm.criterionNotMet')}</span>
                <span class="ntm-code">{c().code}.</span> <strong>{c().name}</strong>
                <span class="muted"> — {c().indicators.filter((i) => i.verdict === 'met').length}/{c().indicators.length} {t('ntm.indicatorsMet')}</span>
                <Show when={!c().confirmed}> <Unconfirmed /></Show>
              </summary>
              <Index each={c().indicators}>
                {(i) => <IndicatorRow indicator={i()} level={props.level} unitId={props.view.unit.id} onChanged={props.onChanged} />}
              </Index>
            </details>
          )}
        </Index>
      </section>
    </>
  );
}

function Unconfirmed() {
  return <span class="ntm-unconfirmed" title={t('ntm.unconfirmedHelp')}>{t('ntm.unconfirmed')}</span>;
}

function IndicatorRow(props: { indicator: IndicatorView; level: TrackerLevel; unitId: string; onChanged: (v: TrackerView | null) => void }) {
  const i = () => props.indicator;
  const [state, setState] = createSignal(i().recorded?.state ?? null);
  const [figure, setFigure] = createSignal(i().recorded?.figure === null || i().recorded?.figure === undefined ? '' : formatViNumber(i().recorded!.figure!));
  const [note, setNote] = createSignal(i().recorded?.note ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const figureValue = () => (figure().trim() === '' ? null : parseViNumber(figure()));
  /** Typed but not saved: said on screen, so a toggle pressed is not mistaken for a saved result. */
  const unsaved = () => {
    const r = i().recorded;
    return state() !== (r?.state ?? null) || note().trim() !== (r?.note ?? '') || figureValue() !== (r?.figure ?? null);
  };
  const save = async () => {
    const value = figureValue();
    if (figure().trim() !== '' && value === null) { setError(t('err.notNumber')); return; }
    setBusy(true);
    setError('');
    try {
      props.onChanged(await recordIndicator(i().code, {
        level: props.level, ...(props.level === 'village' ? { unitId: props.unitId } : {}), state: state(), figure: value, note: note(),
      }));
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  const id = () => `ntm-${i().code.replace('.', '-')}`;
  return (
    <div class="ntm-indicator" data-code={i().code}>
      <div class="ntm-indicator-head">
        <span class={`verdict ${i().verdict === 'met' ? 'verdict-met' : i().verdict === 'notMet' ? 'verdict-notmet' : 'verdict-nodata'}`}>
          {i().verdict === 'met' ? t('ntm.state.met') : i().verdict === 'notMet' ? t('ntm.state.notMet') : t('ntm.state.none')}
        </span>
        <span class="ntm-code">{i().code}</span> {i().name}
        <Show when={!i().confirmed}> <Unconfirmed /></Show>
      </div>
      <Show when={i().threshold}>{(th) => <p class="muted">{t('ntm.threshold')}: {th().text}</p>}</Show>
      <Show when={i().share}>
        {(share) => (
          <p class="ntm-share" title={t('ntm.fromRegisterHelp')}>
            {t('ntm.fromRegister')}: <strong>{formatShare(share())}</strong>
          </p>
        )}
      </Show>
      <div class="ntm-record">
        <div role="group" aria-label={`${t('ntm.state')} ${i().code}`} class="ntm-toggle">
          <button type="button" class="btn btn-small" classList={{ 'on-met': state() === 'met' }} aria-pressed={state() === 'met'} onClick={() => setState(state() === 'met' ? null : 'met')}>{t('ntm.state.met')}</button>
          <button type="button" class="btn btn-small" classList={{ 'on-notmet': state() === 'notMet' }} aria-pressed={state() === 'notMet'} onClick={() => setState(state() === 'notMet' ? null : 'notMet')}>{t('ntm.state.notMet')}</button>
        </div>
        <label class="field ntm-figure">
          <span>{t('ntm.figure')}</span>
          <input id={`${id()}-figure`} inputmode="decimal" value={figure()} onInput={(e) => setFigure(e.currentTarget.value)} aria-invalid={figure().trim() !== '' && figureValue() === null} />
        </label>
        <label class="field ntm-note">
          <span>{t('ntm.note')}</span>
          <textarea id={`${id()}-note`} rows={2} maxLength={1000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <button type="button" class="btn" classList={{ 'btn-main': unsaved() }} disabled={busy()} onClick={() => void save()}>{busy() ? t('ntm.saving') : t('ntm.save')}</button>
      </div>
      <Show when={unsaved() && !busy()}><p class="ntm-unsaved" role="status">{t('ntm.unsaved')}</p></Show>
      <p class="muted ntm-who">
        <Show when={i().recorded} fallback={t('ntm.neverRecorded')}>
          {(r) => <>{t('ntm.recordedBy')} {r().by} {t('ntm.at')} {formatInstant(r().at)} · {i().changes} {t('ntm.times')}</>}
        </Show>
      </p>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
    </div>
  );
}

/**
 * A set's (code, version) is unique in the whole database, which may serve several communes:
 * the code carries a piece of this commune's office unit id, so communes never collide and the
 * same commune adding the same version again hears "Đã có bộ tiêu chí cùng mã và phiên bản".
 */
function villageSetCode(): string {
  const own = (session()?.user.unitId ?? '').toLowerCase().replace(/[^a-z0-9]/g, '').slice(-8);
  return own ? `lang-ntm-${own}` : 'lang-ntm';
}

function AddVillageSet(props: { onAdded: () => void }) {
  const [name, setName] = createSignal('Bộ tiêu chí làng nông thôn mới');
  const [source, setSource] = createSignal('');
  const [version, setVersion] = createSignal(String(new Date().getFullYear()));
  const [lines, setLines] = createSignal('');
  const [message, setMessage] = createSignal('');
  const add = async () => {
    const { criteria, bad } = parseVillageCriteria(lines());
    if (bad.length > 0) { setMessage(`${t('ntm.setLinesBad')} ${bad.join('; ')}`); return; }
    if (criteria.length === 0) { setMessage(t('ntm.setLinesEmpty')); return; }
    const year = /^\d{4}/.exec(version().trim())?.[0] ?? String(new Date().getFullYear());
    try {
      await addVillageSet({
        code: villageSetCode(), version: version().trim(), name: name().trim(), source: source().trim(), level: 'village',
        validFrom: `${year}-01-01`, validTo: null, criteria,
      });
      setMessage(t('ntm.setAdded'));
      props.onAdded();
    } catch (e) {
      setMessage(explain(e));
    }
  };
  return (
    <details class="card">
      <summary><strong>{t('ntm.addSet')}</strong></summary>
      <p class="muted">{t('ntm.addSetHelp')}</p>
      <div class="form-grid">
        <label class="field"><span>{t('ntm.setName')}</span><input value={name()} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label class="field"><span>{t('ntm.setSource')}</span><input value={source()} onInput={(e) => setSource(e.currentTarget.value)} /></label>
        <label class="field"><span>{t('ntm.setVersion')}</span><input value={version()} onInput={(e) => setVersion(e.currentTarget.value)} /></label>
      </div>
      <label class="field"><span>{t('ntm.setLines')}</span><textarea rows={8} value={lines()} onInput={(e) => setLines(e.currentTarget.value)} placeholder={'1 Giao thông\n1.1 Đường trục thôn được cứng hóa'} /></label>
      <button type="button" class="btn btn-main" onClick={() => void add()}>{t('ntm.setAdd')}</button>
      <Show when={message()}><p role="status">{message()}</p></Show>
    </details>
  );
}
