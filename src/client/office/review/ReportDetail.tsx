/**
 * One report beside the list: its figures against the plan's targets and the unit's share,
 * the earlier figures when it is a correction, the unit's note as plain text, and the decision
 * (approve, or return with a reason the server insists on). Mounted once per report (keyed).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { ReportState, ReportValue, StoredReport } from '../../../shared/schemas/reports';
import type { Target } from '../../../shared/schemas/targets';
import { HttpFailure } from '../../data/http';
import { explain, listReports, reviewReport } from '../api';
import { getReport, type ReportDetailBody, type ReviewedReport } from '../api-plan';
import { t, type MessageKey } from '../messages';
import { isCorrection, periodName, planTargets, unitName, type Names } from './lookups';
import { formatPlanned, formatReceived, formatReported, formatShare } from './format';
import { ReportFlags, carriedTargets } from './flags';
import { overridesRegister } from '../../../shared/target-links';
import { formatViNumber } from '../../../shared/vi-number';

const STATE_ICON: Record<ReportState, string> = { submitted: '○', approved: '✓', returned: '↩' };

/** State as icon + word + colour, never colour alone. */
export function StateChip(props: { state: ReportState }) {
  return (
    <span class={`state-chip state-${props.state}`}>
      <span aria-hidden="true">{STATE_ICON[props.state]}</span> {t(`review.state.${props.state}` as MessageKey)}
    </span>
  );
}

interface Row {
  targetId: string;
  target: Target | undefined;
  current: ReportValue | undefined;
  previous: ReportValue | undefined;
}

export default function ReportDetail(props: {
  report: ReviewedReport;
  names: Names;
  onDecided: (report: StoredReport) => void;
  /** Opens another report of the list (the newer one). */
  onOpen: (reportId: string) => void;
  /** Someone else decided it first: the list is out of date; the server's sentence is passed on. */
  onStale: (message: string) => void;
}) {
  // Keyed by the report: this component never sees another one, so reading props once is safe.
  const report = props.report;
  const previousId = report.correctionOf ?? report.supersedes;
  const [plan] = createResource(() => report.planId, planTargets);
  const [previous] = createResource(
    () => previousId,
    async (id) => {
      const page = await listReports({ unitId: report.unitId, planId: report.planId, periodId: report.periodId, limit: 500 });
      return page.reports.find((r) => r.id === id) ?? null;
    },
  );
  // The full detail (every target the unit carries, flags); an older server without it leaves the list's copy.
  const [detail] = createResource(() => report.id, (id) => getReport(id).catch((): ReportDetailBody | null => null));
  const full = (): ReviewedReport => detail()?.report ?? report;
  const [newer, setNewer] = createSignal<string | null>(null);
  const newerId = () => newer() ?? full().newerReportId ?? null;
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal<'approve' | 'return' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [reasonInvalid, setReasonInvalid] = createSignal(false);
  let reasonField!: HTMLTextAreaElement;
  const titleId = `report-${report.id}-title`;

  const rows = (): Row[] => {
    const p = plan();
    if (!p) return [];
    const current = new Map(report.values.map((v) => [v.targetId, v]));
    const before = new Map((previous() ?? null)?.values.map((v) => [v.targetId, v]) ?? []);
    // Every target the unit carries is listed, an empty one as "chưa nhập" (from the detail when the server gives it).
    const carried = new Set(detail() ? carriedTargets(detail()!) : [...p.shares.keys()].filter((k) => k.startsWith(`${report.unitId}:`)).map((k) => k.slice(report.unitId.length + 1)));
    const ids = p.targets.filter((tg) => current.has(tg.id) || before.has(tg.id) || carried.has(tg.id)).map((tg) => tg.id);
    // A value for a target since removed from the plan is still shown, not silently dropped.
    for (const id of new Set([...current.keys(), ...before.keys()])) if (!p.byId.has(id)) ids.push(id);
    return ids.map((id) => ({ targetId: id, target: p.byId.get(id), current: current.get(id), previous: before.get(id) }));
  };

  async function decide(decision: 'approve' | 'return') {
    setBusy(decision);
    setError(null);
    setReasonInvalid(false);
    try {
      // A comment typed before "Duyệt" goes with the approval, never dropped.
      const res = await reviewReport(report.id, decision, reason().trim() || null);
      props.onDecided(res.report);
    } catch (e) {
      const code = e instanceof HttpFailure ? e.body?.code : undefined;
      if (code === 'review.already_decided') {
        props.onStale(explain(e));
        return;
      }
      if (code === 'review.not_current') {
        const details = e instanceof HttpFailure ? (e.body as { details?: { newerReportId?: string } } | null)?.details : undefined;
        if (details?.newerReportId) setNewer(details.newerReportId);
      }
      setError(explain(e));
      if (code === 'review.reason_required') {
        setReasonInvalid(true);
        reasonField.focus();
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <article aria-labelledby={titleId}>
      <h2 id={titleId}>
        {unitName(props.names, report.unitId)} — {periodName(props.names, report.periodId)}
        <Show when={isCorrection(report)}> <span class="badge-correction">{t('review.correction')}</span></Show>
      </h2>
      <dl class="report-meta">
        <dt>{t('review.col.state')}</dt><dd><StateChip state={report.state} /></dd>
        <dt>{t('review.createdAt')}</dt><dd>{formatReceived(report.createdAt)}</dd>
        <dt>{t('review.receivedAt')}</dt><dd>{formatReceived(report.receivedAt)}</dd>
      </dl>
      <ReportFlags report={full()} detailed />
      <Show when={newerId()}>
        {(id) => (
          <p class="notice newer" role="note">
            <strong>{t('review.newer')}.</strong> {t('review.newerHelp')}{' '}
            <button type="button" class="btn btn-link" onClick={() => props.onOpen(id())}>{t('review.openNewer')}</button>
          </p>
        )}
      </Show>
      <Show when={(full().warnings ?? []).length > 0}>
        <div class="notice warnings">
          <strong>{t('review.warnings')}:</strong>
          <ul><For each={full().warnings}>{(w) => <li>{w.message}</li>}</For></ul>
        </div>
      </Show>
      <Show when={previousId}>
        <p class="notice">
          {t('review.isCorrection')}
          <Show when={previous.state === 'ready' && previous() === null}> {t('review.previousMissing')}</Show>
        </p>
      </Show>
      <Show when={!plan.error} fallback={<p class="alert" role="alert">{explain(plan.error)}</p>}>
        <Show when={plan()} fallback={<p>{t('review.loading')}</p>}>
          <Show when={rows().length > 0} fallback={<p>{t('review.noValues')}</p>}>
            {/* Focusable so a keyboard can scroll it sideways when a narrow window squeezes it. */}
            <div class="table-scroll" tabindex="0" role="region" aria-label={t('review.figures')}>
              <table class="grid report-values">
                <thead>
                  <tr>
                    <th scope="col">{t('review.col.target')}</th>
                    <th scope="col">{t('review.col.planned')}</th>
                    <th scope="col">{t('review.col.share')}</th>
                    <th scope="col">{t('review.col.reported')}</th>
                    <Show when={previousId}><th scope="col">{t('review.col.previous')}</th></Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(row) => (
                      <tr data-target-id={row.targetId}>
                        <th scope="row">{row.target?.label ?? t('review.unknownTarget')}</th>
                        <td class="num">{row.target ? formatPlanned(row.target) : '—'}</td>
                        <td class="num">{row.target ? formatShare(plan()!.shares.get(`${report.unitId}:${row.targetId}`), row.target) : '—'}</td>
                        <td class="num reported">
                          {row.current ? formatReported(row.current, row.target) : <span class="not-entered">{t('review.notEntered')}</span>}
                          {/* Linked targets: what the unit's register proposed, and whether the figure differs (see the note). */}
                          <Show when={row.current && !('done' in row.current) ? row.current.register : undefined}>
                            {(reg) => (
                              <small class="register-count" data-testid="review-register"><br />
                                {t('link.beside')}: {formatViNumber(reg().meeting)} / {formatViNumber(reg().total)} {t('link.households')}
                                <Show when={overridesRegister(row.current!)}> — {t('link.differs')}</Show>
                              </small>
                            )}
                          </Show>
                        </td>
                        <Show when={previousId}>
                          <td class="num">{row.previous ? formatReported(row.previous, row.target) : '—'}</td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
      </Show>
      <h3>{t('review.note')}</h3>
      {/* Text, never HTML: the note is typed on a phone by anyone holding one. */}
      <p class="report-note">{report.note?.trim() ? report.note : <span class="muted">{t('review.noNote')}</span>}</p>
      <Show when={report.state === 'submitted'}>
        <form class="decision" aria-label={t('review.decide')} onSubmit={(e) => e.preventDefault()}>
          <label class="field">
            <span>{t('review.comment')}</span>
            <textarea ref={reasonField} name="reason" rows="2" maxLength={2000} value={reason()}
              aria-invalid={reasonInvalid() ? 'true' : undefined} aria-describedby={error() ? `${titleId}-error` : undefined}
              onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <Show when={error()}>
            <p class="alert" role="alert" id={`${titleId}-error`}>{error()}</p>
          </Show>
          <div class="decision-buttons">
            <button type="button" class="btn btn-main" disabled={busy() !== null || newerId() !== null} onClick={() => void decide('approve')}>
              {busy() === 'approve' ? t('review.busy') : t('review.approve')}
            </button>
            <button type="button" class="btn btn-return" disabled={busy() !== null} onClick={() => void decide('return')}>
              {busy() === 'return' ? t('review.busy') : t('review.return')}
            </button>
          </div>
        </form>
      </Show>
    </article>
  );
}
