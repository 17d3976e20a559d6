/**
 * Everything the checks of one batch need from the database, fetched in a few queries for
 * the whole batch (units, plans, periods, targets, assignments, superseded and approved
 * reports) — at 100 reports of 20 values a batch, per-value queries would be the bottleneck.
 */
import type { DbHandle } from '../db/handle';
import type { ReportSubmission } from '../../shared/schemas/reports';
import type { Comparator, Measure, TargetLink } from '../../shared/schemas/targets';
import {
  findApprovedReports, findAssignmentsOfUnits, findPeriodsForIngest, findPlansForIngest, findReportHeads,
  findTargetsOfPlans, findUnitsForIngest, type ReportHead,
} from '../db/queries/reports';

export interface TargetInfo {
  id: string;
  parentId: string | null;
  measure: Measure;
  outOf: number | null;
  wholeNumber: boolean;
  communeOnly: boolean;
  value: number | null;
  comparator: Comparator;
  /** What the figure follows (issue 10): a register-linked figure typed over the register needs a note. */
  link: TargetLink | null;
}

export interface BatchContext {
  units: Map<string, { id: string; kind: string; communeId: string | null }>;
  plans: Map<string, { id: string; communeId: string | null; status: string; graceDays: number; closedAt: string | null }>;
  periods: Map<string, { id: string; planId: string; deadline: string; lockedAt: string | null }>;
  targetsByPlan: Map<string, Map<string, TargetInfo>>;
  /** `${unitId}|${planId}` → assigned target ids. */
  assigned: Map<string, Set<string>>;
  /** `${unitId}|${planId}` → target id → the unit's share. */
  shares: Map<string, Map<string, number | null>>;
  /** Reports named by `supersedes`, by id. */
  superseded: Map<string, ReportHead>;
  /** Approved reports, by `${unitId}|${planId}|${periodId}`. */
  approved: Map<string, ReportHead[]>;
}

export const groupKey = (unitId: string, planId: string, periodId?: string) =>
  periodId === undefined ? `${unitId}|${planId}` : `${unitId}|${planId}|${periodId}`;

export async function loadBatchContext(db: DbHandle, reports: readonly ReportSubmission[]): Promise<BatchContext> {
  const unitIds = reports.map((r) => r.unitId);
  const planIds = reports.map((r) => r.planId);
  const supersedeIds = reports.map((r) => r.supersedes).filter((id): id is string => !!id);
  const [units, plans, periods, targets, assignments, superseded, approved] = await Promise.all([
    findUnitsForIngest(db, unitIds),
    findPlansForIngest(db, planIds),
    findPeriodsForIngest(db, reports.map((r) => r.periodId)),
    findTargetsOfPlans(db, planIds),
    findAssignmentsOfUnits(db, unitIds, planIds),
    findReportHeads(db, supersedeIds),
    findApprovedReports(db, unitIds, planIds),
  ]);
  const ctx: BatchContext = {
    units: new Map(units.filter((u) => !u.deleted).map((u) => [u.id, { id: u.id, kind: u.kind, communeId: u.commune_id }])),
    plans: new Map(plans.filter((p) => !p.deleted).map((p) => [p.id, {
      id: p.id, communeId: p.commune_id, status: p.status, graceDays: p.grace_days, closedAt: p.closed_at,
    }])),
    periods: new Map(periods.filter((p) => !p.deleted).map((p) => [p.id, { id: p.id, planId: p.plan_id, deadline: p.deadline, lockedAt: p.locked_at }])),
    targetsByPlan: new Map(),
    assigned: new Map(),
    shares: new Map(),
    superseded: new Map(superseded.map((r) => [r.id, r])),
    approved: new Map(),
  };
  for (const t of targets) {
    if (t.deleted) continue;
    let byId = ctx.targetsByPlan.get(t.plan_id);
    if (!byId) ctx.targetsByPlan.set(t.plan_id, (byId = new Map()));
    byId.set(t.id, {
      id: t.id, parentId: t.parent_id, measure: t.measure as Measure, outOf: t.out_of, wholeNumber: t.whole_number === 1,
      communeOnly: t.commune_only === 1, value: t.value, comparator: t.comparator as Comparator,
      link: t.link_json ? (JSON.parse(t.link_json) as TargetLink) : null,
    });
  }
  for (const a of assignments) {
    const key = groupKey(a.unit_id, a.plan_id);
    let set = ctx.assigned.get(key);
    if (!set) ctx.assigned.set(key, (set = new Set()));
    set.add(a.target_id);
    let shares = ctx.shares.get(key);
    if (!shares) ctx.shares.set(key, (shares = new Map()));
    shares.set(a.target_id, a.share);
  }
  for (const r of approved) {
    const key = groupKey(r.unit_id, r.plan_id, r.period_id);
    const list = ctx.approved.get(key) ?? [];
    list.push(r);
    ctx.approved.set(key, list);
  }
  return ctx;
}
