/** Checklist sets: the shipped ones (commune_id null) and those a commune added. */
import type { DbHandle } from '../handle';
import type { ChecklistSet } from '../../../shared/schemas/registers';

const toRow = (set: ChecklistSet, communeId: string | null, at: string) => ({
  id: set.id, code: set.code, version: set.version, commune_id: communeId,
  data_json: JSON.stringify({ ...set, communeId }), created_at: at,
});

/**
 * Puts in the shipped sets a database does not have yet; never changes a stored one. Their
 * rows are the same in every database (dated by the set's own validity), so a commune moving
 * between databases finds the same reference rows.
 */
export async function ensureShippedChecklists(db: DbHandle, sets: readonly ChecklistSet[]): Promise<void> {
  if (sets.length === 0) return;
  await db.kysely.insertInto('checklist_sets').values(sets.map((s) => toRow(s, null, `${s.validFrom}T00:00:00.000Z`)))
    .onConflict((oc) => oc.doNothing()).execute();
}

/** The sets a commune may use: the shipped ones and its own. */
export async function listChecklists(db: DbHandle, communeId: string | null): Promise<ChecklistSet[]> {
  let q = db.kysely.selectFrom('checklist_sets').select(['data_json', 'commune_id']);
  q = communeId === null ? q.where('commune_id', 'is', null) : q.where((eb) => eb.or([eb('commune_id', 'is', null), eb('commune_id', '=', communeId)]));
  const rows = await q.orderBy('code').orderBy('version').execute();
  return rows.map((r) => ({ ...(JSON.parse(r.data_json) as ChecklistSet), communeId: r.commune_id }));
}

export async function findChecklists(db: DbHandle, ids: readonly string[]): Promise<Map<string, ChecklistSet & { communeId: string | null }>> {
  const out = new Map<string, ChecklistSet & { communeId: string | null }>();
  if (ids.length === 0) return out;
  for (const r of await db.kysely.selectFrom('checklist_sets').select(['id', 'data_json', 'commune_id']).where('id', 'in', [...new Set(ids)]).execute()) {
    out.set(r.id, { ...(JSON.parse(r.data_json) as ChecklistSet), communeId: r.commune_id });
  }
  return out;
}

/** Adds a commune's own version; the (code, version) pair is unique across all sets. */
export async function insertChecklist(db: DbHandle, set: ChecklistSet, communeId: string, at: string): Promise<boolean> {
  const rows = await db.kysely.insertInto('checklist_sets').values(toRow(set, communeId, at))
    .onConflict((oc) => oc.doNothing()).returning('id').execute();
  return rows.length === 1;
}
