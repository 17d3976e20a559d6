/**
 * One plan's progress for one period, as the progress API and the exports give it: the caller's
 * scope checked, the figures read fresh from the database (no cache, so an approval shows at
 * once) and computed by the shared rules (shared/progress.ts), units in a stable order
 * (villages, then associations, by Vietnamese name).
 */
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import { ApiError } from '../http/errors';
import { planInScope } from '../routes/office-scope';
import { toPlan, type PlanRow } from '../db/queries/plans';
import { findUnit } from '../db/queries/units';
import { findPeriodOfPlan, loadProgressSource, type ProgressSource } from '../db/queries/progress';
import { planFigures } from '../../shared/progress-report';
import type { Plan } from '../../shared/schemas/plans';
import type { PlanProgress } from '../../shared/schemas/progress';
import type { Basis } from '../../shared/progress';
import { registerCountsFor } from './register-counts';
import { criteriaMetForPlan } from '../ntm/tracker';

export interface ProgressResult {
  plan: Plan;
  communeId: string;
  source: ProgressSource;
  progress: PlanProgress;
}

const KIND_ORDER: Record<string, number> = { village: 0, association: 1 };
const collator = new Intl.Collator('vi');

/** Grace days after a period's deadline before a report counts as late (the plan's, once plans carry one). */
function graceDaysOf(plan: PlanRow): number {
  const grace = (plan as { grace_days?: unknown }).grace_days;
  return typeof grace === 'number' && grace >= 0 ? grace : 0;
}

export async function planProgress(deps: AppDeps, principal: Principal, planId: string, periodId: string, basis: Basis): Promise<ProgressResult> {
  const row = await planInScope(deps.db, principal, planId);
  const period = await findPeriodOfPlan(deps.db, planId, periodId);
  if (!period) throw new ApiError('not_found', 'periodId');
  const source = await loadProgressSource(deps.db, planId, row.commune_id, period);
  // Rank the units once (the collator is slow), then order the assignments by that rank.
  const ordered = [...source.units].sort((a, b) => (KIND_ORDER[a.kind] ?? 2) - (KIND_ORDER[b.kind] ?? 2) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const rank = new Map(ordered.map((u, i) => [u.id, i]));
  const at = (id: string) => rank.get(id) ?? ordered.length;
  const assignments = [...source.assignments].sort((a, b) => at(a.unitId) - at(b.unitId));
  const registerCounts = await registerCountsFor(deps.db, row.commune_id, period, source.targets, source.assignments);
  const criteriaMet = await criteriaMetForPlan(deps.db, row.commune_id, source.targets, source.assignments, period.id);
  const figures = planFigures({
    planId, periodId, basis, targets: source.targets, assignments, reports: source.reports, units: source.units,
    period, graceDays: graceDaysOf(row), registerCounts, criteriaMet, communeUnitId: row.commune_id,
  });
  return {
    plan: toPlan(row),
    communeId: row.commune_id,
    source,
    progress: { planId, periodId, basis, computedAt: deps.clock().toISOString(), ...figures },
  };
}

/** The commune's name for file names and sheet headers. */
export async function communeName(deps: AppDeps, communeId: string): Promise<string> {
  return (await findUnit(deps.db, communeId))?.name ?? '';
}
