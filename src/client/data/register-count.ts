/**
 * The phone's side of linked targets (issue 10): what the unit's own household register says
 * for a register-linked target in a period ("Sổ hộ: 28 / 32 hộ đạt"), counted from IndexedDB
 * (households and assessments arrive with sync) by the shared `registerCount`, under the
 * checklist version in force for the period (shared/target-links.ts). The checklists are the
 * ones sync keeps in the `checklists` table (data/sync.ts), which the walk screen ticks against.
 */
import type { FieldDb } from './db';
import { getMeta } from './meta';
import { registerCount, type RegisterCount } from '../../shared/registers';
import { checklistForPeriod } from '../../shared/target-links';
import type { Target } from '../../shared/schemas/targets';

/**
 * The register's count for each register-linked target among `targets`, for one period of the
 * phone's own unit. A target is absent when the unit keeps no register (no households yet) or
 * the phone holds no version of its checklist for the period.
 */
export async function loadRegisterCounts(db: FieldDb, periodId: string, targets: readonly Target[]): Promise<Record<string, RegisterCount>> {
  const linked = targets.filter((t) => t.link?.kind === 'register');
  if (linked.length === 0) return {};
  return db.transaction('r', [db.meta, db.periods, db.households, db.assessments, db.checklists], async () => {
    const [user, checklists, period] = await Promise.all([getMeta(db, 'user'), db.checklists.toArray(), db.periods.get(periodId)]);
    if (!user?.unitId || !period) return {};
    const households = await db.households.where('unitId').equals(user.unitId).toArray();
    if (households.length === 0) return {};
    const assessments = await db.assessments.where('householdId').anyOf(households.map((h) => h.id)).toArray();
    const out: Record<string, RegisterCount> = {};
    for (const t of linked) {
      const link = t.link as Extract<Target['link'], { kind: 'register' }>;
      const version = checklistForPeriod(checklists, link.checklistCode, period);
      if (version) out[t.id] = registerCount(households, assessments, version, periodId, link.itemCode);
    }
    return out;
  });
}
