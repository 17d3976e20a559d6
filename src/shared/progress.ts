/**
 * How units' reports add up to the commune's progress on each target: which report counts
 * (the current one, on the approved or the submitted basis), how values combine (sum, weighted
 * rate Σn/Σd, count of units done), how a breakdown's children make its parent, how a merged
 * village's reports fold into its successor's, and the verdict against the target (Đạt / Chưa
 * đạt / Vượt). The phone, the office screens, the progress API and the exports all use these
 * rules, so a figure never differs between two screens. The API's wire shape is built from this
 * in progress-report.ts.
 */
import type { Target, Assignment, Comparator } from './schemas/targets';
import type { ReportValue, ReportState } from './schemas/reports';
import { reportedLate } from './late';
import { trackedCriteriaMet, type CriteriaMet } from './criteria-progress';

export type Verdict = 'met' | 'notMet' | 'exceeded';
/** A verdict, or `noData` when there is nothing to judge (not reported, or no goal to hold it to). */
export type Assessment = Verdict | 'noData';

/**
 * Which reports count:
 * - `approved`: the current approved report (what the office has accepted);
 * - `submitted`: the newest report that was not returned, corrections waiting for review included.
 * Without a basis: the report in force — approved, or a first report still waiting — where a
 * correction waiting for review does not yet replace the approved figure (what the ingest and
 * the phone work with).
 */
export type Basis = 'approved' | 'submitted';

/** The parts of a report the rules need (a StoredReport fits). */
export interface ReportLike {
  id: string;
  unitId: string;
  planId: string;
  periodId: string;
  values: readonly ReportValue[];
  createdAt: string;
  supersedes?: string | null;
  state?: ReportState;
  /** Set by the server when the report corrects an approved one: it waits for review. */
  correctionOf?: string | null;
  /** The phone's clock was wrong ("giờ trên máy sai"): rank it by `receivedAt` instead. */
  clockSkew?: boolean;
  receivedAt?: string;
}

export interface CurrentReportOptions {
  basis?: Basis;
}

function counts(r: ReportLike, basis: Basis | undefined): boolean {
  if (r.state === 'returned') return false;
  if (basis === 'approved') return r.state === 'approved';
  if (basis === 'submitted') return true;
  return !(r.state === 'submitted' && r.correctionOf);
}

/**
 * Per unit, the report that counts for a plan and period: the newest by createdAt (ties by id,
 * UUIDv7 ids sort by time) among those the basis counts that no other counted report
 * supersedes. Returned reports never count: their figures were refused, so a returned
 * correction leaves the approved report it tried to replace in force.
 */
export function currentReports<R extends ReportLike>(
  reports: readonly R[], planId: string, periodId: string, options: CurrentReportOptions = {},
): Map<string, R> {
  return latestPerUnit(reports.filter((r) => r.planId === planId && r.periodId === periodId && counts(r, options.basis)));
}

/**
 * "Which report counts", the one place it is written: per unit, the newest by createdAt
 * (ties by id: UUIDv7 ids sort by time) that no other of the given reports supersedes. Callers
 * choose which reports take part (`currentReports` leaves out refused figures; the phone's
 * own list keeps returned ones, since the user must see them).
 */
export function latestPerUnit<R extends Pick<ReportLike, 'id' | 'unitId' | 'createdAt' | 'supersedes'>>(reports: readonly R[]): Map<string, R> {
  const superseded = new Set(reports.map((r) => r.supersedes).filter((id): id is string => !!id));
  const current = new Map<string, R>();
  for (const r of reports) {
    if (superseded.has(r.id)) continue;
    const held = current.get(r.unitId);
    if (!held || isNewerReport(r, held)) current.set(r.unitId, r);
  }
  return current;
}

/** What ranking reports needs (no values): a StoredReport or a head of one fits. */
export type RankLike = Pick<ReportLike, 'id' | 'unitId' | 'planId' | 'periodId' | 'createdAt' | 'supersedes' | 'state' | 'clockSkew' | 'receivedAt'>;
/** The least a report needs to be ranked: a queued report on the phone has no receipt yet. */
type Ranked = Pick<ReportLike, 'id' | 'createdAt' | 'clockSkew' | 'receivedAt'>;

/** When a report was made, for ranking: the server's receipt when the phone's clock was wrong. */
function rankTime(r: Ranked): string {
  return r.clockSkew && r.receivedAt ? r.receivedAt : r.createdAt;
}

/** Whether `a` was made after `b` (by createdAt; by receivedAt when a phone's clock was wrong; ties by id). */
export function isNewerReport(a: Ranked, b: Ranked): boolean {
  return newer(a, b);
}

function newer(a: Ranked, b: Ranked): boolean {
  const ta = rankTime(a);
  const tb = rankTime(b);
  if (ta !== tb) return ta > tb;
  return a.id > b.id;
}

/**
 * The newest report of one unit for a plan and period that the office could still act on:
 * not returned, not superseded by another. Only this one may be approved ("review.not_current").
 */
export function newestReport<R extends RankLike>(group: readonly R[]): R | null {
  const candidates = group.filter((r) => r.state !== 'returned');
  const superseded = new Set(candidates.map((r) => r.supersedes).filter((id): id is string => !!id));
  let best: R | null = null;
  for (const r of candidates) {
    if (superseded.has(r.id)) continue;
    if (!best || newer(r, best)) best = r;
  }
  return best;
}

/**
 * The id of the unit's newer report for the same plan and period ("đã có báo cáo mới hơn"), or
 * null when `report` is the one to act on. `group`: the unit's reports for that plan and period.
 */
export function newerReportIdOf(report: RankLike, group: readonly RankLike[]): string | null {
  const newest = newestReport(group.filter((r) => r.unitId === report.unitId && r.planId === report.planId && r.periodId === report.periodId));
  return newerIdGiven(report, newest);
}

/** `newerReportIdOf` when the group's newest report is already known (one pass per group). */
export function newerIdGiven(report: RankLike, newest: RankLike | null): string | null {
  if (!newest || newest.id === report.id) return null;
  return newer(newest, report) || newest.supersedes === report.id ? newest.id : null;
}

/** A unit as the merge rules need it (a Unit fits). */
export interface UnitLike {
  id: string;
  successorId: string | null;
  /** The day it was replaced (YYYY-MM-DD); null with a successor: replaced before any period. */
  replacedOn: string | null;
}

/** One unit's figure for a target: a number (sums, rates in %, counts) and the raw parts. */
export interface UnitProgress {
  unitId: string;
  /** The unit's share of the target; for rates its own rate to reach (null: the target's). */
  share: number | null;
  /** Value, or rate in percent, or 1/0 for done/not done; null when not reported. */
  achieved: number | null;
  numerator: number | null;
  denominator: number | null;
  done: boolean | null;
  /** achieved ÷ the unit's goal × 100 (see `percentOf`); null when it does not apply. */
  percent: number | null;
  verdict: Assessment;
  /** The report that counts for the unit (its own, else a predecessor's); null: none. */
  reportId: string | null;
  state: ReportState | null;
  /** Its first report for the period arrived after the deadline (see late.ts). */
  late: boolean;
}

/** A unit's own figure for a breakdown's parent differs from the sum of its children's. */
export interface ParentDiffers {
  kind: 'parentDiffers';
  unitId: string;
  reported: number;
  childrenSum: number;
}

export interface TargetProgress {
  targetId: string;
  /** Commune value: sum, weighted rate in percent (Σn/Σd), or number of units done/at goal. */
  achieved: number | null;
  numerator: number | null;
  denominator: number | null;
  percent: number | null;
  unitsAssigned: number;
  unitsReported: number;
  unitsDone: number;
  /** `noData` when nothing has been reported yet ("Chưa có số liệu"). */
  verdict: Assessment;
  units: UnitProgress[];
  warnings: ParentDiffers[];
}

export interface ProgressInput {
  planId: string;
  periodId: string;
  targets: readonly Target[];
  assignments: readonly Assignment[];
  reports: readonly ReportLike[];
  basis?: Basis;
  /** The commune's units, for merged villages; without them no unit is folded into another. */
  units?: readonly UnitLike[];
  /** The period's end and deadline: merges compare `to` with replacement dates; lateness uses the deadline. */
  period?: { to: string; deadline: string };
  /** Days after the deadline still counted on time (the plan's grace). */
  graceDays?: number;
  /**
   * The NTM tracker's criteria met per criteria set and unit (criteria-progress.ts): a
   * criteria-linked target takes it as the unit's figure, in place of the unit's report.
   */
  criteriaMet?: CriteriaMet;
  /**
   * The commune's own unit: it carries the targets marked "xã tự báo cáo" (communeOnly), which
   * no village or association is assigned, through the report the office enters for it.
   */
  communeUnitId?: string;
}

type Figure = { value: number | null; numerator: number | null; denominator: number | null; done: boolean | null };
const EMPTY: Figure = { value: null, numerator: null, denominator: null, done: null };
/** The empty path of parents above a target (shared, never written: a descent copies it). */
const NO_SEEN: ReadonlySet<string> = new Set();
const hasFigure = (f: Figure) => f.value !== null || f.denominator !== null;

/**
 * Progress on every target of the plan for one period. Reports are cumulative for the year,
 * so a period's figures are the year's result so far.
 */
export function computeProgress(input: ProgressInput): TargetProgress[] {
  const targets = input.targets.filter((t) => t.planId === input.planId);
  const current = currentReports(input.reports, input.planId, input.periodId, { basis: input.basis });
  const merge = mergeMap(input.units ?? [], input.period?.to ?? null);
  const children = new Map<string, Target[]>();
  for (const t of targets) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);

  // Shares per target, each predecessor's assignment folded into its final successor's.
  const shares = new Map<string, Map<string, number | null>>();
  for (const a of input.assignments) {
    if (a.planId !== input.planId) continue;
    const unitId = merge.finalOf(a.unitId);
    const m = shares.get(a.targetId) ?? new Map<string, number | null>();
    m.set(unitId, m.has(unitId) ? sum([m.get(unitId)!, a.share]) : a.share);
    shares.set(a.targetId, m);
  }
  if (input.communeUnitId) {
    for (const t of targets) {
      if (!t.communeOnly || shares.get(t.id)?.size) continue;
      shares.set(t.id, new Map([[input.communeUnitId, null]]));
    }
  }

  // The reports whose figures make up each final unit's (its own, and its predecessors' per the merge rule).
  const contributions = new Map<string, ReportLike[]>();
  const contributionsOf = (unitId: string): ReportLike[] => {
    let held = contributions.get(unitId);
    if (!held) {
      held = merge.contributions(unitId, (u) => current.get(u));
      contributions.set(unitId, held);
    }
    return held;
  };
  const firstReceived = firstReceivedByUnit(input.reports, input.planId, input.periodId);
  const lateness = new Map<string, boolean>();
  const lateOf = (unitId: string): boolean => {
    if (!input.period) return false;
    let late = lateness.get(unitId);
    if (late === undefined) {
      late = contributionsOf(unitId).some((r) => {
        const first = firstReceived.get(r.unitId);
        return first !== undefined && reportedLate(first, input.period!.deadline, input.graceDays ?? 0);
      });
      lateness.set(unitId, late);
    }
    return late;
  };
  // Each report's values by target, built once: a commune reads 28 reports × 100 targets, a district 2,000 × 100.
  const valuesByReport = new Map<ReportLike, Map<string, ReportValue>>();
  const valueOf = (report: ReportLike, targetId: string): ReportValue | undefined => {
    let values = valuesByReport.get(report);
    if (!values) {
      values = new Map(report.values.map((v) => [v.targetId, v]));
      valuesByReport.set(report, values);
    }
    return values.get(targetId);
  };

  /** A report's figure for a target; a parent with children is the sum of the children it gives. */
  const reportFigure = (t: Target, report: ReportLike, seen: ReadonlySet<string> | Set<string>, onOwnParent?: (own: Figure, kids: Figure) => void): Figure => {
    const kids = children.get(t.id);
    const v = valueOf(report, t.id);
    const own: Figure = !v ? EMPTY : 'done' in v ? { value: v.done ? 1 : 0, numerator: null, denominator: null, done: v.done }
      : 'numerator' in v ? rateFigure(v.numerator, v.denominator) : { value: v.value, numerator: null, denominator: null, done: null };
    if (kids && !seen.has(t.id) && (t.aggregation === 'sum' || t.aggregation === 'weightedRate')) {
      const path = seen === NO_SEEN ? new Set<string>() : (seen as Set<string>);
      path.add(t.id);
      const parts = kids.map((k) => reportFigure(k, report, path));
      path.delete(t.id);
      if (parts.some(hasFigure)) {
        const fromKids = t.aggregation === 'sum'
          ? { ...EMPTY, value: sum(parts.map((p) => p.value)) }
          : rateFigure(sum(parts.map((p) => p.numerator)), sum(parts.map((p) => p.denominator)));
        if (hasFigure(own)) onOwnParent?.(own, fromKids);
        return fromKids;
      }
    }
    return own;
  };

  /**
   * Units responsible for a target and their shares: its own assignees, plus (for a parent)
   * every unit assigned one of its children, whose share is the sum of its child shares.
   */
  const unitsOf = (t: Target, seen: Set<string>): Map<string, number | null> => {
    const result = new Map(shares.get(t.id) ?? []);
    if (seen.has(t.id)) return result;
    seen.add(t.id);
    const fromKids = new Map<string, number | null>();
    for (const k of children.get(t.id) ?? []) {
      for (const [unitId, share] of unitsOf(k, seen)) fromKids.set(unitId, sum([fromKids.get(unitId) ?? null, share]));
    }
    seen.delete(t.id);
    for (const [unitId, share] of fromKids) if (!result.has(unitId)) result.set(unitId, share);
    return result;
  };

  return targets.map((t) => {
    const units: UnitProgress[] = [];
    const warnings: ParentDiffers[] = [];
    const assigned = unitsOf(t, new Set());
    for (const [unitId, share] of assigned) {
      const reports = contributionsOf(unitId);
      const onOwnParent = children.has(t.id) ? (own: Figure, kids: Figure) => {
        if (own.value !== null && kids.value !== null && !nearlyEqual(own.value, kids.value)) {
          warnings.push({ kind: 'parentDiffers', unitId, reported: own.value, childrenSum: kids.value });
        }
      } : undefined;
      const tracked = trackedCriteriaMet(t, unitId, input.criteriaMet);
      const f = tracked !== null ? { ...EMPTY, value: tracked }
        : reports.length === 0 ? EMPTY : reports.length === 1 ? reportFigure(t, reports[0]!, NO_SEEN, onOwnParent)
          : combine(reports.map((r) => reportFigure(t, r, new Set(), onOwnParent)));
      const goal = unitGoal(t, share, assigned.size === 1);
      const verdictOf = f.value === null ? 'noData' : (unitVerdict(t, f.value, f.done, goal) ?? 'noData');
      const counted = reports[0];
      units.push({
        unitId,
        share,
        achieved: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
        done: f.done,
        percent: f.value === null ? null : percentOf(t, f.value, goal),
        verdict: verdictOf,
        reportId: counted?.id ?? null,
        state: counted ? (counted.state ?? null) : null,
        late: lateOf(unitId),
      });
    }
    return { targetId: t.id, ...communeFigure(t, units), unitsAssigned: units.length, units, warnings };
  });
}

/** How the units' figures make the commune's, with its percent and verdict. */
function communeFigure(t: Target, units: readonly UnitProgress[]) {
  const reported = units.filter((u) => u.achieved !== null);
  const unitsDone = units.filter((u) => u.done === true).length;
  const base = { unitsReported: reported.length, unitsDone, numerator: null as number | null, denominator: null as number | null };
  if (reported.length === 0) return { ...base, achieved: null, percent: null, verdict: 'noData' as Assessment };
  if (t.aggregation === 'weightedRate') {
    const numerator = sum(reported.map((u) => u.numerator));
    const denominator = sum(reported.map((u) => u.denominator));
    const achieved = rateFigure(numerator, denominator).value;
    const verdict: Assessment = achieved === null || t.value === null ? 'noData' : verdict3(t.comparator, achieved, t.value, t.valueMax ?? t.value);
    return { ...base, numerator, denominator, achieved, percent: achieved === null ? null : percentOf(t, achieved, t.value), verdict };
  }
  if (t.aggregation === 'count' || t.comparator === 'done') {
    // Done when every assigned unit is (or as many as the target names: "06 làng văn hóa").
    const achieved = reported.filter((u) => u.done === true || (u.done === null && (u.achieved ?? 0) > 0)).length;
    const required = t.value ?? units.length;
    const verdict: Assessment = achieved >= required && required > 0 ? (t.value !== null && achieved > required ? 'exceeded' : 'met') : 'notMet';
    return { ...base, achieved, percent: percentOf(t, achieved, required), verdict };
  }
  if (t.measure === 'xOfY' && units.length > 1) {
    // "x of y" across several units counts the units at their goal: each village has its own 15/19.
    const achieved = units.filter((u) => u.verdict === 'met' || u.verdict === 'exceeded').length;
    const verdict: Assessment = achieved >= units.length ? 'met' : 'notMet';
    return { ...base, achieved, percent: (100 * achieved) / units.length, verdict };
  }
  const achieved = sum(reported.map((u) => u.achieved))!;
  const verdict: Assessment = t.value === null ? 'noData' : verdict3(t.comparator, achieved, t.value, t.valueMax ?? t.value);
  return { ...base, achieved, percent: percentOf(t, achieved, t.value), verdict };
}

/**
 * What a unit is held to: its share; without one, a rate's or an x-of-y's own figure to reach
 * (every village has to reach 96 %, or 15/19), and for other measures the whole target when
 * the unit carries it alone.
 */
export function unitGoal(t: Target, share: number | null, soleAssignee: boolean): number | null {
  if (share !== null) return share;
  if (t.measure === 'rate' || t.measure === 'xOfY' || soleAssignee) return t.value;
  return null;
}

/**
 * achieved ÷ goal × 100 for "at least", "equal" and "range" (against the lower bound); null for
 * "at most", statuses and ranks, whose verdict says it all, and when there is no goal.
 */
export function percentOf(t: Pick<Target, 'comparator' | 'measure'>, achieved: number, goal: number | null): number | null {
  if (t.measure === 'status' || t.measure === 'rank') return null;
  if (t.comparator !== 'atLeast' && t.comparator !== 'equal' && t.comparator !== 'range') return null;
  if (goal === null || goal <= 0) return null;
  return (100 * achieved) / goal;
}

/** The verdict of one unit's figure against its goal; null when there is no goal. */
export function unitVerdict(t: Target, achieved: number, done: boolean | null, goal: number | null): Verdict | null {
  if (t.comparator === 'done' || t.measure === 'status') return (done ?? achieved > 0) ? 'met' : 'notMet';
  if (goal === null) return null;
  // A unit's share scales a range by the same factor as its low bound.
  const max = t.comparator === 'range' && t.value && t.valueMax !== null ? (goal * t.valueMax) / t.value : goal;
  return verdict(t.comparator, achieved, goal, max);
}

const verdict3 = (c: Comparator, achieved: number, value: number, valueMax: number): Verdict => verdict(c, achieved, value, valueMax);

function rateFigure(numerator: number | null, denominator: number | null): Figure {
  const value = numerator !== null && denominator !== null && denominator > 0 ? (100 * numerator) / denominator : null;
  return { value, numerator, denominator, done: null };
}

/** Figures of several reports (a village and the ones merged into it) as one. */
function combine(parts: readonly Figure[]): Figure {
  const given = parts.filter(hasFigure);
  if (given.length <= 1) return given[0] ?? EMPTY;
  if (given.some((p) => p.denominator !== null)) return rateFigure(sum(given.map((p) => p.numerator)), sum(given.map((p) => p.denominator)));
  if (given.every((p) => p.done !== null)) {
    const done = given.every((p) => p.done);
    return { ...EMPTY, done, value: done ? 1 : 0 };
  }
  return { ...EMPTY, value: sum(given.map((p) => p.value)) };
}

function sum(xs: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const x of xs) if (x !== null) total = (total ?? 0) + x;
  return total;
}

/**
 * Merged villages. For a period that ends before a unit's replacement date, its report is added
 * to its successor's (both villages existed and reported apart); from then on the successor's
 * report counts alone, or the predecessor's when the successor has none for the period — never
 * both. Chains of merges fold step by step into the last successor.
 */
function mergeMap(units: readonly UnitLike[], periodTo: string | null) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const predecessors = new Map<string, UnitLike[]>();
  for (const u of units) if (u.successorId && u.successorId !== u.id) predecessors.set(u.successorId, [...(predecessors.get(u.successorId) ?? []), u]);
  const finalOf = (unitId: string): string => {
    let id = unitId;
    const seen = new Set<string>();
    while (byId.get(id)?.successorId && !seen.has(id)) {
      seen.add(id);
      id = byId.get(id)!.successorId!;
    }
    return id;
  };
  const contributions = <R>(unitId: string, reportOf: (id: string) => R | undefined, seen = new Set<string>()): R[] => {
    if (seen.has(unitId)) return [];
    seen.add(unitId);
    const own = reportOf(unitId);
    const before: R[] = [];
    const after: R[] = [];
    for (const p of predecessors.get(unitId) ?? []) {
      const theirs = contributions(p.id, reportOf, seen);
      if (periodTo !== null && p.replacedOn !== null && periodTo < p.replacedOn) before.push(...theirs);
      else after.push(...theirs);
    }
    return [...(own ? [own] : after), ...before];
  };
  return { finalOf, contributions };
}

/** Each unit's first receipt of a report for the period, whatever became of it. */
function firstReceivedByUnit(reports: readonly ReportLike[], planId: string, periodId: string): Map<string, string> {
  const first = new Map<string, string>();
  for (const r of reports) {
    if (r.planId !== planId || r.periodId !== periodId || !r.receivedAt) continue;
    const held = first.get(r.unitId);
    if (!held || r.receivedAt < held) first.set(r.unitId, r.receivedAt);
  }
  return first;
}

/** Tolerance for sums of decimals (0,1 + 0,2 must equal 0,3). */
const EPSILON = 1e-9;
const nearlyEqual = (a: number, b: number) => Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The verdict of a figure against a bound, as the office writes it in the year-end report:
 * beyond the bound in the good direction is "Vượt", on it is "Đạt", short of it "Chưa đạt".
 *
 * @example verdict('atMost', 25, 27) // 'exceeded' (poverty brought below the cap)
 */
export function verdict(comparator: Comparator, achieved: number, value: number, valueMax: number = value): Verdict {
  const eq = nearlyEqual;
  switch (comparator) {
    case 'atLeast':
      return eq(achieved, value) ? 'met' : achieved > value ? 'exceeded' : 'notMet';
    case 'atMost':
      return eq(achieved, value) ? 'met' : achieved < value ? 'exceeded' : 'notMet';
    case 'range':
      if (eq(achieved, valueMax) || eq(achieved, value)) return 'met';
      return achieved > valueMax ? 'exceeded' : achieved >= value ? 'met' : 'notMet';
    case 'equal':
      return eq(achieved, value) ? 'met' : 'notMet';
    case 'done':
      return achieved > 0 ? 'met' : 'notMet';
  }
}
