/**
 * The checks of one submission against the batch context, in the order the contract gives:
 * the caller's scope for the unit, the plan and period, then the values (shared rules),
 * then what it supersedes. A foreign id (another commune's) is reported exactly like an
 * unknown one, so nobody can probe which ids exist elsewhere.
 */
import type { ErrorCode } from '../../shared/errors';
import type { ReportSubmission } from '../../shared/schemas/reports';
import { checkReportValues, checkValueBounds, plausibilityWarnings, type ValueWarning } from '../../shared/report-rules';
import { currentReports } from '../../shared/progress';
import { overrideIssue } from '../../shared/target-links';
import { canReportFor, isOperator, type Principal } from '../auth/policy';
import { groupKey, type BatchContext } from './batch-context';
import type { ReportHead } from '../db/queries/reports';

export interface CheckFailure {
  code: ErrorCode;
  path?: string;
}

export interface CheckedReport {
  communeId: string;
  /** The approved report this one corrects, if one exists for the same unit, plan and period. */
  correctionOf: string | null;
  /** What lateness is judged against at receipt (shared/lateness.ts). */
  deadline: string;
  graceDays: number;
  lockedAt: string | null;
  closedAt: string | null;
  warnings: ValueWarning[];
}

const EMPTY = new Set<string>();

/** `acceptedInBatch`: earlier reports of this batch, so a correction may follow its original. */
export function checkReport(
  report: ReportSubmission,
  principal: Principal,
  ctx: BatchContext,
  acceptedInBatch: ReadonlyMap<string, ReportHead>,
): CheckFailure | CheckedReport {
  const unit = ctx.units.get(report.unitId);
  const visible = unit && unit.communeId !== null && (isOperator(principal) || unit.communeId === principal.communeId);
  if (!unit || !visible) return { code: 'report.unknown_unit', path: 'unitId' };
  if (!canReportFor(principal, unit)) return { code: 'report.unit_forbidden', path: 'unitId' };
  const communeId = unit.communeId!;

  const plan = ctx.plans.get(report.planId);
  if (!plan || plan.communeId !== communeId) return { code: 'report.unknown_plan', path: 'planId' };
  const period = ctx.periods.get(report.periodId);
  if (!period || period.planId !== plan.id) return { code: 'report.unknown_period', path: 'periodId' };
  // A draft is not on any phone; a closed plan takes what was made before it closed (late).
  if (plan.status === 'draft') return { code: 'plan.not_active', path: 'planId' };
  if (plan.status === 'closed' && plan.closedAt && report.createdAt > plan.closedAt) return { code: 'plan.closed', path: 'createdAt' };

  const targets = ctx.targetsByPlan.get(plan.id) ?? new Map();
  // The commune unit's own report (Nhập thay) carries exactly the commune-only targets.
  const assigned = unit.kind === 'commune'
    ? new Set([...targets.values()].filter((t) => t.communeOnly).map((t) => t.id))
    : ctx.assigned.get(groupKey(unit.id, plan.id)) ?? EMPTY;
  const issue = checkReportValues(report.values, targets, assigned).errors[0] ?? checkValueBounds(report.values, targets)[0];
  if (issue) return { code: issue.code, path: issue.path };
  // Linked targets: a figure typed over what the unit's register proposed must say why.
  const override = overrideIssue(report.values, targets, report.note);
  if (override) return { code: override.code, path: override.path };

  if (report.supersedes) {
    const earlier = ctx.superseded.get(report.supersedes) ?? acceptedInBatch.get(report.supersedes);
    const sameGroup = earlier && earlier.unit_id === unit.id && earlier.plan_id === plan.id && earlier.period_id === period.id;
    if (!sameGroup || earlier.id === report.id) return { code: 'report.unknown_supersedes', path: 'supersedes' };
  }

  // An approved figure stays in force until its correction is approved, so a report arriving
  // after an approval goes to review as a correction of the approved one in force.
  const approved = ctx.approved.get(groupKey(unit.id, plan.id, period.id)) ?? [];
  const inForce = currentReports(
    approved.map((r) => ({ id: r.id, unitId: r.unit_id, planId: r.plan_id, periodId: r.period_id, values: [], createdAt: r.created_at, supersedes: r.supersedes, state: 'approved' as const })),
    plan.id,
    period.id,
  ).get(unit.id);
  return {
    communeId, correctionOf: inForce?.id ?? null, deadline: period.deadline, graceDays: plan.graceDays,
    lockedAt: period.lockedAt, closedAt: plan.status === 'closed' ? plan.closedAt : null,
    warnings: plausibilityWarnings(report.values, targets, ctx.shares.get(groupKey(unit.id, plan.id)) ?? new Map()),
  };
}

export function isFailure(result: CheckFailure | CheckedReport): result is CheckFailure {
  return 'code' in result;
}
