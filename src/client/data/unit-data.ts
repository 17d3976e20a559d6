/** Reads everything the unit's screens need from IndexedDB in one read transaction. */
import type { FieldDb, MetaValues } from './db';
import { allMeta } from './meta';
import type { UnitData } from '../model/unit-work';

export interface LoadedUnitData extends UnitData {
  meta: Partial<MetaValues>;
}

export async function loadUnitData(db: FieldDb): Promise<LoadedUnitData> {
  return db.transaction('r', [db.meta, db.units, db.plans, db.periods, db.targets, db.assignments, db.reports, db.reviews, db.outbox, db.drafts], async () => {
    const meta = await allMeta(db);
    const unitId = meta.user?.unitId ?? '';
    const [units, plans, periods, targets, assignments, reports, reviews, outbox, drafts] = await Promise.all([
      db.units.toArray(),
      db.plans.toArray(),
      db.periods.toArray(),
      db.targets.toArray(),
      db.assignments.where('unitId').equals(unitId).toArray(),
      db.reports.where('unitId').equals(unitId).toArray(),
      db.reviews.toArray(),
      db.outbox.toArray(),
      db.drafts.toArray(),
    ]);
    return { meta, unitId, units, plans, periods, targets, assignments, reports, reviews, outbox, drafts };
  });
}
