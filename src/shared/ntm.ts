/**
 * The counting rule of the NTM tracker (nông thôn mới), shared by the server, the office and
 * the phone: an indicator is met, not met or not yet known; a criterion is met when ALL its
 * indicators are met; "đạt x/y tiêu chí" counts the met criteria of the set.
 *
 * An indicator that is a share of households (clean water, hygienic toilet, health insurance)
 * takes its verdict from the register when the register has households: the share of those
 * holding the checklist item against the threshold's `minShare`. Otherwise (no register, or no
 * numeric threshold) the state the office recorded counts.
 */
import type { Assessment, ChecklistSet, CommuneGroup, CriteriaSet, Criterion, Indicator, Threshold } from './schemas/registers';
import { registerCount, type RegisterCount } from './registers';
import { formatPercent, formatViNumber } from './vi-number';

export type IndicatorState = 'met' | 'notMet';

/** What the office (or a village head) recorded for one indicator: one row of its history. */
export interface RecordedIndicator {
  id: string;
  indicatorCode: string;
  /** 1, 2, … per indicator: the order of recordings (two may share a millisecond). */
  revision: number;
  state: IndicatorState | null;
  figure: number | null;
  note: string;
  by: string;
  at: string;
}

/** The threshold that applies to a commune of this group: the group's own, else the general one. */
export function thresholdFor(indicator: Pick<Indicator, 'threshold' | 'groups'>, group: CommuneGroup | null): Threshold | undefined {
  if (group !== null) {
    const own = indicator.groups?.[String(group) as '1' | '2' | '3'];
    if (own) return own;
  }
  return indicator.threshold;
}

/** A register's share for one household item: "412/450 hộ, 91,6%". */
export interface ShareFigure {
  /** Households holding the item. */
  meeting: number;
  /** Households still in the register (an unassessed household does not count as holding it). */
  total: number;
  /** meeting / total, 0..1; null for an empty register. */
  share: number | null;
}

export function shareFigure(count: Pick<RegisterCount, 'meeting' | 'total'>): ShareFigure {
  return { meeting: count.meeting, total: count.total, share: count.total === 0 ? null : count.meeting / count.total };
}

/** "412/450 hộ, 91,6%" (vi-VN digits); "chưa có hộ trong sổ" for an empty register. */
export function formatShare(f: ShareFigure): string {
  if (f.share === null) return 'chưa có hộ trong sổ';
  return `${formatViNumber(f.meeting)}/${formatViNumber(f.total)} hộ, ${formatPercent(f.share * 100, { maximumFractionDigits: 1 })}`;
}

/** Met when the share reaches the threshold; null when the register is empty or there is no numeric threshold. */
export function shareVerdict(f: ShareFigure, threshold: Threshold | undefined): IndicatorState | null {
  if (f.share === null || threshold?.minShare === undefined) return null;
  return f.share >= threshold.minShare ? 'met' : 'notMet';
}

/** The verdict of one indicator: computed from the register when it can be, else what was recorded. */
export function indicatorVerdict(
  indicator: Pick<Indicator, 'threshold' | 'groups' | 'householdShare'>,
  recorded: Pick<RecordedIndicator, 'state'> | undefined,
  share: ShareFigure | undefined,
  group: CommuneGroup | null,
): IndicatorState | null {
  if (indicator.householdShare && share) {
    const computed = shareVerdict(share, thresholdFor(indicator, group));
    if (computed !== null) return computed;
  }
  return recorded?.state ?? null;
}

/** A criterion is met when every one of its indicators is met. */
export function criterionMet(criterion: Pick<Criterion, 'indicators'>, verdictOf: (indicatorCode: string) => IndicatorState | null): boolean {
  return criterion.indicators.length > 0 && criterion.indicators.every((i) => verdictOf(i.code) === 'met');
}

/** "Đạt x/y tiêu chí": the met criteria of the set, out of all of them. */
export function metCount(set: Pick<CriteriaSet, 'criteria'>, verdictOf: (indicatorCode: string) => IndicatorState | null): { met: number; total: number } {
  return { met: set.criteria.filter((c) => criterionMet(c, verdictOf)).length, total: set.criteria.length };
}

/** The state in force of each indicator: of its history rows, the highest revision. */
export function latestStates<R extends Pick<RecordedIndicator, 'indicatorCode' | 'revision'>>(rows: readonly R[]): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of rows) {
    const seen = out.get(r.indicatorCode);
    if (!seen || r.revision > seen.revision) out.set(r.indicatorCode, r);
  }
  return out;
}

/** The key latest assessments are counted under when the tracker names no period. */
export const LATEST_PERIOD = '';

/**
 * Each household's newest assessment against this checklist, whatever its period: the tracker
 * follows "how the register stands now" unless it is asked about one period.
 */
export function latestAssessments<A extends Pick<Assessment, 'householdId' | 'checklistId' | 'periodId' | 'items' | 'at'>>(
  assessments: readonly A[], checklistId: string,
): A[] {
  const newest = new Map<string, A>();
  for (const a of assessments) {
    if (a.checklistId !== checklistId) continue;
    const seen = newest.get(a.householdId);
    if (!seen || a.at > seen.at) newest.set(a.householdId, a);
  }
  return [...newest.values()].map((a) => ({ ...a, periodId: LATEST_PERIOD }));
}

/**
 * The share figure of a household-share indicator over a register (one village, or all the
 * commune's villages): households holding the item of the newest version of its checklist.
 */
export function householdShareFigure(
  indicator: Pick<Indicator, 'householdShare'>,
  checklists: readonly Pick<ChecklistSet, 'id' | 'code' | 'validFrom' | 'items'>[],
  households: Parameters<typeof registerCount>[0],
  assessments: readonly Pick<Assessment, 'householdId' | 'checklistId' | 'periodId' | 'items' | 'at'>[],
  periodId?: string,
): ShareFigure | undefined {
  const ref = indicator.householdShare;
  if (!ref) return undefined;
  const checklist = newestChecklist(checklists, ref.checklistCode);
  if (!checklist) return shareFigure({ meeting: 0, total: 0 });
  const ticks = periodId === undefined ? latestAssessments(assessments, checklist.id) : assessments;
  return shareFigure(registerCount(households, ticks, checklist, periodId ?? LATEST_PERIOD, ref.itemCode));
}

/** The newest version (by validity) of a checklist code. */
export function newestChecklist<C extends Pick<ChecklistSet, 'code' | 'validFrom'>>(checklists: readonly C[], code: string): C | undefined {
  return checklists.filter((c) => c.code === code).sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0))[0];
}

/** Every indicator of a set, with its criterion. */
export function indicatorsOf(set: Pick<CriteriaSet, 'criteria'>): { criterion: Criterion; indicator: Indicator }[] {
  return set.criteria.flatMap((criterion) => criterion.indicators.map((indicator) => ({ criterion, indicator })));
}

export interface EvaluatedIndicator<R> {
  indicator: Indicator;
  threshold: Threshold | undefined;
  share: ShareFigure | undefined;
  verdict: IndicatorState | null;
  /** The verdict came from the register, not from what was recorded. */
  computed: boolean;
  recorded: R | undefined;
}
export interface EvaluatedCriterion<R> {
  criterion: Criterion;
  met: boolean;
  indicators: EvaluatedIndicator<R>[];
}

/**
 * A whole set at once, the same on the server and on the phone: each indicator's verdict
 * (register share against the group's threshold, else the recorded state), each criterion's,
 * and "đạt x/y".
 */
export function evaluateCriteria<R extends Pick<RecordedIndicator, 'state'>>(
  set: Pick<CriteriaSet, 'criteria'>, group: CommuneGroup | null, recorded: ReadonlyMap<string, R>, shares: ReadonlyMap<string, ShareFigure>,
): { criteria: EvaluatedCriterion<R>[]; met: number; total: number } {
  const verdicts = new Map<string, IndicatorState | null>();
  const criteria = set.criteria.map((criterion) => {
    const indicators = criterion.indicators.map((indicator) => {
      const threshold = thresholdFor(indicator, group);
      const share = shares.get(indicator.code);
      const verdict = indicatorVerdict(indicator, recorded.get(indicator.code), share, group);
      verdicts.set(indicator.code, verdict);
      const computed = !!indicator.householdShare && share !== undefined && shareVerdict(share, threshold) !== null;
      return { indicator, threshold, share, verdict, computed, recorded: recorded.get(indicator.code) };
    });
    return { criterion, met: criterionMet(criterion, (code) => verdicts.get(code) ?? null), indicators };
  });
  return { criteria, met: criteria.filter((c) => c.met).length, total: criteria.length };
}
