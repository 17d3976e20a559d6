/**
 * A commune's registers counted for one period, unit by unit: households in the register,
 * those with an open dispute, and per checklist how many are assessed and meet it. Counts
 * only — the operator and the office dashboard read them, and no name ever leaves here
 * (Decree 13/2023). The counting rule is the shared `registerCount`, the same the phone uses.
 */
import type { RegisterCounts } from '../../shared/schemas/register-office';
import { registerCount } from '../../shared/registers';
import type { AppDeps } from '../context';
import { isOperator, isOfficeOf, type Principal } from '../auth/policy';
import { ApiError } from '../http/errors';
import { findChecklists } from '../db/queries/checklists';
import { communeHouseholdsForCounts, communeRegisterUnits, findPeriodCommune, periodAssessments } from '../db/queries/register-office';

export async function registerCounts(deps: AppDeps, p: Principal, periodId: string): Promise<RegisterCounts> {
  const communeId = await findPeriodCommune(deps.db, periodId);
  // Another commune's period is answered like one that does not exist.
  if (!communeId || !(isOperator(p) || isOfficeOf(p, communeId))) throw new ApiError('not_found', 'periodId');
  const [units, households, assessments] = await Promise.all([
    communeRegisterUnits(deps.db, communeId), communeHouseholdsForCounts(deps.db, communeId), periodAssessments(deps.db, communeId, periodId),
  ]);
  const checklists = [...(await findChecklists(deps.db, [...new Set(assessments.map((a) => a.checklistId))])).values()]
    .sort((a, b) => a.code.localeCompare(b.code) || a.version.localeCompare(b.version));
  return {
    periodId,
    checklists: checklists.map((c) => ({ id: c.id, code: c.code, version: c.version, name: c.name })),
    units: units.map(({ id }) => {
      const own = households.filter((h) => h.unitId === id);
      return {
        unitId: id,
        households: own.filter((h) => h.status === 'active').length,
        conflicts: own.filter((h) => h.status === 'active' && h.disputed).length,
        checklists: checklists.map((c) => {
          const { assessed, meeting } = registerCount(own, assessments, c, periodId);
          return { checklistId: c.id, assessed, meeting };
        }),
      };
    }),
  };
}
