/**
 * What the village head's phone knows of the NTM tracker, read from IndexedDB (so it works
 * offline): the commune's village-level choice (with its set and household checklists), this
 * village's recorded indicator states, and the village's own register for household shares.
 */
import type { FieldDb } from './db';
import { allMeta } from './meta';
import type { VillageNtmInput } from '../model/ntm-village';

export async function loadVillageNtm(db: FieldDb): Promise<VillageNtmInput> {
  return db.transaction('r', [db.meta, db.ntmTrackers, db.ntmStates, db.households, db.assessments], async () => {
    const meta = await allMeta(db);
    const unitId = meta.user?.unitId ?? '';
    const trackers = await db.ntmTrackers.toArray();
    const tracker = trackers.find((t) => t.level === 'village');
    // A village-level set is the villages' own: an association's phone reads nothing more (Home
    // re-reads this on every change, and an association's register may hold thousands of ticks).
    if (!tracker || meta.user?.role !== 'village') return { tracker: undefined, states: [], households: [], assessments: [] };
    // The register is read only when an indicator takes its figure from it.
    const usesRegister = tracker.set.criteria.some((c) => c.indicators.some((i) => i.householdShare));
    const [states, households] = await Promise.all([
      db.ntmStates.where('unitId').equals(unitId).toArray(),
      usesRegister ? db.households.where('unitId').equals(unitId).toArray() : Promise.resolve([]),
    ]);
    const assessments = households.length ? await db.assessments.where('householdId').anyOf(households.map((h) => h.id)).toArray() : [];
    return { tracker, states: states.filter((s) => s.criteriaSetId === tracker.set.id), households, assessments };
  });
}
