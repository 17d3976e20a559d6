/**
 * The proposed targets as an editable table: every field the importer read can be corrected,
 * a row can be dropped (and brought back) or merged into the row above. Focusing a row shows
 * its source line. Numbers are typed the Vietnamese way and shown back as read.
 */
import { For, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import type { Area, Comparator, Measure } from '../../../shared/schemas/targets';
import { editRow, mergeIntoPrevious, numberText, readNumber, toggleDropped, type DraftError, type DraftRow, type ImportDraft } from './draft';
import { t, type MessageKey } from '../messages';

interface Props {
  draft: ImportDraft;
  set: SetStoreFunction<{ draft: ImportDraft | null }>;
  errors: DraftError[];
  selected: number | null;
  onSelect: (line: number | null) => void;
}

const AREAS: Area[] = ['economy', 'society', 'defense', 'other'];
const COMPARATORS: Comparator[] = ['atLeast', 'atMost', 'equal', 'range', 'done'];
const MEASURES: Measure[] = ['quantity', 'rate', 'xOfY', 'status', 'rank'];

export default function TargetsTable(props: Props) {
  const rows = () => props.draft.rows;
  const index = (key: string) => rows().findIndex((r) => r.key === key);
  const err = (row: DraftRow, field: string) => props.errors.find((e) => e.where === row.key && e.field === field)?.message;
  const setField = (row: DraftRow, field: 'label' | 'value' | 'valueMax' | 'outOf' | 'unit' | 'assignee', value: string) =>
    props.set('draft', 'rows', index(row.key), field, value);
  const patch = (row: DraftRow, p: Partial<DraftRow>) => props.set('draft', 'rows', index(row.key), editRow(row, p));
  /** Shows the number back as it was read: "2.5" → "2,5", "1110" → "1.110". */
  const tidyNumber = (row: DraftRow, field: 'value' | 'valueMax' | 'outOf') => {
    const n = readNumber(row[field]);
    if (typeof n === 'number') setField(row, field, numberText(n));
  };

  const numberInput = (row: DraftRow, field: 'value' | 'valueMax' | 'outOf', label: MessageKey) => (
    <>
      <input
        class="num"
        inputmode="decimal"
        aria-label={`${t(label)} — ${row.label}`}
        value={row[field]}
        disabled={row.dropped}
        aria-invalid={err(row, field) ? 'true' : undefined}
        onInput={(e) => setField(row, field, e.currentTarget.value)}
        onBlur={() => tidyNumber(row, field)}
      />
      <Show when={err(row, field)}><small class="field-error">{err(row, field)}</small></Show>
    </>
  );

  return (
    <section class="card" aria-labelledby="targets-title">
      <h2 id="targets-title">
        {t('import.targets')} <span class="muted">({rows().filter((r) => !r.dropped).length} {t('import.count')})</span>
      </h2>
      <div class="table-scroll">
        <table class="grid targets">
          <thead>
            <tr>
              <th>{t('col.line')}</th><th>{t('col.label')}</th><th>{t('col.area')}</th><th>{t('col.comparator')}</th>
              <th>{t('col.value')}</th><th>{t('col.unit')}</th><th>{t('col.measure')}</th><th>{t('col.assignee')}</th><th>{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr
                  data-key={row.key}
                  classList={{ dropped: row.dropped, child: row.parentKey !== null, selected: row.line !== null && row.line === props.selected, invalid: props.errors.some((e) => e.where === row.key) }}
                  onFocusIn={() => props.onSelect(row.line)}
                >
                  <td>
                    <Show when={row.line !== null} fallback="—">
                      <button type="button" class="btn btn-link" title={t('row.showLine')} onClick={() => props.onSelect(row.line)}>{row.line}</button>
                    </Show>
                  </td>
                  <td class="label-cell">
                    <Show when={row.parentKey !== null}><span class="child-mark" title={t('row.child')}>↳</span></Show>
                    <textarea
                      rows={2}
                      aria-label={t('col.label')}
                      value={row.label}
                      disabled={row.dropped}
                      aria-invalid={err(row, 'label') ? 'true' : undefined}
                      onInput={(e) => setField(row, 'label', e.currentTarget.value)}
                    />
                    <Show when={err(row, 'label')}><small class="field-error">{err(row, 'label')}</small></Show>
                    <Show when={row.dropped}><small class="tag">{t('row.dropped')}</small></Show>
                  </td>
                  <td>
                    <select aria-label={t('col.area')} value={row.area} disabled={row.dropped} onChange={(e) => patch(row, { area: e.currentTarget.value as Area })}>
                      <For each={AREAS}>{(a) => <option value={a} selected={row.area === a}>{t(`area.${a}` as MessageKey)}</option>}</For>
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('col.comparator')} value={row.comparator} disabled={row.dropped} onChange={(e) => patch(row, { comparator: e.currentTarget.value as Comparator })}>
                      <For each={COMPARATORS}>{(c) => <option value={c} selected={row.comparator === c}>{t(`cmp.${c}` as MessageKey)}</option>}</For>
                    </select>
                  </td>
                  <td class="value-cell">
                    <Show when={row.measure !== 'status'} fallback="—">
                      {numberInput(row, 'value', 'col.value')}
                      <Show when={row.comparator === 'range'}>
                        <span class="muted"> {t('col.valueMax')} </span>
                        {numberInput(row, 'valueMax', 'col.valueMax')}
                      </Show>
                      <Show when={row.measure === 'xOfY'}>
                        <span class="muted"> / </span>
                        {numberInput(row, 'outOf', 'col.outOf')}
                      </Show>
                    </Show>
                  </td>
                  <td>
                    <input class="unit" aria-label={t('col.unit')} value={row.unit} disabled={row.dropped || row.measure === 'status'} onInput={(e) => setField(row, 'unit', e.currentTarget.value)} />
                    <Show when={err(row, 'unit')}><small class="field-error">{err(row, 'unit')}</small></Show>
                  </td>
                  <td>
                    <select aria-label={t('col.measure')} value={row.measure} disabled={row.dropped} onChange={(e) => patch(row, { measure: e.currentTarget.value as Measure })}>
                      <For each={MEASURES}>{(m) => <option value={m} selected={row.measure === m}>{t(`measure.${m}` as MessageKey)}</option>}</For>
                    </select>
                  </td>
                  <td>
                    <input aria-label={t('col.assignee')} value={row.assignee} disabled={row.dropped}
                      aria-invalid={err(row, 'assigneeName') ? 'true' : undefined} onInput={(e) => setField(row, 'assignee', e.currentTarget.value)} />
                    <Show when={err(row, 'assigneeName')}><small class="field-error">{err(row, 'assigneeName')}</small></Show>
                  </td>
                  <td class="actions">
                    <button type="button" class="btn btn-small" onClick={() => props.set('draft', 'rows', toggleDropped(rows(), row.key))}>
                      {row.dropped ? t('row.restore') : t('row.drop')}
                    </button>
                    <Show when={!row.dropped && index(row.key) > 0}>
                      <button type="button" class="btn btn-small" onClick={() => props.set('draft', 'rows', mergeIntoPrevious(rows(), row.key))}>{t('row.merge')}</button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
