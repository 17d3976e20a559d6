/**
 * What the unit has to do, worked out from the synced copy: which periods are open and how
 * far their deadlines are (by the server's clock), which targets the unit carries, and the
 * state of its latest report for each. Pure, so Home and the form read the same answers and
 * tests can check them without a browser.
 */
import { daysLeft, vietnamToday } from '../../shared/periods';
import { latestPerUnit } from '../../shared/progress';
import { isAssigned } from '../../shared/report-rules';
import type { Assignment, Period, Plan, ReportValue, Review, StoredReport, Target, Unit } from '../../shared/schemas';
import type { Draft, OutboxItem } from '../data/db';
import { ownFigures, type OwnFigure } from './own-progress';

export interface UnitData {
  unitId: string;
  units: Unit[];
  plans: Plan[];
  periods: Period[];
  targets: Target[];
  assignments: Assignment[];
  reports: StoredReport[];
  reviews: Review[];
  /** The outbox items that decide a period's status: all refused ones and each period's newest waiting one (data/unit-data). */
  outbox: OutboxItem[];
  drafts: Draft[];
}

export type ReportStatus =
  | { kind: 'none' }
  | { kind: 'draft' }
  | { kind: 'queued'; item: OutboxItem }
  | { kind: 'rejected'; item: OutboxItem }
  | { kind: 'submitted' | 'approved'; report: StoredReport }
  | { kind: 'returned'; report: StoredReport; reason: string | null };

export interface PeriodCard {
  period: Period;
  plan: Plan;
  daysLeft: number;
  status: ReportStatus;
  hasDraft: boolean;
}

/** Targets the unit reports on: the assigned ones and the children of assigned breakdowns. */
export function unitTargets(data: Pick<UnitData, 'unitId' | 'targets' | 'assignments'>, planId: string): Target[] {
  const inPlan = data.targets.filter((t) => t.planId === planId);
  const assigned = new Set(data.assignments.filter((a) => a.unitId === data.unitId && a.planId === planId).map((a) => a.targetId));
  const byId = new Map(inPlan.map((t) => [t.id, t]));
  return treeOrder(inPlan.filter((t) => isAssigned(t.id, byId, assigned)));
}

/** Parents before their children, siblings by position: the order the plan lists them. */
export function treeOrder(targets: Target[]): Target[] {
  const ids = new Set(targets.map((t) => t.id));
  const children = new Map<string | null, Target[]>();
  for (const t of targets) {
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: Target[] = [];
  const walk = (parent: string | null) => {
    for (const t of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push(t);
      walk(t.id);
    }
  };
  walk(null);
  return out;
}

/** Depth of a target under the unit's carried targets (0 = top level), for indenting. */
export function depthOf(target: Target, targets: readonly Target[]): number {
  const byId = new Map(targets.map((t) => [t.id, t]));
  let depth = 0;
  let t: Target | undefined = target;
  while (t?.parentId && byId.has(t.parentId)) {
    depth++;
    t = byId.get(t.parentId);
  }
  return depth;
}

/**
 * The unit's latest report for a period, returned ones included (the user must see them):
 * newest by createdAt among those no other report supersedes.
 */
export function latestReport(reports: readonly StoredReport[], unitId: string, periodId: string): StoredReport | null {
  return latestPerUnit(reports.filter((r) => r.unitId === unitId && r.periodId === periodId)).get(unitId) ?? null;
}

export function returnReason(reviews: readonly Review[], reportId: string): string | null {
  const returns = reviews.filter((r) => r.reportId === reportId && r.decision === 'return').sort((a, b) => (a.at < b.at ? 1 : -1));
  return returns[0]?.reason ?? null;
}

export function reportStatus(data: UnitData, periodId: string): ReportStatus {
  const pending = data.outbox.filter((i) => i.report.periodId === periodId && i.report.unitId === data.unitId);
  const rejected = pending.find((i) => i.status === 'rejected');
  if (rejected) return { kind: 'rejected', item: rejected };
  const queued = pending.sort((a, b) => b.queuedAt - a.queuedAt)[0];
  if (queued) return { kind: 'queued', item: queued };
  const report = latestReport(data.reports, data.unitId, periodId);
  if (report) {
    if (report.state === 'returned') return { kind: 'returned', report, reason: returnReason(data.reviews, report.id) };
    return { kind: report.state, report };
  }
  if (data.drafts.some((d) => d.periodId === periodId)) return { kind: 'draft' };
  return { kind: 'none' };
}

/**
 * Open periods: started (by the server's day) in an active plan that gives the unit targets,
 * except approved ones whose deadline has passed. When none has started yet, the next one,
 * so the screen shows what is coming. Most urgent first.
 */
export function openPeriods(data: UnitData, now: number, serverOffsetMs: number): PeriodCard[] {
  const today = vietnamToday(now, serverOffsetMs);
  const plans = new Map(data.plans.filter((p) => p.status === 'active').map((p) => [p.id, p]));
  const plansWithWork = new Set(data.assignments.filter((a) => a.unitId === data.unitId).map((a) => a.planId));
  const cards: PeriodCard[] = [];
  const upcoming: PeriodCard[] = [];
  for (const period of data.periods) {
    const plan = plans.get(period.planId);
    if (!plan || !plansWithWork.has(plan.id)) continue;
    const card: PeriodCard = {
      period,
      plan,
      daysLeft: daysLeft(period.deadline, now, serverOffsetMs),
      status: reportStatus(data, period.id),
      hasDraft: data.drafts.some((d) => d.periodId === period.id),
    };
    if (period.from > today) upcoming.push(card);
    else if (!(card.status.kind === 'approved' && card.daysLeft < 0)) cards.push(card);
  }
  const byDeadline = (a: PeriodCard, b: PeriodCard) =>
    a.period.deadline < b.period.deadline ? -1 : a.period.deadline > b.period.deadline ? 1 : a.period.id < b.period.id ? -1 : 1;
  // Approved periods sink below the ones that still need work.
  const done = (c: PeriodCard) => (c.status.kind === 'approved' ? 1 : 0);
  cards.sort((a, b) => done(a) - done(b) || byDeadline(a, b));
  if (cards.length === 0 && upcoming.length > 0) return [upcoming.sort(byDeadline)[0]!];
  return cards;
}

export interface TargetRow {
  target: Target;
  depth: number;
  /** This unit's assigned value (its share, else the plan's figure). */
  assigned: number | null;
  /** The latest reported value across the plan's periods (including reports still waiting). */
  last: { value: ReportValue; periodId: string; status: ReportStatus } | null;
  /** That period's figure against the unit's share, with its verdict (shared rules); null: not reported. */
  figure: OwnFigure | null;
}

export function targetRows(data: UnitData, planId: string): TargetRow[] {
  const targets = unitTargets(data, planId);
  const periods = data.periods.filter((p) => p.planId === planId).sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0));
  const latestByPeriod = periods.map((p) => {
    const values = latestValues(data, p.id);
    const figures = values ? ownFigures(data.unitId, planId, p.id, data.targets, data.assignments, values) : null;
    return { period: p, values, status: reportStatus(data, p.id), figures };
  });
  return targets.map((target) => {
    const share = data.assignments.find((a) => a.unitId === data.unitId && a.targetId === target.id)?.share ?? null;
    let last: TargetRow['last'] = null;
    let figure: OwnFigure | null = null;
    for (const p of latestByPeriod) {
      const value = p.values?.find((v) => v.targetId === target.id);
      if (value) {
        last = { value, periodId: p.period.id, status: p.status };
        figure = p.figures?.get(target.id) ?? null;
        break;
      }
    }
    // A breakdown's parent the unit gives only through its children still has a figure.
    figure ??= latestByPeriod.map((p) => p.figures?.get(target.id)).find((f) => f && f.achieved !== null) ?? null;
    return { target, depth: depthOf(target, targets), assigned: share ?? target.value, last, figure };
  });
}

/** The values the unit last gave for a period: pending outbox first, else the latest stored report. */
export function latestValues(data: UnitData, periodId: string): readonly ReportValue[] | null {
  const status = reportStatus(data, periodId);
  if (status.kind === 'queued' || status.kind === 'rejected') return status.item.report.values;
  if (status.kind === 'submitted' || status.kind === 'approved' || status.kind === 'returned') return status.report.values;
  return null;
}

/** The unit's value for a target in the latest report of an earlier period (for plausibility). */
export function previousValue(data: UnitData, period: Period, targetId: string): number | null {
  const earlier = data.periods
    .filter((p) => p.planId === period.planId && p.id !== period.id && p.to < period.to)
    .sort((a, b) => (a.to < b.to ? 1 : -1));
  for (const p of earlier) {
    const v = latestValues(data, p.id)?.find((x) => x.targetId === targetId);
    if (v && 'value' in v) return v.value;
  }
  return null;
}
