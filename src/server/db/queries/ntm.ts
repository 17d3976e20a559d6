/**
 * The SQL of the NTM tracker: criteria sets (shipped, and a commune's own village-level sets),
 * the commune's choice of set and group, and the history of indicator states (one row per
 * change; the latest is in force, see src/shared/ntm.ts latestStates).
 */
import type { Selectable } from 'kysely';
import { inTransaction, type DbHandle } from '../handle';
import { uuidv7 } from '../../../shared/ids';
import { locked, type LockMode } from '../dialect';
import type { NtmIndicatorStatesTable, NtmTrackersTable } from '../schema';
import type { CriteriaSet } from '../../../shared/schemas/registers';
import type { RecordedIndicator } from '../../../shared/ntm';

export type TrackerRow = Selectable<NtmTrackersTable>;
export type IndicatorStateRow = Selectable<NtmIndicatorStatesTable>;
export type StoredCriteriaSet = CriteriaSet & { communeId: string | null };

const toRow = (set: CriteriaSet, communeId: string | null, at: string) => ({
  id: set.id, code: set.code, version: set.version, commune_id: communeId,
  data_json: JSON.stringify({ ...set, communeId }), created_at: at,
});
const fromRow = (r: { data_json: string; commune_id: string | null }): StoredCriteriaSet => ({ ...(JSON.parse(r.data_json) as CriteriaSet), communeId: r.commune_id });

/** Puts in the shipped sets a database does not have yet; never changes a stored one (states name the set they were recorded under). */
export async function ensureShippedCriteria(db: DbHandle, sets: readonly CriteriaSet[]): Promise<void> {
  if (sets.length === 0) return;
  await db.kysely.insertInto('criteria_sets').values(sets.map((s) => toRow(s, null, `${s.validFrom}T00:00:00.000Z`)))
    .onConflict((oc) => oc.doNothing()).execute();
}

/** The sets a commune may use: the shipped ones and its own (the operator: the shipped ones). */
export async function listCriteriaSets(db: DbHandle, communeId: string | null): Promise<StoredCriteriaSet[]> {
  let q = db.kysely.selectFrom('criteria_sets').select(['data_json', 'commune_id']);
  q = communeId === null ? q.where('commune_id', 'is', null) : q.where((eb) => eb.or([eb('commune_id', 'is', null), eb('commune_id', '=', communeId)]));
  return (await q.orderBy('code').orderBy('version').execute()).map(fromRow);
}

export async function findCriteriaSet(db: DbHandle, id: string): Promise<StoredCriteriaSet | undefined> {
  const r = await db.kysely.selectFrom('criteria_sets').select(['data_json', 'commune_id']).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/** The newest stored set of a code a commune may use (shipped or its own). */
export async function findCriteriaSetByCode(db: DbHandle, communeId: string, code: string): Promise<StoredCriteriaSet | undefined> {
  const sets = (await listCriteriaSets(db, communeId)).filter((s) => s.code === code);
  return sets.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
}

/** Adds a commune's own set; false when (code, version) is taken. */
export async function insertCriteriaSet(db: DbHandle, set: CriteriaSet, communeId: string, at: string): Promise<boolean> {
  const rows = await db.kysely.insertInto('criteria_sets').values(toRow(set, communeId, at))
    .onConflict((oc) => oc.doNothing()).returning('id').execute();
  return rows.length === 1;
}

/** The id of a commune's choice for one level (one row each). */
export const trackerId = (communeId: string, level: 'commune' | 'village'): string => `${communeId}:${level}`;

export async function findTrackers(db: DbHandle, communeId: string, lock?: LockMode): Promise<TrackerRow[]> {
  const q = db.kysely.selectFrom('ntm_trackers').selectAll().where('commune_id', '=', communeId).orderBy('level');
  return locked(db.dialect, q, lock).execute();
}

/** Sets the commune's choice for one level (insert or replace). */
export async function saveTracker(tx: DbHandle, row: TrackerRow): Promise<void> {
  await tx.kysely.insertInto('ntm_trackers').values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({
      criteria_set_id: row.criteria_set_id, criteria_set_code: row.criteria_set_code, criteria_set_version: row.criteria_set_version,
      commune_group: row.commune_group, updated_by: row.updated_by, updated_at: row.updated_at,
    }))
    .execute();
}

/** Every recorded state of a set's indicators for these units (the commune, or villages). */
export async function listIndicatorStates(db: DbHandle, criteriaSetId: string, unitIds: readonly string[]): Promise<IndicatorStateRow[]> {
  if (unitIds.length === 0) return [];
  return db.kysely.selectFrom('ntm_indicator_states').selectAll()
    .where('criteria_set_id', '=', criteriaSetId).where('unit_id', 'in', [...new Set(unitIds)])
    .orderBy('revision').execute();
}

/** The next revision of one indicator's history (call under the tracker row's 'update' lock). */
export async function nextRevision(tx: DbHandle, criteriaSetId: string, unitId: string, indicatorCode: string): Promise<number> {
  const r = await tx.kysely.selectFrom('ntm_indicator_states').select((eb) => eb.fn.max('revision').as('top'))
    .where('criteria_set_id', '=', criteriaSetId).where('unit_id', '=', unitId).where('indicator_code', '=', indicatorCode).executeTakeFirst();
  return Number(r?.top ?? 0) + 1;
}

export async function insertIndicatorState(tx: DbHandle, row: IndicatorStateRow): Promise<void> {
  await tx.kysely.insertInto('ntm_indicator_states').values(row).execute();
}

export const recordedOf = (r: IndicatorStateRow): RecordedIndicator & { unitId: string } => ({
  id: r.id, unitId: r.unit_id, indicatorCode: r.indicator_code, revision: Number(r.revision), state: r.state, figure: r.figure, note: r.note, by: r.by_name, at: r.at,
});

/** The live villages of a commune (ids and names), for village-level sets and commune-wide register shares. */
export async function communeVillages(db: DbHandle, communeId: string): Promise<{ id: string; name: string }[]> {
  return db.kysely.selectFrom('units').select(['id', 'name']).where('commune_id', '=', communeId).where('kind', '=', 'village')
    .where('deleted', '=', 0).where('closed_at', 'is', null).orderBy('name').execute();
}

/** The households (id, status) and assessments of these units' registers, for share figures (no names leave this module's callers). */
export async function registersOf(db: DbHandle, unitIds: readonly string[]) {
  if (unitIds.length === 0) return { households: [], assessments: [] };
  const ids = [...new Set(unitIds)];
  const households = await db.kysely.selectFrom('households').select(['id', 'data_json']).where('unit_id', 'in', ids).where('deleted', '=', 0).execute();
  const assessments = await db.kysely.selectFrom('assessments').select(['household_id', 'checklist_id', 'period_id', 'items_json', 'at']).where('unit_id', 'in', ids).execute();
  return {
    households: households.map((h) => ({ id: h.id, status: (JSON.parse(h.data_json) as { status?: 'active' | 'moved' | 'merged' }).status ?? 'active' })),
    assessments: assessments.map((a) => ({
      householdId: a.household_id, checklistId: a.checklist_id, periodId: a.period_id,
      items: JSON.parse(a.items_json) as Record<string, boolean | null>, at: a.at,
    })),
  };
}

/**
 * The demo's tracker (demo/ntm.ts), written only when the commune follows no commune-level set
 * yet: loading the demo again keeps what an office recorded since.
 */
export async function writeDemoTracker(
  db: DbHandle, communeId: string, now: Date,
  demo: { criteriaSetId: string; code: string; version: string; byName: string; states: { indicatorCode: string; state: 'met' | 'notMet'; note: string; daysAgo: number }[] },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const existing = await findTrackers(tx, communeId, 'update');
    if (existing.some((t) => t.level === 'commune')) return;
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    await saveTracker(tx, {
      id: trackerId(communeId, 'commune'), commune_id: communeId, level: 'commune', criteria_set_id: demo.criteriaSetId, criteria_set_code: demo.code, criteria_set_version: demo.version,
      commune_group: null, updated_by: demo.byName, updated_at: at(95),
    });
    const rows = demo.states.map((s) => ({
      id: uuidv7(now.getTime() - s.daysAgo * 86_400_000), commune_id: communeId, unit_id: communeId, criteria_set_id: demo.criteriaSetId,
      indicator_code: s.indicatorCode, revision: 1, state: s.state, figure: null, note: s.note, by_user_id: null, by_name: demo.byName, at: at(s.daysAgo),
    }));
    for (let i = 0; i < rows.length; i += 100) await tx.kysely.insertInto('ntm_indicator_states').values(rows.slice(i, i + 100)).execute();
  });
}

/** The demo's village-level set and its recordings, written only when the commune follows no village-level set yet. */
export async function writeDemoVillageTracker(
  db: DbHandle, communeId: string, now: Date,
  demo: { set: CriteriaSet; byName: string; states: { unitId: string; indicatorCode: string; state: 'met' | 'notMet'; note: string; daysAgo: number }[] },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const existing = await findTrackers(tx, communeId, 'update');
    if (existing.some((t) => t.level === 'village')) return;
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    await insertCriteriaSet(tx, demo.set, communeId, at(40));
    await saveTracker(tx, {
      id: trackerId(communeId, 'village'), commune_id: communeId, level: 'village', criteria_set_id: demo.set.id, criteria_set_code: demo.set.code,
      criteria_set_version: demo.set.version, commune_group: null, updated_by: demo.byName, updated_at: at(35),
    });
    const rows = demo.states.map((s) => ({
      id: uuidv7(now.getTime() - s.daysAgo * 86_400_000), commune_id: communeId, unit_id: s.unitId, criteria_set_id: demo.set.id,
      indicator_code: s.indicatorCode, revision: 1, state: s.state, figure: null, note: s.note, by_user_id: null, by_name: demo.byName, at: at(s.daysAgo),
    }));
    if (rows.length) await tx.kysely.insertInto('ntm_indicator_states').values(rows).execute();
  });
}
