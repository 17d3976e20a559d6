/**
 * Reads what the register screens need from IndexedDB in one read transaction: the unit's
 * households and their assessments, the checklists, the periods to assess for, which
 * households have changes not yet sent, and the changes the server refused (with its reason).
 */
import type { Assessment, ChecklistSet, Household, Period, Unit } from '../../shared/schemas';
import type { FieldDb, HouseholdOutboxItem, MetaValues } from './db';
import { allMeta } from './meta';

export interface RegisterData {
  meta: Partial<MetaValues>;
  unit: Unit | undefined;
  households: Household[];
  assessments: Assessment[];
  checklists: ChecklistSet[];
  periods: Period[];
  /** Households with a change still waiting for the server's receipt. */
  unsent: Set<string>;
  /** Changes the server refused: kept, shown with the server's message until dismissed. */
  refused: HouseholdOutboxItem[];
}

export async function loadRegister(db: FieldDb): Promise<RegisterData> {
  return db.transaction('r', [db.meta, db.units, db.households, db.assessments, db.checklists, db.periods, db.householdOutbox], async () => {
    const meta = await allMeta(db);
    const unitId = meta.user?.unitId ?? '';
    const [unit, households, checklists, periods, unsent, refused] = await Promise.all([
      db.units.get(unitId),
      db.households.where('unitId').equals(unitId).toArray(),
      db.checklists.toArray(),
      db.periods.toArray(),
      db.householdOutbox.orderBy('householdId').uniqueKeys(),
      db.householdOutbox.where('status').equals('rejected').toArray(),
    ]);
    // Assessments carry no unit: the register's own, found through its households' ids.
    const ids = new Set(households.map((h) => h.id));
    const assessments = (await db.assessments.toArray()).filter((a) => ids.has(a.householdId));
    return { meta, unit, households, assessments, checklists, periods, unsent: new Set(unsent as string[]), refused };
  });
}
