/**
 * "Giao chỉ tiêu": targets down, villages and associations across, one cell per share, kept
 * like a spreadsheet — arrow keys, Enter and Tab move, typing replaces the cell, and a block
 * copied from Excel pastes from the cell it lands on. Each summed row shows its total against
 * the commune's figure and the difference; rates, x of y and statuses carry a goal per unit.
 * "Chỉ xã" marks a target no unit reports. Saving is the screen's.
 */
import { For, Show, createSignal } from 'solid-js';
import type { Unit } from '../../../shared/schemas/units';
import { formatViNumber } from '../../../shared/vi-number';
import { t } from '../messages';
import { formatPlanned } from '../review/format';
import type { LiveTarget } from '../api-plan';
import { cellKey, paste, parseBlock, readCell, rowSum, type Cells } from './shares-model';

interface Props {
  targets: LiveTarget[];
  units: Unit[];
  cells: Cells;
  setCells: (cells: Cells) => void;
  setCell: (key: string, text: string) => void;
  communeOnly: Record<string, boolean>;
  setCommuneOnly: (targetId: string, on: boolean) => void;
  disabled: boolean;
}

export default function SharesGrid(props: Props) {
  const [notice, setNotice] = createSignal<string | null>(null);
  const cellId = (r: number, c: number) => `share-${r}-${c}`;
  const focusCell = (r: number, c: number) => {
    const el = document.getElementById(cellId(r, c)) as HTMLInputElement | null;
    if (el) {
      el.focus();
      el.select();
    }
  };

  function onKey(e: KeyboardEvent & { currentTarget: HTMLInputElement }, r: number, c: number) {
    const el = e.currentTarget;
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
    const all = el.selectionStart === 0 && el.selectionEnd === el.value.length;
    let to: [number, number] | null = null;
    if (e.key === 'ArrowUp') to = [r - 1, c];
    else if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) to = [r + 1, c];
    else if (e.key === 'Enter' && e.shiftKey) to = [r - 1, c];
    else if (e.key === 'ArrowLeft' && (atStart || all)) to = [r, c - 1];
    else if (e.key === 'ArrowRight' && (atEnd || all)) to = [r, c + 1];
    if (!to) return;
    const [tr, tc] = to;
    if (tr < 0 || tc < 0 || tr >= props.targets.length || tc >= props.units.length) return;
    e.preventDefault();
    focusCell(tr, tc);
  }

  function onPaste(e: ClipboardEvent, r: number, c: number) {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const block = parseBlock(text);
    const result = paste(props.cells, props.targets.map((tg) => tg.id), props.units.map((u) => u.id), r, c, block);
    props.setCells(result.cells);
    setNotice(`${t('shares.pasted')} ${result.changed} ${t('shares.cells')}.${result.outside ? ` ${result.outside} ${t('shares.outside')}.` : ''}`);
  }

  const unitIds = () => props.units.map((u) => u.id);
  const difference = (target: LiveTarget) => {
    const s = rowSum(target, unitIds(), props.cells);
    if (!s) return null;
    return s;
  };

  return (
    <section class="card" aria-labelledby="shares-title">
      <h2 id="shares-title">{t('shares.title')}</h2>
      <p class="muted" id="shares-help">{t('shares.help')}</p>
      <div role="status"><Show when={notice()}><p class="notice">{notice()}</p></Show></div>
      <Show when={props.units.length > 0} fallback={<p class="notice">{t('shares.noUnits')}</p>}>
        <Show when={props.targets.length > 0} fallback={<p>{t('shares.noTargets')}</p>}>
          <div class="table-scroll shares-scroll" tabindex="-1">
            <table class="grid shares" aria-describedby="shares-help">
              <thead>
                <tr>
                  <th scope="col" class="sticky-col">{t('shares.target')}</th>
                  <th scope="col">{t('shares.communeTarget')}</th>
                  <th scope="col"><abbr title={t('shares.communeOnlyHelp')}>{t('shares.communeOnly')}</abbr></th>
                  <For each={props.units}>{(u) => <th scope="col" class="unit-col">{u.name}</th>}</For>
                  <th scope="col">{t('shares.sum')}</th>
                  <th scope="col">{t('shares.difference')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.targets}>
                  {(target, r) => (
                    <tr id={`share-row-${target.id}`} data-target-id={target.id} classList={{ 'commune-only': !!props.communeOnly[target.id] }}>
                      <th scope="row" class="sticky-col">{target.label}</th>
                      <td class="num nowrap">{formatPlanned(target)}</td>
                      <td class="center">
                        <input type="checkbox" aria-label={`${t('shares.communeOnly')} — ${target.label}`} checked={!!props.communeOnly[target.id]}
                          disabled={props.disabled} onChange={(e) => props.setCommuneOnly(target.id, e.currentTarget.checked)} />
                      </td>
                      <For each={props.units}>
                        {(unit, c) => {
                          const key = cellKey(target.id, unit.id);
                          const bad = () => 'invalid' in readCell(props.cells[key] ?? '', target);
                          return (
                            <td class="share-cell">
                              <input id={cellId(r(), c())} class="share" inputmode="decimal" autocomplete="off"
                                aria-label={`${unit.name} — ${target.label}`} value={props.cells[key] ?? ''}
                                disabled={props.disabled || !!props.communeOnly[target.id]}
                                aria-invalid={bad() ? 'true' : undefined}
                                onFocus={(e) => e.currentTarget.select()}
                                onInput={(e) => props.setCell(key, e.currentTarget.value)}
                                onKeyDown={(e) => onKey(e, r(), c())}
                                onPaste={(e) => onPaste(e, r(), c())} />
                            </td>
                          );
                        }}
                      </For>
                      <Show when={difference(target)} fallback={<td colSpan={2} class="muted">{t('shares.goal')}</td>}>
                        {(s) => (
                          <>
                            <td class="num">{formatViNumber(s().total)}</td>
                            <td class="num nowrap" data-difference={s().difference ?? ''}>
                              <Show when={s().difference !== null} fallback="—">
                                <Show when={s().difference === 0} fallback={
                                  <span class="diff-off">⚠ {s().difference! < 0 ? t('shares.short') : t('shares.over')} {formatViNumber(Math.abs(s().difference!))}</span>
                                }>
                                  <span class="diff-ok">✓ {t('shares.match')}</span>
                                </Show>
                              </Show>
                            </td>
                          </>
                        )}
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={props.targets.some((tg) => props.units.some((u) => 'invalid' in readCell(props.cells[cellKey(tg.id, u.id)] ?? '', tg)))}>
            <p class="alert" role="alert">{t('shares.invalid')}</p>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
