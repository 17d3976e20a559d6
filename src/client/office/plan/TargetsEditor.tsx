/**
 * The plan's targets grouped by area, every field editable: label, area, parent (breakdowns),
 * comparator, value and upper value, x of y, unit, measure and "số nguyên"; add, add a
 * breakdown, move up and down among siblings, drop (and bring back). Nothing is sent from here:
 * the screen's one "Lưu thay đổi" saves it all.
 */
import { For, Show } from 'solid-js';
import type { Area, Comparator, Measure } from '../../../shared/schemas/targets';
import { uuidv7 } from '../../../shared/ids';
import { editRow, numberText, readNumber, type DraftError } from '../import/draft';
import { t, type MessageKey } from '../messages';
import { AREAS, move, newRow, ordered, withUnit, type EditRow } from './targets-model';
import TargetLinkPicker from './TargetLinkPicker';
import type { ChecklistSet } from '../../../shared/schemas/registers';

const COMPARATORS: Comparator[] = ['atLeast', 'atMost', 'equal', 'range', 'done'];
const MEASURES: Measure[] = ['quantity', 'rate', 'xOfY', 'status', 'rank'];

interface Props {
  rows: EditRow[];
  setRows: (rows: EditRow[]) => void;
  /** Merges into one row in place (its inputs keep focus while typing). */
  setRow: (key: string, patch: Partial<EditRow>) => void;
  errors: DraftError[];
  /** The server's refusal of one row (409 target.has_reports…), by row key. */
  rowErrors: Record<string, string>;
  /** The checklists a target may be linked to ("Liên kết sổ hộ"). */
  checklists?: readonly ChecklistSet[];
}

export default function TargetsEditor(props: Props) {
  const err = (row: EditRow, field: string) => props.errors.find((e) => e.where === row.key && e.field === field)?.message;
  const update = (key: string, p: Partial<EditRow>) => props.setRow(key, p);
  const patch = (row: EditRow, p: Partial<EditRow>) => update(row.key, editRow(row, p));
  const add = (area: Area, parentKey: string | null = null) => {
    const row = newRow(uuidv7(), area, parentKey);
    props.setRows([...props.rows, row]);
    queueMicrotask(() => document.querySelector<HTMLTextAreaElement>(`tr[data-key="${row.key}"] textarea`)?.focus());
  };
  const depth = (row: EditRow) => {
    let d = 0;
    for (let p = row.parentKey; p && d < 10; p = props.rows.find((r) => r.key === p)?.parentKey ?? null) d++;
    return d;
  };
  const descendants = (key: string): Set<string> => {
    const out = new Set<string>([key]);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of props.rows) if (r.parentKey && out.has(r.parentKey) && !out.has(r.key)) { out.add(r.key); grew = true; }
    }
    return out;
  };
  const tidy = (row: EditRow, field: 'value' | 'valueMax' | 'outOf') => {
    const n = readNumber(row[field]);
    if (typeof n === 'number') update(row.key, { [field]: numberText(n) });
  };
  const numberInput = (row: EditRow, field: 'value' | 'valueMax' | 'outOf', label: MessageKey) => (
    <>
      <input class="num" inputmode="decimal" aria-label={`${t(label)} — ${row.label || t('plan.newRow')}`} value={row[field]} disabled={row.dropped}
        aria-invalid={err(row, field) ? 'true' : undefined}
        onInput={(e) => { const v = e.currentTarget.value; update(row.key, { [field]: v }); }}
        onBlur={() => tidy(row, field)} />
      <Show when={err(row, field)}><small class="field-error">{err(row, field)}</small></Show>
    </>
  );

  return (
    <section class="card" aria-labelledby="plan-targets-title">
      <h2 id="plan-targets-title">
        {t('plan.targets')} <span class="muted">({props.rows.filter((r) => !r.dropped).length})</span>
      </h2>
      <div class="table-scroll">
        <table class="grid targets plan-targets">
          <thead>
            <tr>
              <th scope="col">{t('col.label')}</th><th scope="col">{t('plan.parent')}</th><th scope="col">{t('col.area')}</th>
              <th scope="col">{t('col.comparator')}</th><th scope="col">{t('col.value')}</th><th scope="col">{t('col.unit')}</th>
              <th scope="col">{t('col.measure')}</th><th scope="col">{t('plan.wholeNumber')}</th><th scope="col">{t('col.actions')}</th>
            </tr>
          </thead>
          <For each={AREAS}>
            {(area) => (
              <tbody data-area={area}>
                <tr class="area-row">
                  <th colSpan={9} scope="colgroup">
                    <span>{t(`area.${area}` as MessageKey)}</span>
                    <button type="button" class="btn btn-small" onClick={() => add(area)}>+ {t('plan.addTarget')} — {t(`area.${area}` as MessageKey)}</button>
                  </th>
                </tr>
                <For each={ordered(props.rows).filter((r) => r.area === area)}>
                  {(row) => (
                    <tr data-key={row.key} id={`target-row-${row.key}`}
                      classList={{ dropped: row.dropped, child: row.parentKey !== null, invalid: props.errors.some((e) => e.where === row.key) || !!props.rowErrors[row.key] }}>
                      <td class="label-cell" style={{ 'padding-left': `${8 + depth(row) * 20}px` }}>
                        <textarea rows={2} aria-label={t('col.label')} value={row.label} disabled={row.dropped}
                          aria-invalid={err(row, 'label') ? 'true' : undefined}
                          onInput={(e) => { const v = e.currentTarget.value; update(row.key, { label: v }); }} />
                        <Show when={err(row, 'label')}><small class="field-error">{err(row, 'label')}</small></Show>
                        <Show when={row.isNew}><small class="tag">{t('plan.newRow')}</small></Show>
                        <Show when={row.dropped}><small class="tag">{t('row.dropped')}</small></Show>
                        <TargetLinkPicker link={row.link} measure={row.measure} unit={row.unit} label={row.label} disabled={row.dropped}
                          checklists={props.checklists ?? []} onChange={(link) => update(row.key, { link })} />
                        <Show when={props.rowErrors[row.key]}>
                          <p class="field-error" role="alert">{props.rowErrors[row.key]} <span class="help">{t('plan.hasReportsHelp')}</span></p>
                        </Show>
                      </td>
                      <td>
                        <select aria-label={`${t('plan.parent')} — ${row.label}`} disabled={row.dropped}
                          onChange={(e) => update(row.key, { parentKey: e.currentTarget.value || null })}>
                          <option value="" selected={!row.parentKey}>{t('plan.noParent')}</option>
                          <For each={ordered(props.rows).filter((r) => r.area === row.area && !r.dropped && !descendants(row.key).has(r.key))}>
                            {(p) => <option value={p.key} selected={row.parentKey === p.key}>{p.label.slice(0, 60) || t('plan.newRow')}</option>}
                          </For>
                        </select>
                      </td>
                      <td>
                        <select aria-label={t('col.area')} disabled={row.dropped} onChange={(e) => patch(row, { area: e.currentTarget.value as Area, parentKey: null })}>
                          <For each={AREAS}>{(a) => <option value={a} selected={row.area === a}>{t(`area.${a}` as MessageKey)}</option>}</For>
                        </select>
                      </td>
                      <td>
                        <select aria-label={t('col.comparator')} disabled={row.dropped} onChange={(e) => patch(row, { comparator: e.currentTarget.value as Comparator })}>
                          <For each={COMPARATORS}>{(c) => <option value={c} selected={row.comparator === c}>{t(`cmp.${c}` as MessageKey)}</option>}</For>
                        </select>
                      </td>
                      <td class="value-cell">
                        <Show when={row.measure !== 'status'} fallback="—">
                          {numberInput(row, 'value', 'col.value')}
                          <Show when={row.comparator === 'range'}><span class="muted"> {t('col.valueMax')} </span>{numberInput(row, 'valueMax', 'col.valueMax')}</Show>
                          <Show when={row.measure === 'xOfY'}><span class="muted"> / </span>{numberInput(row, 'outOf', 'col.outOf')}</Show>
                        </Show>
                      </td>
                      <td>
                        <input class="unit" aria-label={`${t('col.unit')} — ${row.label}`} value={row.unit} disabled={row.dropped || row.measure === 'status'}
                          onInput={(e) => { const v = e.currentTarget.value; update(row.key, withUnit(row, v)); }} />
                        <Show when={err(row, 'unit')}><small class="field-error">{err(row, 'unit')}</small></Show>
                      </td>
                      <td>
                        <select aria-label={t('col.measure')} disabled={row.dropped} onChange={(e) => patch(row, { measure: e.currentTarget.value as Measure })}>
                          <For each={MEASURES}>{(m) => <option value={m} selected={row.measure === m}>{t(`measure.${m}` as MessageKey)}</option>}</For>
                        </select>
                      </td>
                      <td class="center">
                        <input type="checkbox" class="whole" aria-label={`${t('plan.wholeNumber')} — ${row.label}`} checked={row.wholeNumber}
                          disabled={row.dropped || row.measure === 'status' || row.measure === 'rate'}
                          onChange={(e) => { const on = e.currentTarget.checked; update(row.key, { wholeNumber: on, wholeTouched: true }); }} />
                      </td>
                      <td class="actions">
                        <button type="button" class="btn btn-small" aria-label={`${t('plan.up')} — ${row.label}`} disabled={row.dropped} onClick={() => props.setRows(move(props.rows, row.key, -1))}>↑</button>
                        <button type="button" class="btn btn-small" aria-label={`${t('plan.down')} — ${row.label}`} disabled={row.dropped} onClick={() => props.setRows(move(props.rows, row.key, 1))}>↓</button>
                        <button type="button" class="btn btn-small" disabled={row.dropped} onClick={() => add(row.area, row.key)}>{t('plan.addChild')}</button>
                        <button type="button" class="btn btn-small" onClick={() => update(row.key, { dropped: !row.dropped })}>
                          {row.dropped ? t('row.restore') : t('row.drop')}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            )}
          </For>
        </table>
      </div>
    </section>
  );
}
