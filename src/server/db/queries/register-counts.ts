/**
 * What the progress screens need of the commune's household registers to show "28 / 32 hộ"
 * beside a register-linked target: each household's unit and status, and the period's ticks
 * under the given checklist versions. The stored household carries its name in `data_json`;
 * only the status is taken out of it here, so no name leaves this function (Decree 13/2023).
 */
import type { DbHandle } from '../handle';
import type { Assessment, HouseholdStatus } from '../../../shared/schemas/registers';

export interface CountedHousehold {
  id: string;
  unitId: string;
  status: HouseholdStatus;
}

export type CountedAssessment = Pick<Assessment, 'householdId' | 'checklistId' | 'periodId' | 'items'>;

export async function loadRegisterSource(
  db: DbHandle, communeId: string, unitIds: readonly string[], checklistIds: readonly string[], periodId: string,
): Promise<{ households: CountedHousehold[]; assessments: CountedAssessment[] }> {
  if (unitIds.length === 0 || checklistIds.length === 0) return { households: [], assessments: [] };
  const [households, assessments] = await Promise.all([
    db.kysely.selectFrom('households').select(['id', 'unit_id', 'data_json'])
      .where('commune_id', '=', communeId).where('unit_id', 'in', [...unitIds]).where('deleted', '=', 0).execute(),
    db.kysely.selectFrom('assessments').select(['household_id', 'checklist_id', 'period_id', 'items_json'])
      .where('commune_id', '=', communeId).where('unit_id', 'in', [...unitIds])
      .where('period_id', '=', periodId).where('checklist_id', 'in', [...checklistIds]).execute(),
  ]);
  return {
    households: households.map((h) => ({ id: h.id, unitId: h.unit_id, status: (JSON.parse(h.data_json) as { status: HouseholdStatus }).status })),
    assessments: assessments.map((a) => ({
      householdId: a.household_id, checklistId: a.checklist_id, periodId: a.period_id, items: JSON.parse(a.items_json) as Assessment['items'],
    })),
  };
}
