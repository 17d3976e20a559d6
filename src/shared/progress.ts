/**
 * How units' reports add up to the commune's progress on each target: which report counts
 * (the current one), how values combine (sum, weighted rate, count of units done), how a
 * breakdown's children make its parent, and the verdict against the target (Đạt / Chưa đạt /
 * Vượt). The phone, the office screens and the server's exports all use these rules, so a
 * figure never differs between two screens.
 */
import type { Target, Assignment, Comparator } from './schemas/targets';
import type { ReportValue, ReportState } from './schemas/reports';

export type Verdict = 'met' | 'notMet' | 'exceeded';

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

/**
 * Per unit, the report that counts for a plan and period: the newest by createdAt (ties by id,
 * UUIDv7 ids sort by time) that no other counted report supersedes. Returned reports do not
 * count: their figures were refused, so a returned correction leaves the approved report it
 * tried to replace in force. Nor does a correction of an approved report still waiting for
 * review: an approved figure stays in force until its correction is approved too.
 */
export function currentReports<R extends ReportLike>(reports: readonly R[], planId: string, periodId: string): Map<string, R> {
  const candidates = reports.filter((r) => r.planId === planId && r.periodId === periodId && r.state !== 'returned'
    && !(r.state === 'submitted' && r.correctionOf));
  const superseded = new Set(candidates.map((r) => r.supersedes).filter((id): id is string => !!id));
  const current = new Map<string, R>();
  for (const r of candidates) {
    if (superseded.has(r.id)) continue;
    const held = current.get(r.unitId);
    if (!held || newer(r, held)) current.set(r.unitId, r);
  }
  return current;
}

/** What ranking reports needs (no values): a StoredReport or a head of one fits. */
export type RankLike = Pick<ReportLike, 'id' | 'unitId' | 'planId' | 'periodId' | 'createdAt' | 'supersedes' | 'state' | 'clockSkew' | 'receivedAt'>;

/** When a report was made, for ranking: the server's receipt when the phone's clock was wrong. */
function rankTime(r: RankLike): string {
  return r.clockSkew && r.receivedAt ? r.receivedAt : r.createdAt;
}

/** Whether `a` was made after `b` (ranked by receivedAt when a phone's clock was wrong). */
export function isNewerReport(a: RankLike, b: RankLike): boolean {
  return newer(a, b);
}

function newer(a: RankLike, b: RankLike): boolean {
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
  /** null when the unit has not reported, or has no share to compare with. */
  verdict: Verdict | null;
  reportId: string | null;
}

export interface TargetProgress {
  targetId: string;
  /** Commune value: sum, weighted rate in percent (Σn/Σd), or number of units done. */
  achieved: number | null;
  numerator: number | null;
  denominator: number | null;
  unitsAssigned: number;
  unitsReported: number;
  unitsDone: number;
  /** null when nothing has been reported yet ("Chưa có số liệu"). */
  verdict: Verdict | null;
  units: UnitProgress[];
}

export interface ProgressInput {
  planId: string;
  periodId: string;
  targets: readonly Target[];
  assignments: readonly Assignment[];
  reports: readonly ReportLike[];
}

type UnitFigure = { value: number | null; numerator: number | null; denominator: number | null; done: boolean | null };
const EMPTY: UnitFigure = { value: null, numerator: null, denominator: null, done: null };

/**
 * Progress on every target of the plan for one period. Reports are cumulative for the year,
 * so a period's figures are the year's result so far.
 */
export function computeProgress(input: ProgressInput): TargetProgress[] {
  const targets = input.targets.filter((t) => t.planId === input.planId);
  const current = currentReports(input.reports, input.planId, input.periodId);
  const children = new Map<string, Target[]>();
  for (const t of targets) if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  const shares = new Map<string, Map<string, number | null>>();
  for (const a of input.assignments) {
    if (a.planId !== input.planId) continue;
    const m = shares.get(a.targetId) ?? new Map<string, number | null>();
    m.set(a.unitId, a.share);
    shares.set(a.targetId, m);
  }

  /** A unit's figure for a target; a parent with children is the sum of the children it reported. */
  const figure = (t: Target, unitId: string, seen: Set<string>): UnitFigure => {
    const kids = children.get(t.id);
    if (kids && !seen.has(t.id) && (t.aggregation === 'sum' || t.aggregation === 'weightedRate')) {
      seen.add(t.id);
      const parts = kids.map((k) => figure(k, unitId, seen));
      seen.delete(t.id);
      if (parts.some((p) => p.value !== null || p.denominator !== null)) {
        if (t.aggregation === 'sum') return { ...EMPTY, value: sum(parts.map((p) => p.value)) };
        return rateFigure(sum(parts.map((p) => p.numerator)), sum(parts.map((p) => p.denominator)));
      }
    }
    const report = current.get(unitId);
    const v = report?.values.find((x) => x.targetId === t.id);
    if (!v) return EMPTY;
    if ('done' in v) return { ...EMPTY, done: v.done, value: v.done ? 1 : 0 };
    if ('numerator' in v) return rateFigure(v.numerator, v.denominator);
    return { ...EMPTY, value: v.value };
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
    const assigned = unitsOf(t, new Set());
    for (const [unitId, share] of assigned) {
      const f = figure(t, unitId, new Set());
      const achieved = f.value;
      // No share: a rate is held to the commune's rate; a lone assignee carries the whole target.
      const goal = share ?? (t.measure === 'rate' || assigned.size === 1 ? t.value : null);
      units.push({
        unitId,
        share,
        achieved,
        numerator: f.numerator,
        denominator: f.denominator,
        done: f.done,
        verdict: achieved === null ? null : unitVerdict(t, achieved, f.done, goal),
        reportId: current.get(unitId)?.id ?? null,
      });
    }
    const reported = units.filter((u) => u.achieved !== null);
    const unitsDone = units.filter((u) => u.done === true).length;
    let achieved: number | null = null;
    let numerator: number | null = null;
    let denominator: number | null = null;
    if (reported.length > 0) {
      if (t.aggregation === 'weightedRate') {
        numerator = sum(reported.map((u) => u.numerator));
        denominator = sum(reported.map((u) => u.denominator));
        achieved = rateFigure(numerator, denominator).value;
      } else if (t.aggregation === 'count') {
        achieved = reported.filter((u) => u.done === true || (u.done === null && (u.achieved ?? 0) > 0)).length;
      } else {
        achieved = sum(reported.map((u) => u.achieved));
      }
    }
    return {
      targetId: t.id,
      achieved,
      numerator,
      denominator,
      unitsAssigned: units.length,
      unitsReported: reported.length,
      unitsDone,
      verdict: achieved === null ? null : communeVerdict(t, achieved, units.length),
      units,
    };
  });
}

function rateFigure(numerator: number | null, denominator: number | null): UnitFigure {
  const value = numerator !== null && denominator !== null && denominator > 0 ? (100 * numerator) / denominator : null;
  return { value, numerator, denominator, done: null };
}

function sum(xs: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const x of xs) if (x !== null) total = (total ?? 0) + x;
  return total;
}

function unitVerdict(t: Target, achieved: number, done: boolean | null, goal: number | null): Verdict | null {
  if (t.comparator === 'done' || t.measure === 'status') return (done ?? achieved > 0) ? 'met' : 'notMet';
  if (goal === null) return null;
  // A unit's share scales a range by the same factor as its low bound.
  const max = t.comparator === 'range' && t.value && t.valueMax !== null ? (goal * t.valueMax) / t.value : goal;
  return verdict(t.comparator, achieved, goal, max);
}

function communeVerdict(t: Target, achieved: number, unitsAssigned: number): Verdict | null {
  if (t.comparator === 'done' || t.aggregation === 'count') {
    // Done when every assigned unit is (or as many as the target names: "06 làng văn hóa").
    const required = t.value ?? unitsAssigned;
    return achieved >= required && required > 0 ? 'met' : 'notMet';
  }
  if (t.value === null) return null;
  return verdict(t.comparator, achieved, t.value, t.valueMax ?? t.value);
}

/** Tolerance for sums of decimals (0,1 + 0,2 must equal 0,3). */
const EPSILON = 1e-9;

/**
 * The verdict of a figure against a bound, as the office writes it in the year-end report:
 * beyond the bound in the good direction is "Vượt", on it is "Đạt", short of it "Chưa đạt".
 *
 * @example verdict('atMost', 25, 27) // 'exceeded' (poverty brought below the cap)
 */
export function verdict(comparator: Comparator, achieved: number, value: number, valueMax: number = value): Verdict {
  const eq = (a: number, b: number) => Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
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
