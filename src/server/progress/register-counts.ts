/**
 * The register counts beside a plan's register-linked targets in the progress answer: for each
 * such target and each unit carrying it, the unit's households for the period under the
 * checklist version in force (shared/target-links.ts), counted by the shared `registerCount`.
 * Counts only; the households' names are never read out of the database layer.
 */
import type { DbHandle } from '../db/handle';
import { listChecklists } from '../db/queries/checklists';
import { loadRegisterSource } from '../db/queries/register-counts';
import { registerCount, type RegisterCount } from '../../shared/registers';
import { checklistForPeriod } from '../../shared/target-links';
import type { RegisterCounts } from '../../shared/progress-report';
import type { Period } from '../../shared/schemas/plans';
import type { Assignment, Target } from '../../shared/schemas/targets';
import type { ChecklistSet } from '../../shared/schemas/registers';

export async function registerCountsFor(
  db: DbHandle, communeId: string, period: Period, targets: readonly Target[], assignments: readonly Assignment[],
): Promise<RegisterCounts> {
  const linked = targets.filter((t) => t.link?.kind === 'register');
  const out = new Map<string, Map<string, RegisterCount>>();
  if (linked.length === 0) return out;
  const checklists = await listChecklists(db, communeId);
  const versionOf = new Map<string, ChecklistSet | null>();
  for (const t of linked) {
    const code = (t.link as { checklistCode: string }).checklistCode;
    if (!versionOf.has(code)) versionOf.set(code, checklistForPeriod(checklists, code, period));
  }
  const unitsOf = (t: Target) => [...new Set(assignments.filter((a) => a.targetId === t.id).map((a) => a.unitId))];
  const unitIds = [...new Set(linked.flatMap(unitsOf))];
  const versionIds = [...versionOf.values()].flatMap((v) => (v ? [v.id] : []));
  const source = await loadRegisterSource(db, communeId, unitIds, versionIds, period.id);
  for (const t of linked) {
    const link = t.link as Extract<Target['link'], { kind: 'register' }>;
    const version = versionOf.get(link.checklistCode);
    if (!version) continue;
    const byUnit = new Map<string, RegisterCount>();
    for (const unitId of unitsOf(t)) {
      const households = source.households.filter((h) => h.unitId === unitId);
      if (households.length === 0) continue; // the unit keeps no register: nothing to show
      byUnit.set(unitId, registerCount(households, source.assessments, version, period.id, link.itemCode));
    }
    out.set(t.id, byUnit);
  }
  return out;
}
