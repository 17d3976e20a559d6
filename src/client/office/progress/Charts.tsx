/**
 * The dashboard's charts, drawn with uPlot (small, maintained, canvas). This module is loaded
 * only when the dashboard opens (a lazy import), so uPlot never weighs on the other screens.
 * Each chart is a <figure> whose figures are also written out as a table for screen readers.
 */
import { createEffect, createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatPercent } from '../../../shared/vi-number';
import { vietnamToday } from '../../../shared/periods';
import { getProgress } from '../api-progress';
import { unitName } from '../review/lookups';
import { t, type MessageKey } from '../messages';
import type { ProgressView } from './ProgressScreen';
import { byArea } from './areas';

const COLOURS = { exceeded: '#1a7f37', met: '#2f6fbf', notMet: '#b42318', noData: '#8c959f' } as const;
const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, { maximumFractionDigits: 1 }));

interface BarSpec {
  labels: string[];
  values: (number | null)[];
  colours?: string[];
  yLabel: string;
  line?: boolean;
}

/** One uPlot canvas: bars (or a line) over named categories, remade when its data changes. */
function UChart(props: { spec: BarSpec; title: string }) {
  let host!: HTMLDivElement;
  createEffect(() => {
    const spec = props.spec;
    const xs = spec.labels.map((_, i) => i);
    const colours = spec.colours;
    const series: uPlot.Series = spec.line
      ? { label: spec.yLabel, stroke: '#2f6fbf', width: 3, points: { show: true, size: 9, fill: '#2f6fbf' } }
      : {
        label: spec.yLabel, stroke: '#2f6fbf', fill: '#2f6fbf',
        paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false },
        // Coloured bars are drawn by the hook below; the plain ones stay invisible under them.
        ...(colours ? { fill: 'rgba(0,0,0,0)', stroke: 'rgba(0,0,0,0)' } : {}),
      };
    const chart = new uPlot({
      width: Math.min(host.clientWidth || 560, 900), height: 260,
      legend: { show: false }, cursor: { show: false }, select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(100, Math.ceil((max ?? 0) / 10) * 10)] } },
      axes: [
        { splits: () => xs, values: (_u, splits) => splits.map((i) => spec.labels[i] ?? ''), size: 50, gap: 6 },
        { values: (_u, splits) => splits.map((v) => `${v}%`), size: 56 },
      ],
      series: [{}, series],
      hooks: colours ? {
        // Each bar in its verdict's colour: drawn over the plain bars, one rectangle per category.
        draw: [(u) => {
          const ctx = u.ctx;
          const width = (u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) * 0.6;
          spec.values.forEach((v, i) => {
            if (v === null) return;
            const x = u.valToPos(i, 'x', true) - width / 2;
            const y = u.valToPos(v, 'y', true);
            ctx.fillStyle = colours[i] ?? '#2f6fbf';
            ctx.fillRect(x, y, width, u.valToPos(0, 'y', true) - y);
          });
        }],
      } : {},
    }, [xs, spec.values] as uPlot.AlignedData, host);
    onCleanup(() => chart.destroy());
  });
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={host} class="chart-canvas" aria-hidden="true" />
      <table class="sr-only">
        <caption>{t('pg.chart.described')}: {props.title}</caption>
        <tbody>
          <For each={props.spec.labels}>{(l, i) => <tr><th scope="row">{l}</th><td>{pct(props.spec.values[i()] ?? null)}</td></tr>}</For>
        </tbody>
      </table>
    </figure>
  );
}

export default function Charts(props: { view: ProgressView }) {
  const targets = () => props.view.progress.targets;
  const comparable = () => targets().filter((tg) => tg.units.some((u) => u.percent !== null));
  const [targetId, setTargetId] = createSignal<string>('');
  const target = createMemo(() => comparable().find((tg) => tg.targetId === targetId()) ?? comparable()[0]);
  const units = createMemo(() => {
    const ids = new Set(targets().flatMap((tg) => tg.units.map((u) => u.unitId)));
    const vi = new Intl.Collator('vi');
    return [...ids].map((id) => ({ id, name: unitName(props.view.names, id) })).sort((a, b) => vi.compare(a.name, b.name));
  });
  const [unitId, setUnitId] = createSignal<string>('');
  // Opens on a unit that has figures: the first by name is often one that has not reported yet,
  // and an empty chart on first sight reads as broken.
  const withFigures = () => units().find((u) => targets().some((tg) => tg.units.some((x) => x.unitId === u.id && x.percent !== null)));
  const unit = () => units().find((u) => u.id === unitId()) ?? withFigures() ?? units()[0];

  // Progress by area: the share of its targets already met or exceeded.
  const areaSpec = (): BarSpec => {
    const groups = byArea(targets());
    return {
      labels: groups.map((g) => t(`area.${g.area}` as MessageKey)),
      values: groups.map((g) => Math.round((g.targets.filter((tg) => tg.verdict === 'met' || tg.verdict === 'exceeded').length / g.targets.length) * 1000) / 10),
      yLabel: '%',
    };
  };
  const targetSpec = (): BarSpec | null => {
    const tg = target();
    if (!tg) return null;
    const vi = new Intl.Collator('vi');
    const rows = tg.units.map((u) => ({ name: unitName(props.view.names, u.unitId), u })).sort((a, b) => vi.compare(a.name, b.name));
    return {
      labels: rows.map((r) => r.name), values: rows.map((r) => r.u.percent),
      colours: rows.map((r) => COLOURS[r.u.verdict]), yLabel: '%',
    };
  };

  // The trend reads every period that has begun: one request each, only when this chart shows.
  const [trend] = createResource(
    () => { const tg = target(); const u = unit(); return tg && u ? { tg: tg.targetId, unit: u.id, plan: props.view.plan, basis: props.view.basis } : false; },
    async (k) => {
      const today = vietnamToday(Date.now());
      const periods = k.plan.periods.filter((p) => p.from <= today);
      const answers = await Promise.all(periods.map((p) => getProgress(k.plan.id, p.id, k.basis)));
      return {
        labels: periods.map((p) => p.name),
        values: answers.map((a) => a.targets.find((x) => x.targetId === k.tg)?.units.find((x) => x.unitId === k.unit)?.percent ?? null),
        yLabel: '%', line: true,
      } satisfies BarSpec;
    },
  );

  return (
    <div class="charts">
      <UChart spec={areaSpec()} title={t('pg.chart.areas')} />
      <Show when={target()} fallback={<p>{t('pg.chart.noneComparable')}</p>}>
        <div class="chart-pick">
          <label class="field">
            <span>{t('pg.chart.pickTarget')}</span>
            <select value={target()!.targetId} onChange={(e) => setTargetId(e.currentTarget.value)}>
              <For each={comparable()}>{(tg) => <option value={tg.targetId}>{tg.label}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>{t('pg.chart.pickUnit')}</span>
            <select value={unit()?.id ?? ''} onChange={(e) => setUnitId(e.currentTarget.value)}>
              <For each={units()}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={targetSpec()}>{(spec) => <UChart spec={spec()} title={`${t('pg.chart.target')}: ${target()!.label}`} />}</Show>
        <Show when={!trend.error} fallback={<p class="alert">{t('pg.chart.failed')}</p>}>
          <Show when={trend.latest} fallback={<p>{t('pg.chart.loading')}</p>}>
            {(spec) => <UChart spec={spec()} title={`${t('pg.chart.trend')}: ${unit()?.name ?? ''} — ${target()!.label}`} />}
          </Show>
        </Show>
      </Show>
    </div>
  );
}
