/** The plan's header as read from the document, for the office to correct. */
import { For, Index, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import type { Rhythm } from '../../../shared/schemas/plans';
import type { DraftError, ImportDraft } from './draft';
import { t, type MessageKey } from '../messages';

interface Props {
  draft: ImportDraft;
  set: SetStoreFunction<{ draft: ImportDraft | null }>;
  errors: DraftError[];
}

const RHYTHMS: Rhythm[] = ['quarter', 'half-year', 'year'];

export default function HeaderForm(props: Props) {
  const err = (field: string) => props.errors.find((e) => e.where === 'plan' && e.field === field)?.message;
  const text = (field: 'title' | 'number' | 'issuedOn' | 'year' | 'theme', label: MessageKey, opts: { type?: string; wide?: boolean } = {}) => (
    <label class={`field ${opts.wide ? 'field-wide' : ''}`}>
      <span>{t(label)}</span>
      <input
        name={`plan-${field}`}
        type={opts.type ?? 'text'}
        inputmode={field === 'year' ? 'numeric' : undefined}
        value={props.draft.plan[field]}
        aria-invalid={err(field) ? 'true' : undefined}
        onInput={(e) => props.set('draft', 'plan', field, e.currentTarget.value)}
      />
      <Show when={err(field)}><small class="field-error">{err(field)}</small></Show>
    </label>
  );

  return (
    <section class="card" aria-labelledby="plan-header">
      <h2 id="plan-header">{t('import.header')}</h2>
      <div class="form-grid">
        {text('title', 'field.title', { wide: true })}
        {text('number', 'field.number')}
        {text('issuedOn', 'field.issuedOn', { type: 'date' })}
        {text('year', 'field.year')}
        {text('theme', 'field.theme', { wide: true })}
        <p class="field field-wide muted">{t('field.issuer')}: {props.draft.plan.issuer || '—'}</p>
      </div>
      <fieldset class="rhythms">
        <legend>{t('field.reporting')}</legend>
        <For each={RHYTHMS}>
          {(r) => (
            <label class="check">
              <input
                type="checkbox"
                checked={props.draft.plan.reporting.includes(r)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const cur = props.draft.plan.reporting;
                  props.set('draft', 'plan', 'reporting', on ? RHYTHMS.filter((x) => x === r || cur.includes(x)) : cur.filter((x) => x !== r));
                }}
              />
              {t(`rhythm.${r}` as MessageKey)}
            </label>
          )}
        </For>
      </fieldset>
      <fieldset class="rounds">
        <legend>{t('field.rounds')}</legend>
        <Index each={props.draft.plan.rounds}>
          {(round, i) => (
            <div class="round-row">
              <For each={[['name', 'round.name', 'text'], ['from', 'round.from', 'date'], ['to', 'round.to', 'date'], ['reportDeadline', 'round.deadline', 'date']] as const}>
                {([key, label, type]) => (
                  <label class="field">
                    <span>{t(label)}</span>
                    <input
                      type={type}
                      value={round()[key]}
                      aria-invalid={err(`rounds.${i}.${key}`) ? 'true' : undefined}
                      onInput={(e) => props.set('draft', 'plan', 'rounds', i, key, e.currentTarget.value)}
                    />
                    <Show when={err(`rounds.${i}.${key}`)}><small class="field-error">{err(`rounds.${i}.${key}`)}</small></Show>
                  </label>
                )}
              </For>
              <button type="button" class="btn btn-quiet" onClick={() => props.set('draft', 'plan', 'rounds', (rs) => rs.filter((_, k) => k !== i))}>
                {t('round.remove')}
              </button>
            </div>
          )}
        </Index>
        <button
          type="button"
          class="btn"
          onClick={() => props.set('draft', 'plan', 'rounds', (rs) => [...rs, { name: `Đợt ${rs.length + 1}`, from: '', to: '', reportDeadline: '' }])}
        >
          {t('round.add')}
        </button>
      </fieldset>
    </section>
  );
}
