/**
 * Reads everything the unit's screens need from IndexedDB in one read transaction. It re-runs
 * on every outbox write (Home is a live query), so the outbox is read only as far as a period's
 * status needs it, never the thousand reports a phone may hold after days offline.
 */
import type { FieldDb, MetaValues, OutboxItem } from './db';
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
      outboxForStatus(db, unitId),
      db.drafts.toArray(),
    ]);
    return { meta, unitId, units, plans, periods, targets, assignments, reports, reviews, outbox, drafts };
  });
}

/**
 * The outbox items that decide each period's status (model/unit-work reportStatus): every
 * refused one (few), and per period the newest still waiting. Ids are UUIDv7 made when "Gửi"
 * was pressed, so the last key in a period's index range is its newest report.
 */
async function outboxForStatus(db: FieldDb, unitId: string): Promise<OutboxItem[]> {
  const [refused, periodIds] = await Promise.all([
    db.outbox.where('status').equals('rejected').toArray(),
    db.outbox.orderBy('periodId').uniqueKeys(),
  ]);
  const newest = await Promise.all(
    periodIds.map((periodId) =>
      db.outbox
        .where('periodId')
        .equals(periodId)
        .filter((i) => i.status !== 'rejected' && i.report.unitId === unitId)
        .last(),
    ),
  );
  return [...refused, ...newest.filter((i): i is OutboxItem => i !== undefined)];
}
