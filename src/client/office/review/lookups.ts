/**
 * The names a report list needs (units, plans and their periods), loaded once per visit, and
 * each plan's targets and assignments loaded the first time one of its reports is opened. A
 * commune has a handful of plans and a few dozen units, so holding them in memory is cheap.
 */
import type { Target, Assignment } from '../../../shared/schemas/targets';
import type { Unit } from '../../../shared/schemas/units';
import type { Period } from '../../../shared/schemas/plans';
import type { StoredReport } from '../../../shared/schemas/reports';
import { t } from '../messages';
import { getPlan, listAssignments, listPlans, listTargets, listUnits, type PlanWithPeriods } from '../api';

export interface Names {
  plans: PlanWithPeriods[];
  units: Map<string, Unit>;
  periods: Map<string, Period>;
}

export async function loadNames(): Promise<Names> {
  // A new visit may follow edits to a plan's targets: read them afresh.
  cache.clear();
  const [plans, units] = await Promise.all([listPlans(), listUnits()]);
  const full = await Promise.all(plans.map((p) => getPlan(p.id)));
  const vi = new Intl.Collator('vi');
  full.sort((a, b) => b.year - a.year || vi.compare(a.title, b.title));
  return {
    plans: full,
    units: new Map(units.map((u) => [u.id, u])),
    periods: new Map(full.flatMap((p) => p.periods.map((period) => [period.id, period] as const))),
  };
}

export const unitName = (names: Names, unitId: string) => names.units.get(unitId)?.name ?? t('review.unknownUnit');
export const periodName = (names: Names, periodId: string) => names.periods.get(periodId)?.name ?? t('review.unknownPeriod');
/** A correction replaces an earlier figure: after approval (`correctionOf`) or before it (`supersedes`). */
export const isCorrection = (r: StoredReport) => r.correctionOf !== null || r.supersedes !== null;

export interface PlanTargets {
  targets: Target[];
  byId: Map<string, Target>;
  /** The unit's share of a target: `${unitId}:${targetId}` → share. */
  shares: Map<string, number | null>;
}

const cache = new Map<string, Promise<PlanTargets>>();

export function planTargets(planId: string): Promise<PlanTargets> {
  let entry = cache.get(planId);
  if (!entry) {
    entry = Promise.all([listTargets(planId), listAssignments(planId)]).then(([targets, assignments]: [Target[], Assignment[]]) => {
      const sorted = [...targets].sort((a, b) => a.position - b.position);
      return {
        targets: sorted,
        byId: new Map(sorted.map((tg) => [tg.id, tg])),
        shares: new Map(assignments.map((a) => [`${a.unitId}:${a.targetId}`, a.share])),
      };
    });
    // A failed load must not stick: the next opening asks again.
    entry.catch(() => cache.delete(planId));
    cache.set(planId, entry);
  }
  return entry;
}
