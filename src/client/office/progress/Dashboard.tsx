/**
 * The overview: completeness first (who has reported, who is late), then every target by
 * area with a bar, the figure, the percent and the verdict, then the charts (uPlot, loaded
 * only when this page opens) and the downloads.
 */
import { For, lazy, Show, Suspense } from 'solid-js';
import { A } from '@solidjs/router';
import type { TargetProgressEntry } from '../../../shared/schemas/progress';
import { t, type MessageKey } from '../messages';
import type { ProgressView } from './ProgressScreen';
import { byArea, numbering } from './areas';
import { formatDate, formatInstant, percentText, planText, registerText, resultText } from './format';
import Verdict from './Verdict';
import Downloads from './Downloads';

// The charting library stays out of every other screen's download.
const Charts = lazy(() => import('./Charts'));

export function CompletenessLine(props: { view: ProgressView }) {
  const c = () => props.view.progress.completeness;
  return (
    <p class="completeness" data-testid="completeness">
      <strong>{c().reported}/{c().expected} {t('pg.reported')}</strong>
      {', '}{c().late} {t('pg.late')}
      <Show when={c().missing.length > 0}>
        {', '}<A href={`/office/progress/late${props.view.query()}`}>{c().missing.length} {t('pg.missingCount')}</A>
      </Show>
    </p>
  );
}

function Bar(props: { target: TargetProgressEntry }) {
  // Percent against the goal; "at most" and statuses have none, and the verdict says it all.
  const width = () => Math.max(0, Math.min(100, props.target.percent ?? 0));
  return (
    <Show when={props.target.percent !== null} fallback={<span class="bar bar-none" aria-hidden="true" />}>
      <span class={`bar bar-${props.target.verdict}`} aria-hidden="true">
        <span class="bar-fill" style={{ width: `${width()}%` }} />
      </span>
    </Show>
  );
}

export default function Dashboard(props: { view: ProgressView }) {
  const groups = () => byArea(props.view.progress.targets);
  const numbers = () => numbering(props.view.progress.targets);
  return (
    <>
      <section class="card summary" aria-labelledby="pg-summary">
        <h2 id="pg-summary">{props.view.plan.title} — {props.view.period.name}</h2>
        <CompletenessLine view={props.view} />
        <p class="muted">
          {t('pg.deadline')} {formatDate(props.view.period.deadline)} · {t(`pg.basis.${props.view.basis}` as MessageKey)} · {t('pg.computedAt')} {formatInstant(props.view.progress.computedAt)}
        </p>
        <Downloads planId={props.view.plan.id} periodId={props.view.period.id} basis={props.view.basis} />
      </section>

      <Show when={props.view.progress.targets.length > 0} fallback={<p>{t('pg.noTargets')}</p>}>
        <For each={groups()}>
          {(g) => (
            <section class="card" aria-labelledby={`area-${g.area}`}>
              <h2 id={`area-${g.area}`}>{t(`area.${g.area}` as MessageKey)}</h2>
              <table class="grid progress-table">
                <thead>
                  <tr>
                    <th scope="col">{t('pg.col.target')}</th>
                    <th scope="col">{t('pg.col.plan')}</th>
                    <th scope="col">{t('pg.col.result')}</th>
                    <th scope="col">{t('pg.col.progress')}</th>
                    <th scope="col">{t('pg.col.percent')}</th>
                    <th scope="col">{t('pg.col.verdict')}</th>
                    <th scope="col">{t('pg.col.units')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={g.targets}>
                    {(tg) => (
                      <tr classList={{ child: tg.parentId !== null }} data-target={tg.targetId}>
                        <th scope="row" class="label-cell">{numbers().get(tg.targetId)}. {tg.label}</th>
                        <td class="num">{planText(tg)}</td>
                        <td class="num" data-testid="result">
                          {resultText(tg)}
                          <Show when={registerText(tg)}>
                            {(text) => <small class="register-count" data-testid="register-count"><br />{t('link.beside')}: {text()}</small>}
                          </Show>
                        </td>
                        <td><Bar target={tg} /></td>
                        <td class="num">{percentText(tg.percent)}</td>
                        <td><Verdict verdict={tg.verdict} /></td>
                        <td class="num">
                          {/* Only the commune carries it (its own target): "0/1" said nothing; say who enters it, and where. */}
                          <Show when={tg.units.some((u) => u.unitId !== props.view.plan.issuerUnitId)} fallback={
                            <A href={`/office/enter?plan=${encodeURIComponent(props.view.plan.id)}&period=${encodeURIComponent(props.view.period.id)}&unit=${encodeURIComponent(props.view.plan.issuerUnitId)}`}>{t('pg.communeEnters')}</A>
                          }>
                            {tg.reportedUnits}/{tg.expectedUnits}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          )}
        </For>
        <section class="card" aria-labelledby="pg-charts">
          <h2 id="pg-charts">{t('pg.charts')}</h2>
          <Suspense fallback={<p>{t('pg.chart.loading')}</p>}>
            <Charts view={props.view} />
          </Suspense>
        </section>
      </Show>
    </>
  );
}
