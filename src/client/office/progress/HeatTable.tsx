/**
 * Units × targets: each cell the unit's figure against its share, coloured by its verdict and
 * marked with the verdict's glyph (for readers who do not see the colour); a cell with a
 * report opens it in the review screen; an empty one says "chưa báo cáo".
 */
import { createMemo, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { TargetProgressEntry, UnitProgressEntry } from '../../../shared/schemas/progress';
import { unitName } from '../review/lookups';
import { t } from '../messages';
import type { ProgressView } from './ProgressScreen';
import { numbering } from './areas';
import { registerText, unitCellText, VERDICT_LOOK, VERDICT_ORDER } from './format';

function Cell(props: { view: ProgressView; target: TargetProgressEntry; entry: UnitProgressEntry | undefined }) {
  const look = () => (props.entry ? VERDICT_LOOK[props.entry.verdict] : null);
  const href = () => {
    const e = props.entry;
    if (!e?.reportId) return null;
    const qs = new URLSearchParams({ plan: props.view.plan.id, period: props.view.period.id, state: 'all', report: e.reportId });
    return `/office/review?${qs}`;
  };
  return (
    <Show when={props.entry} fallback={<td class="heat heat-none" title={t('pg.heat.notAssigned')}><span class="sr-only">{t('pg.heat.notAssigned')}</span><span aria-hidden="true">·</span></td>}>
      {(e) => (
        <td class={`heat heat-${look()!.tone}`} data-verdict={e().verdict}>
          <Show when={href()} fallback={<span class="heat-empty">{unitCellText(props.target, e())}</span>}>
            {(h) => (
              <A href={h()} title={`${t('pg.heat.open')}: ${t(look()!.key)}`}>
                <span aria-hidden="true" class="glyph">{look()!.icon}</span> {unitCellText(props.target, e())}
                <span class="sr-only"> — {t(look()!.key)}</span>
              </A>
            )}
          </Show>
          <Show when={registerText(props.target, e())}>
            {(text) => <small class="register-count" data-testid="register-count"><br />{t('link.beside')}: {text()}</small>}
          </Show>
        </td>
      )}
    </Show>
  );
}

/**
 * Arrow keys move between cells as in a spreadsheet: to the cell's link when it has one, else
 * to the cell itself (focusable by script only, so Tab still walks the links alone).
 */
function moveByArrows(e: KeyboardEvent) {
  const step = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[e.key];
  const cell = (e.target as HTMLElement).closest('td, th');
  const row = cell?.parentElement as HTMLTableRowElement | null;
  const table = row?.closest('table');
  if (!step || !cell || !row || !table) return;
  const next = table.rows[row.rowIndex + step[0]!]?.cells[(cell as HTMLTableCellElement).cellIndex + step[1]!];
  if (!next) return;
  e.preventDefault();
  const target = next.querySelector<HTMLElement>('a') ?? next;
  if (target === next) next.tabIndex = -1;
  target.focus();
}

export default function HeatTable(props: { view: ProgressView }) {
  const targets = () => props.view.progress.targets;
  const numbers = () => numbering(targets());
  const units = createMemo(() => {
    const ids = new Set(targets().flatMap((tg) => tg.units.map((u) => u.unitId)));
    const vi = new Intl.Collator('vi');
    return [...ids].map((id) => ({ id, name: unitName(props.view.names, id) })).sort((a, b) => vi.compare(a.name, b.name));
  });
  const entry = (tg: TargetProgressEntry, unitId: string) => tg.units.find((u) => u.unitId === unitId);
  return (
    <section class="card" aria-labelledby="heat-title">
      <h2 id="heat-title">{t('pg.heat.title')} — {props.view.period.name}</h2>
      <p class="legend">
        <span class="muted">{t('pg.heat.legend')}:</span>
        <For each={VERDICT_ORDER}>
          {(v) => <span class={`heat heat-${VERDICT_LOOK[v].tone} legend-item`}><span aria-hidden="true">{VERDICT_LOOK[v].icon}</span> {t(VERDICT_LOOK[v].key)}</span>}
        </For>
      </p>
      <div class="table-scroll heat-scroll" tabindex="0" role="region" aria-labelledby="heat-title">
        <table class="grid heat-table" onKeyDown={moveByArrows}>
          <caption>{t('pg.heat.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="heat-corner">{t('pg.heat.unit')}</th>
              <For each={targets()}>{(tg) => <th scope="col" class="heat-head" title={tg.label}><span class="clamp">{numbers().get(tg.targetId)}. {tg.label}</span></th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={units()}>
              {(u) => (
                <tr>
                  <th scope="row" class="heat-unit">{u.name}</th>
                  <For each={targets()}>{(tg) => <Cell view={props.view} target={tg} entry={entry(tg, u.id)} />}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
