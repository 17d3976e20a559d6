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
  START_CURSOR, currentHorizon, decodeCursor, draftPlanIds, encodeCursor, loadRecords, readChanges, type SyncScope,
} from '../db/queries/sync';

/** Records that belong to a plan: a field user gets them only once the plan is live. */
const PLAN_OWNED: readonly SyncEntity[] = ['plans', 'periods', 'targets', 'assignments'];

/**
 * Field sync carries only active and closed plans: a draft's records go out as tombstones, so
 * a phone drops anything it had (a plan set back to draft) and never shows a draft. Activating
 * a plan logs its periods, targets and assignments again, so phones receive them then.
 */
async function hideDrafts(db: DbHandle, loaded: Map<SyncEntity, Map<string, object | null>>): Promise<void> {
  const planOf = (entity: SyncEntity, record: object): string | undefined =>
    entity === 'plans' ? (record as { id: string }).id : (record as { planId?: string }).planId;
  const planIds: string[] = [];
  for (const entity of PLAN_OWNED) {
    for (const record of loaded.get(entity)?.values() ?? []) {
      const id = record ? planOf(entity, record) : undefined;
      if (id) planIds.push(id);
    }
  }
  if (planIds.length === 0) return;
  const drafts = await draftPlanIds(db, planIds);
  if (drafts.size === 0) return;
  for (const entity of PLAN_OWNED) {
    const records = loaded.get(entity);
    for (const [id, record] of records ?? []) {
      const planId = record ? planOf(entity, record) : undefined;
      if (planId && drafts.has(planId)) records!.set(id, null);
    }
  }
}

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
  if (!cursor) throw new ApiError('request.invalid', 'cursor');
  const to = cursor.to ?? (await currentHorizon(db));
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
  const loaded = new Map<SyncEntity, Map<string, object | null>>();
  for (const entity of SYNC_ENTITIES) {
    const ids = [...(idsByEntity.get(entity) ?? [])];
    loaded.set(entity, ids.length ? await loadRecords(db, entity, ids) : new Map<string, object | null>());
  }
  if (scope?.kind === 'unit') await hideDrafts(db, loaded);
  for (const entity of SYNC_ENTITIES) {
    const records = loaded.get(entity)!;
    (body[entity] as unknown[]) = [...(idsByEntity.get(entity) ?? [])].map((id) => records.get(id) ?? { id, deleted: true });
  }
  const lastChange = page[page.length - 1];
  body.cursor = encodeCursor(more && lastChange ? { from: cursor.from, to, last: [lastChange.txid, lastChange.seq] } : { from: to, to: null, last: null });
  return body;
}
