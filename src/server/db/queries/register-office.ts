/**
 * The SQL behind the office's view of registers: a household's stored changes in the order
 * they arrived, and what counting a commune's registers for a period needs — each
 * household's unit, status and disputes (names are parsed away before they leave here) and
 * that period's ticks.
 */
import type { DbHandle } from '../handle';
import type { HouseholdChangeRow } from './households';
import type { HouseholdData } from './records';

export async function householdChanges(db: DbHandle, householdId: string): Promise<HouseholdChangeRow[]> {
  return db.kysely.selectFrom('household_changes').selectAll().where('household_id', '=', householdId)
    .orderBy('received_at').orderBy('created_at').orderBy('id').execute();
}

export interface CountedHousehold {
  id: string;
  unitId: string;
  status: HouseholdData['status'];
  disputed: boolean;
}

/** The commune's households, without their names: id, unit, status, whether a dispute is open. */
export async function communeHouseholdsForCounts(db: DbHandle, communeId: string): Promise<CountedHousehold[]> {
  const rows = await db.kysely.selectFrom('households').select(['id', 'unit_id', 'data_json', 'conflicts_json'])
    .where('commune_id', '=', communeId).where('deleted', '=', 0).execute();
  return rows.map((r) => ({
    id: r.id, unitId: r.unit_id, status: (JSON.parse(r.data_json) as HouseholdData).status, disputed: r.conflicts_json !== '[]',
  }));
}

export async function periodAssessments(db: DbHandle, communeId: string, periodId: string) {
  const rows = await db.kysely.selectFrom('assessments').select(['household_id', 'checklist_id', 'period_id', 'items_json'])
    .where('commune_id', '=', communeId).where('period_id', '=', periodId).execute();
  return rows.map((r) => ({ householdId: r.household_id, checklistId: r.checklist_id, periodId: r.period_id, items: JSON.parse(r.items_json) as Record<string, boolean | null> }));
}

export async function findPeriodCommune(db: DbHandle, periodId: string): Promise<string | null | undefined> {
  const row = await db.kysely.selectFrom('periods').select('commune_id').where('id', '=', periodId).where('deleted', '=', 0).executeTakeFirst();
  return row?.commune_id;
}

export async function communeRegisterUnits(db: DbHandle, communeId: string): Promise<{ id: string }[]> {
  return db.kysely.selectFrom('units').select('id').where('commune_id', '=', communeId).where('deleted', '=', 0)
    .where('kind', 'in', ['village', 'association']).orderBy('kind', 'desc').orderBy('name').execute();
}

/** One household's row, read without a lock (for a read-only answer). */
export async function findHouseholdRow(db: DbHandle, id: string) {
  return db.kysely.selectFrom('households').select(['id', 'unit_id', 'commune_id']).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
}
