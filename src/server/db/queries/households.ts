/**
 * The SQL of household registers: the households a batch of changes touches (locked for the
 * rest of the transaction on PostgreSQL), the change log that makes a resend harmless, and the
 * assessments (ticks per household, checklist and period).
 */
import type { Selectable } from 'kysely';
import type { DbHandle } from '../handle';
import { forUpdate } from '../dialect';
import type { AssessmentsTable, HouseholdChangesTable, HouseholdsTable } from '../schema';

export type HouseholdRow = Selectable<HouseholdsTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;
export type HouseholdChangeRow = Selectable<HouseholdChangesTable>;

/** The households by id, locked until COMMIT (in id order, so two batches never deadlock). */
export async function lockHouseholds(tx: DbHandle, ids: readonly string[]): Promise<Map<string, HouseholdRow>> {
  const out = new Map<string, HouseholdRow>();
  const sorted = [...new Set(ids)].sort();
  for (let i = 0; i < sorted.length; i += 400) {
    const q = tx.kysely.selectFrom('households').selectAll().where('id', 'in', sorted.slice(i, i + 400)).orderBy('id');
    for (const r of await forUpdate(tx.dialect, q).execute()) out.set(r.id, r);
  }
  return out;
}

/** Inserts a new household; false when the id is taken (by another unit's or an earlier create). */
export async function insertHousehold(tx: DbHandle, row: HouseholdRow): Promise<boolean> {
  const rows = await tx.kysely.insertInto('households').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  return rows.length === 1;
}

export async function updateHousehold(tx: DbHandle, row: HouseholdRow): Promise<void> {
  await tx.kysely.updateTable('households').set({
    data_json: row.data_json, revision: row.revision, conflicts_json: row.conflicts_json, meta_json: row.meta_json, updated_at: row.updated_at,
  }).where('id', '=', row.id).execute();
}

export async function findChangeIdentities(db: DbHandle, ids: readonly string[]): Promise<Map<string, { hash: string; householdId: string; communeId: string; unitId: string }>> {
  const out = new Map<string, { hash: string; householdId: string; communeId: string; unitId: string }>();
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await db.kysely.selectFrom('household_changes').select(['id', 'content_hash', 'household_id', 'commune_id', 'unit_id'])
      .where('id', 'in', ids.slice(i, i + 400)).execute();
    for (const r of rows) out.set(r.id, { hash: r.content_hash, householdId: r.household_id, communeId: r.commune_id, unitId: r.unit_id });
  }
  return out;
}

/** Stores a change once; false when its id is already stored (a resend, or a concurrent copy). */
export async function insertChangeOnce(tx: DbHandle, row: HouseholdChangeRow): Promise<boolean> {
  const rows = await tx.kysely.insertInto('household_changes').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  return rows.length === 1;
}

export async function deleteChange(tx: DbHandle, id: string): Promise<void> {
  await tx.kysely.deleteFrom('household_changes').where('id', '=', id).execute();
}

export async function findAssessments(tx: DbHandle, householdIds: readonly string[]): Promise<AssessmentRow[]> {
  const out: AssessmentRow[] = [];
  const ids = [...new Set(householdIds)];
  for (let i = 0; i < ids.length; i += 400) {
    out.push(...(await tx.kysely.selectFrom('assessments').selectAll().where('household_id', 'in', ids.slice(i, i + 400)).execute()));
  }
  return out;
}

/** Writes an assessment (new or changed). The household's row lock makes this the only writer. */
export async function saveAssessment(tx: DbHandle, row: AssessmentRow, isNew: boolean): Promise<void> {
  if (isNew) await tx.kysely.insertInto('assessments').values(row).execute();
  else await tx.kysely.updateTable('assessments').set({ items_json: row.items_json, by_name: row.by_name, at: row.at }).where('id', '=', row.id).execute();
}

export interface UnitRef { id: string; kind: string; communeId: string | null }

export async function findUnits(db: DbHandle, ids: readonly string[]): Promise<Map<string, UnitRef>> {
  const out = new Map<string, UnitRef>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  for (const r of await db.kysely.selectFrom('units').select(['id', 'kind', 'commune_id']).where('id', 'in', unique).where('deleted', '=', 0).execute()) {
    out.set(r.id, { id: r.id, kind: r.kind, communeId: r.commune_id });
  }
  return out;
}

/** The periods among these ids that belong to this commune. */
export async function findCommunePeriods(db: DbHandle, communeId: string, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.kysely.selectFrom('periods').select('id').where('id', 'in', unique).where('commune_id', '=', communeId).where('deleted', '=', 0).execute();
  return new Set(rows.map((r) => r.id));
}

/** A unit's register: its households and their assessments (office, or the owning unit). */
export async function listRegister(db: DbHandle, unitId: string): Promise<{ households: HouseholdRow[]; assessments: AssessmentRow[] }> {
  const households = await db.kysely.selectFrom('households').selectAll().where('unit_id', '=', unitId).where('deleted', '=', 0).execute();
  const assessments = await db.kysely.selectFrom('assessments').selectAll().where('unit_id', '=', unitId).execute();
  return { households, assessments };
}

/** Decree 13: erase a person's name and address, in the household and in its change history. */
export async function eraseHouseholdIdentity(tx: DbHandle, row: HouseholdRow, erasedValue: string): Promise<void> {
  await updateHousehold(tx, row);
  await tx.kysely.updateTable('household_changes').set({ value_json: erasedValue })
    .where('household_id', '=', row.id).where('change_key', 'in', ['field:headName', 'field:address', 'create']).execute();
}

/** Names for a register's export: the unit's, and those of the periods its assessments are for. */
export async function registerLabels(db: DbHandle, unitId: string, periodIds: readonly string[]): Promise<{ unitName: string; periods: Map<string, string> }> {
  const unit = await db.kysely.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  const unique = [...new Set(periodIds)];
  const periods = new Map<string, string>();
  if (unique.length > 0) for (const r of await db.kysely.selectFrom('periods').select(['id', 'name']).where('id', 'in', unique).execute()) periods.set(r.id, r.name);
  return { unitName: unit?.name ?? '', periods };
}
