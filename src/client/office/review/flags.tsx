/**
 * What the reviewer must notice about a report before deciding, as icon + word: late (days past
 * the deadline), the phone's clock wrong, entered by the office ("Nhập thay"), warnings from the
 * shared report rules. The same chips in the queue and in the detail.
 */
import { Show } from 'solid-js';
import type { ReportDetailBody, ReviewedReport } from '../api-plan';
import { t } from '../messages';

export function ReportFlags(props: { report: ReviewedReport; detailed?: boolean }) {
  return (
    <span class="report-flags">
      <Show when={props.report.late}>
        <span class="flag flag-late">⚠ {t('review.late')}<Show when={(props.report.daysLate ?? 0) > 0}> · {props.report.daysLate} {t('review.daysLate')}</Show></span>
      </Show>
      <Show when={props.report.clockSkew}>
        <span class="flag flag-clock" title={t('review.clockSkewHelp')}>≠ {t('review.clockSkew')}</span>
      </Show>
      <Show when={props.report.enteredBy}>
        {(by) => <span class="flag flag-behalf">✎ {t('review.enteredBy')}<Show when={props.detailed}>: {by().name}</Show></span>}
      </Show>
      <Show when={!props.detailed && (props.report.warnings ?? []).length > 0}>
        <span class="flag flag-warn">⚠ {t('review.warnings')} ({props.report.warnings!.length})</span>
      </Show>
      <Show when={!props.detailed && props.report.newerReportId}>
        <span class="flag">↻ {t('review.newer')}</span>
      </Show>
    </span>
  );
}

/** The ids of the targets a report's unit carries (the detail lists them with share and value). */
export function carriedTargets(detail: ReportDetailBody): string[] {
  return detail.targets.map((line) => line.target.id);
}
