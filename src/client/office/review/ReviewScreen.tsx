/**
 * "Duyệt báo cáo": the commune's reports filtered by plan, period and state (waiting first),
 * paged with "Xem thêm", and the chosen one beside the list to approve or return. The list is
 * what the server last said; a decision updates it in place rather than reloading everything.
 */
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import type { ReportState, StoredReport } from '../../../shared/schemas/reports';
import { explain, listReports } from '../api';
import { t, type MessageKey } from '../messages';
import { isCorrection, loadNames, periodName, unitName } from './lookups';
import { formatReceived } from './format';
import { refreshWaiting } from './waiting';
import ReportDetail, { StateChip } from './ReportDetail';
import { ReportFlags } from './flags';
import { bulkApprove, getReport, type ReviewedReport } from '../api-plan';

const PAGE_SIZE = 50;
type StateFilter = ReportState | 'all';
const STATE_FILTERS: StateFilter[] = ['submitted', 'approved', 'returned', 'all'];

export default function ReviewScreen() {
  const [names] = createResource(loadNames);
  // The progress pages link here with ?plan=&period=&state=&report=: open on that report.
  const [params] = useSearchParams<{ plan?: string; period?: string; state?: string; report?: string }>();
  const [planId, setPlanId] = createSignal(params.plan ?? '');
  const [periodId, setPeriodId] = createSignal(params.period ?? '');
  const [stateFilter, setStateFilter] = createSignal<StateFilter>(STATE_FILTERS.find((s) => s === params.state) ?? 'submitted');
  let wanted: string | null = params.report ?? null;
  const [reports, setReports] = createSignal<ReviewedReport[]>([]);
  const [bulk, setBulk] = createSignal<{ done: number; total: number } | null>(null);
  const [next, setNext] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const rowButtons = new Map<string, HTMLButtonElement>();
  let heading!: HTMLHeadingElement;
  // Filters can change faster than the server answers: only the latest request may fill the list.
  let generation = 0;

  const periodsOfPlan = () => names()?.plans.find((p) => p.id === planId())?.periods ?? [];
  const selected = () => reports().find((r) => r.id === selectedId()) ?? null;

  async function load(after: string | null) {
    const mine = ++generation;
    setLoading(true);
    setError(null);
    try {
      const state = stateFilter();
      const page = await listReports({
        planId: planId() || undefined, periodId: periodId() || undefined,
        state: state === 'all' ? undefined : state, after: after ?? undefined, limit: PAGE_SIZE,
      });
      if (mine !== generation) return;
      setReports((list) => (after ? [...list, ...page.reports] : page.reports));
      setNext(page.next);
      if (wanted && !after) {
        if (page.reports.some((r) => r.id === wanted)) setSelectedId(wanted);
        wanted = null;
      }
      // Reports keep arriving from the phones: the nav's count is read again with each fresh list.
      if (!after) void refreshWaiting();
    } catch (e) {
      if (mine === generation) setError(explain(e));
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  createEffect(on([planId, periodId, stateFilter], () => {
    setReports([]);
    setNext(null);
    setSelectedId(null);
    void load(null);
  }));

  function decided(updated: StoredReport) {
    const list = reports();
    const at = list.findIndex((r) => r.id === updated.id);
    const n = names();
    const who = n ? `${unitName(n, updated.unitId)} — ${periodName(n, updated.periodId)}` : '';
    setNotice(`${t(updated.state === 'approved' ? 'review.approvedNotice' : 'review.returnedNotice')} ${who}.`);
    const keep = stateFilter() === 'all' || stateFilter() === updated.state;
    const rest = keep ? list.map((r) => (r.id === updated.id ? updated : r)) : list.filter((r) => r.id !== updated.id);
    setReports(rest);
    setSelectedId(keep ? updated.id : null);
    void refreshWaiting();
    // Keyboard users carry on from the next report in the queue.
    const following = keep ? updated : rest[Math.min(at, rest.length - 1)];
    queueMicrotask(() => (following ? rowButtons.get(following.id) : heading)?.focus());
  }

  /** Opens a report, fetching it when the list does not hold it (a newer one on a later page). */
  async function open(reportId: string) {
    setNotice(null);
    if (!reports().some((r) => r.id === reportId)) {
      try {
        const { report } = await getReport(reportId);
        setReports((list) => [report, ...list]);
      } catch (e) {
        setError(explain(e));
        return;
      }
    }
    setSelectedId(reportId);
    queueMicrotask(() => rowButtons.get(reportId)?.focus());
  }

  /** Reports the reviewer can approve without reading: waiting, current, no warning. */
  const clean = () => reports().filter((r) => r.state === 'submitted' && !r.newerReportId && (r.warnings ?? []).length === 0);

  /** "Duyệt các báo cáo không có cảnh báo", in batches with a progress bar; the server skips any it must not approve. */
  async function approveClean() {
    const ids = clean().map((r) => r.id);
    if (ids.length === 0) {
      setNotice(t('review.bulkNone'));
      return;
    }
    setNotice(null);
    setError(null);
    setBulk({ done: 0, total: ids.length });
    let approved = 0;
    let skipped = 0;
    try {
      for (let i = 0; i < ids.length; i += 100) {
        const results = await bulkApprove(ids.slice(i, i + 100));
        const ok = new Set(results.filter((r) => r.status === 'approved').map((r) => r.id));
        approved += ok.size;
        skipped += results.length - ok.size;
        const keep = stateFilter() === 'all' || stateFilter() === 'approved';
        setReports((list) => (keep ? list.map((r) => (ok.has(r.id) ? { ...r, state: 'approved' as const } : r)) : list.filter((r) => !ok.has(r.id))));
        setBulk({ done: Math.min(i + 100, ids.length), total: ids.length });
      }
      setNotice(`${t('review.bulkDone')} ${approved}.${skipped ? ` ${skipped} ${t('review.bulkSkipped')}.` : ''}`);
    } catch (e) {
      setError(`${explain(e)}${approved ? ` (${t('review.bulkDone')} ${approved}.)` : ''}`);
    } finally {
      setBulk(null);
      void refreshWaiting();
    }
  }

  function stale(message: string) {
    setNotice(`${message} ${t('review.alreadyDecided')}`);
    void refreshWaiting();
    void load(null);
  }

  return (
    <main class="office-main">
      <Show when={!names.error} fallback={<><h1>{t('review.title')}</h1><p class="alert" role="alert">{explain(names.error)}</p></>}>
        <Show when={names()} fallback={<><h1>{t('review.title')}</h1><p>{t('review.loading')}</p></>}>
          {(n) => (
            <>
              <div class="office-heading">
                <h1 ref={heading} tabindex="-1">{t('review.title')}</h1>
                <form class="review-filters" aria-label={t('review.filters')} onSubmit={(e) => e.preventDefault()}>
                  <label class="field">
                    <span>{t('review.plan')}</span>
                    <select name="plan" value={planId()} onChange={(e) => { setPeriodId(''); setPlanId(e.currentTarget.value); }}>
                      <option value="">{t('review.allPlans')}</option>
                      <For each={n().plans}>{(p) => <option value={p.id}>{p.number ? `${p.number} — ` : ''}{p.title}</option>}</For>
                    </select>
                  </label>
                  <label class="field">
                    <span>{t('review.period')}</span>
                    <select name="period" value={periodId()} disabled={!planId()} onChange={(e) => setPeriodId(e.currentTarget.value)}>
                      <option value="">{t('review.allPeriods')}</option>
                      <For each={periodsOfPlan()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                    </select>
                  </label>
                  <label class="field">
                    <span>{t('review.state')}</span>
                    <select name="state" value={stateFilter()} onChange={(e) => setStateFilter(e.currentTarget.value as StateFilter)}>
                      <For each={STATE_FILTERS}>{(s) => <option value={s}>{t(`review.state.${s}` as MessageKey)}</option>}</For>
                    </select>
                  </label>
                </form>
              </div>
              {/* Always in the page, so screen readers hear each decision's outcome when it is written. */}
              <div role="status">
                <Show when={notice()}><p class="notice">{notice()}</p></Show>
              </div>
              <div class="review-layout">
                <section class="review-list" aria-labelledby="review-list-title">
                  <h2 id="review-list-title">
                    {t('review.list')} <span class="muted">({reports().length}{next() ? '+' : ''} {t('review.shown')})</span>
                  </h2>
                  <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
                  <Show when={stateFilter() === 'submitted' || stateFilter() === 'all'}>
                    <div class="bulk-bar">
                      <button type="button" class="btn" disabled={bulk() !== null || clean().length === 0} onClick={() => void approveClean()}>
                        {t('review.bulk')} ({clean().length})
                      </button>
                      <Show when={bulk()}>
                        {(b) => <label class="progress">{t('review.bulkBusy')}: {b().done}/{b().total}<progress max={b().total} value={b().done} /></label>}
                      </Show>
                    </div>
                  </Show>
                  <Show when={reports().length > 0} fallback={
                    <Show when={!loading() && !error()}>
                      <p>{stateFilter() === 'submitted' ? t('review.emptyWaiting') : t('review.empty')}</p>
                    </Show>
                  }>
                    {/* Never under the report beside it: a narrow window scrolls the list sideways. */}
                    <div class="table-scroll">
                      <table class="grid review-table">
                        <thead>
                          <tr>
                            <th scope="col">{t('review.col.unit')}</th>
                            <th scope="col">{t('review.col.period')}</th>
                            <th scope="col">{t('review.col.received')}</th>
                            <th scope="col">{t('review.col.state')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={reports()}>
                            {(r) => (
                              <tr classList={{ selected: r.id === selectedId() }} aria-current={r.id === selectedId() ? 'true' : undefined} data-report-id={r.id}>
                                <td>
                                  <button type="button" class="row-open" ref={(el) => rowButtons.set(r.id, el)}
                                    aria-expanded={r.id === selectedId()} aria-controls="review-detail"
                                    onClick={() => { setNotice(null); setSelectedId(r.id); }}>
                                    {unitName(n(), r.unitId)}
                                  </button>
                                  <Show when={isCorrection(r)}><span class="badge-correction">{t('review.correction')}</span></Show>
                                  <ReportFlags report={r} />
                                </td>
                                <td class="nowrap">{periodName(n(), r.periodId)}</td>
                                <td>{formatReceived(r.receivedAt)}</td>
                                <td><StateChip state={r.state} /></td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  </Show>
                  <Show when={loading()}><p>{t('review.loading')}</p></Show>
                  <Show when={next() && !loading()}>
                    <button type="button" class="btn review-more" onClick={() => void load(next())}>{t('review.more')}</button>
                  </Show>
                </section>
                <section id="review-detail" class="review-detail card">
                  <Show when={selected()} keyed fallback={
                    // An empty queue has nothing to choose: point to where the approved figures show.
                    <Show when={reports().length === 0 && !loading()} fallback={<p class="muted">{t('review.pick')}</p>}>
                      <p><A href={`/office/progress${planId() ? `?plan=${encodeURIComponent(planId())}` : ''}`}>{t('review.toProgress')}</A></p>
                    </Show>
                  }>
                    {(report) => <ReportDetail report={report} names={n()} onDecided={decided} onStale={stale} onOpen={(id) => void open(id)} />}
                  </Show>
                </section>
              </div>
            </>
          )}
        </Show>
      </Show>
    </main>
  );
}
