/**
 * One page of GET /api/sync for a principal: scope from policy, window and paging from the
 * cursor (see db/queries/sync.ts for why the window ends at the horizon), records read
 * fresh from their tables so each appears once per page in its newest state.
 */
import { SYNC_ENTITIES, SYNC_PAGE_SIZE, type SyncEntity, type SyncResponse } from '../../shared/schemas/sync';
import type { DbHandle } from '../db/handle';
import { isFieldUser, isOperator, type Principal } from '../auth/policy';
import { ApiError } from '../http/errors';
import {
  START_CURSOR, currentHorizon, cursorFits, decodeCursor, encodeCursor, loadRecords, readChanges, type SyncScope,
} from '../db/queries/sync';
import { databaseIdOf } from '../db/queries/app-meta';

export function scopeOf(p: Principal): SyncScope | null {
  if (isOperator(p)) return { kind: 'all-but-households' };
  if (!p.communeId) return null;
  if (isFieldUser(p)) return p.unitId ? { kind: 'unit', communeId: p.communeId, unitId: p.unitId } : null;
  return { kind: 'commune', communeId: p.communeId };
}

export async function syncPage(
  db: DbHandle, principal: Principal, cursorText: string | undefined, now: Date, pageSize = SYNC_PAGE_SIZE,
): Promise<SyncResponse> {
  const cursor = cursorText ? decodeCursor(cursorText) : START_CURSOR;
  const databaseId = await databaseIdOf(db);
  const horizon = await currentHorizon(db);
  // A cursor we cannot read (garbled, another database's, ahead of this one) is not the
  // phone's fault and must not strand it: the answer tells it to start again from empty.
  if (!cursor || !cursorFits(cursor, databaseId, horizon)) throw new ApiError('sync.cursor_reset', 'cursor');
  const to = cursor.to ?? horizon;
  const scope = scopeOf(principal);
  const changes = scope ? await readChanges(db, scope, cursor.from, to, cursor.last, pageSize + 1) : [];
  const more = changes.length > pageSize;
  const page = more ? changes.slice(0, pageSize) : changes;

  const idsByEntity = new Map<SyncEntity, Set<string>>();
  for (const c of page) {
    let ids = idsByEntity.get(c.entity);
    if (!ids) idsByEntity.set(c.entity, (ids = new Set()));
    ids.add(c.entity_id);
  }
  const body = { cursor: '', more, serverTime: now.toISOString() } as SyncResponse;
  for (const entity of SYNC_ENTITIES) {
    const ids = [...(idsByEntity.get(entity) ?? [])];
    const loaded = ids.length ? await loadRecords(db, entity, ids) : new Map<string, object | null>();
    (body[entity] as unknown[]) = ids.map((id) => loaded.get(id) ?? { id, deleted: true });
  }
  const lastChange = page[page.length - 1];
  body.cursor = encodeCursor(more && lastChange
    ? { from: cursor.from, to, last: [lastChange.txid, lastChange.seq], db: databaseId }
    : { from: to, to: null, last: null, db: databaseId });
  return body;
}
