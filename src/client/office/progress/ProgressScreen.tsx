/**
 * "Tiến độ": one plan and period chosen at the top (kept in the address, so a link or a
 * reload lands on the same figures), then one of four pages: the overview, the heat table,
 * the late list and the A4 report. The figures are read afresh from the server on every
 * change of plan, period or basis, and on "Tải lại": an approval shows at once.
 */
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { A, useLocation, useSearchParams } from '@solidjs/router';
import type { Period } from '../../../shared/schemas/plans';
import type { PlanProgress } from '../../../shared/schemas/progress';
import { vietnamToday } from '../../../shared/periods';
import { explain } from '../api';
import { getProgress, type Basis } from '../api-progress';
import { loadNames, type Names } from '../review/lookups';
import type { PlanWithPeriods } from '../api';
import { t } from '../messages';
import { formatDate } from './format';
import Dashboard from './Dashboard';
import HeatTable from './HeatTable';
import LateList from './LateList';
import PrintReport from './PrintReport';
import './progress.css';

export interface ProgressView {
  names: Names;
  plan: PlanWithPeriods;
  period: Period;
  basis: Basis;
  progress: PlanProgress;
  reload: () => void;
  /** Keeps plan and basis, for links between the pages and to the review screen. */
  query: (extra?: Record<string, string>) => string;
}

/** The period to open first: the one under way, else the last one past, else the first. */
export function defaultPeriod(periods: readonly Period[], today = vietnamToday(Date.now())): Period | undefined {
  return periods.find((p) => p.from <= today && today <= p.to)
    ?? [...periods].reverse().find((p) => p.to < today)
    ?? periods[0];
}

const VIEWS = [
  { path: '/office/progress', key: 'pg.view.dashboard' },
  { path: '/office/progress/table', key: 'pg.view.table' },
  { path: '/office/progress/late', key: 'pg.view.late' },
  { path: '/office/progress/print', key: 'pg.view.print' },
] as const;

export default function ProgressScreen() {
  const location = useLocation();
  const [params, setParams] = useSearchParams<{ plan?: string; period?: string; basis?: string }>();
  const [names] = createResource(loadNames);
  const path = () => location.pathname.replace(/\/+$/, '');

  const plan = createMemo(() => {
    const list = names()?.plans ?? [];
    return list.find((p) => p.id === params.plan) ?? list[0];
  });
  const period = createMemo(() => {
    const p = plan();
    if (!p) return undefined;
    return p.periods.find((x) => x.id === params.period) ?? defaultPeriod(p.periods);
  });
  const basis = (): Basis => (params.basis === 'submitted' ? 'submitted' : 'approved');

  const [progress, { refetch }] = createResource(
    () => { const p = plan(); const q = period(); return p && q ? { planId: p.id, periodId: q.id, basis: basis() } : false; },
    (k) => getProgress(k.planId, k.periodId, k.basis),
  );

  const query = (extra: Record<string, string> = {}) => {
    const qs = new URLSearchParams();
    if (plan()) qs.set('plan', plan()!.id);
    if (period()) qs.set('period', period()!.id);
    qs.set('basis', basis());
    for (const [k, v] of Object.entries(extra)) qs.set(k, v);
    return `?${qs}`;
  };

  return (
    <main class="office-main progress-page">
      <div class="office-heading no-print">
        <h1>{t('pg.title')}</h1>
        <A class="btn" href="/office/registers">{t('reg.progressLink')}</A>
      </div>
      <Show when={!names.error} fallback={<p class="alert" role="alert">{explain(names.error)}</p>}>
        <Show when={names()} fallback={<p>{t('pg.loading')}</p>}>
          {(n) => (
            <Show when={plan()} fallback={<p>{t('pg.noPlans')} <A href="/office/import">{t('app.import')}</A></p>}>
              {(p) => (
                <>
                  <form class="progress-pick no-print" aria-label={t('pg.pick')} onSubmit={(e) => e.preventDefault()}>
                    <label class="field">
                      <span>{t('pg.plan')}</span>
                      <select name="plan" value={p().id} onChange={(e) => setParams({ plan: e.currentTarget.value, period: undefined })}>
                        <For each={n().plans}>{(x) => <option value={x.id}>{x.number ? `${x.number} — ` : ''}{x.title}</option>}</For>
                      </select>
                    </label>
                    <label class="field">
                      <span>{t('pg.period')}</span>
                      <select name="period" value={period()?.id ?? ''} onChange={(e) => setParams({ period: e.currentTarget.value })}>
                        <For each={p().periods}>{(x) => <option value={x.id}>{x.name} ({t('pg.deadline')} {formatDate(x.deadline)})</option>}</For>
                      </select>
                    </label>
                    <fieldset class="field basis">
                      <legend>{t('pg.basis')}</legend>
                      <For each={['approved', 'submitted'] as const}>
                        {(b) => (
                          <label class="check">
                            <input type="radio" name="basis" value={b} checked={basis() === b} onChange={() => setParams({ basis: b })} />
                            {t(`pg.basis.${b}`)}
                          </label>
                        )}
                      </For>
                    </fieldset>
                    <button type="button" class="btn" onClick={() => void refetch()}>{t('pg.refresh')}</button>
                  </form>
                  <nav class="progress-tabs no-print" aria-label={t('pg.views')}>
                    <For each={VIEWS}>
                      {(v) => (
                        <A href={`${v.path}${query()}`} aria-current={path() === v.path ? 'page' : undefined} classList={{ current: path() === v.path }}>
                          {t(v.key)}
                        </A>
                      )}
                    </For>
                  </nav>
                  <Show when={!progress.error} fallback={<p class="alert" role="alert">{explain(progress.error)}</p>}>
                    <Show when={progress.latest && period()} fallback={<p>{t('pg.loading')}</p>}>
                      {(_) => {
                        const view = (): ProgressView => ({
                          names: n(), plan: p(), period: period()!, basis: basis(), progress: progress.latest!,
                          reload: () => void refetch(), query,
                        });
                        return (
                          <Switch>
                            <Match when={path() === '/office/progress/table'}><HeatTable view={view()} /></Match>
                            <Match when={path() === '/office/progress/late'}><LateList view={view()} /></Match>
                            <Match when={path() === '/office/progress/print'}><PrintReport view={view()} /></Match>
                            <Match when={true}><Dashboard view={view()} /></Match>
                          </Switch>
                        );
                      }}
                    </Show>
                  </Show>
                </>
              )}
            </Show>
          )}
        </Show>
      </Show>
    </main>
  );
}
