/**
 * The sync log. Every write of a synced record (units, plans, periods, targets, assignments,
 * reports, reviews, households) logs itself: triggers append its `changes` row in the same
 * statement (migration 2026_12_01_020), so no write path can forget. The sync turns a missing
 * or deleted row into `{ id, deleted: true }`.
 *
 * What is left here is for the rare record whose meaning changed while its row did not (an
 * approved report replaced by its approved correction): announce it so phones read it again.
 */
import type { SyncEntity } from '../../../shared/schemas/sync';
import type { DbHandle } from '../handle';

export interface ChangeInput {
  entity: SyncEntity;
  entityId: string;
  /** The commune the record belongs to (null only above communes: provinces, districts). */
  communeId: string | null;
  /** The owning reporting unit, for records field users see only for their own unit
   * (assignments, reports, reviews, households); null for commune-wide records. */
  unitId?: string | null;
}

export async function announceUnchanged(tx: DbHandle, changes: readonly ChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  const txid = tx.dialect.currentTxid();
  // Chunks keep us under SQLite's bound-parameter limit.
  for (let i = 0; i < changes.length; i += 500) {
    await tx.kysely
      .insertInto('changes')
      .values(
        changes.slice(i, i + 500).map((c) => ({
          txid,
          commune_id: c.communeId,
          unit_id: c.unitId ?? null,
          entity: c.entity,
          entity_id: c.entityId,
        })),
      )
      .execute();
  }
}
