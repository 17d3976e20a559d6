/**
 * Pulling the unit's world from the server: plans, periods, targets, assignments, the unit's
 * reports (from every device) and the office's reviews. Each page is applied in one
 * transaction and the cursor saved in that same transaction, so a page is never half-applied
 * and never skipped. The server's clock is remembered as an offset because phones' clocks are
 * often wrong and deadlines must count from the server's day.
 */
import type { SyncResponse } from '../../shared/schemas/sync';
import { SYNC_ENTITIES } from './limits';
import type { FieldDb } from './db';
import { getMeta, setMeta } from './meta';
import { HttpFailure, requestJson, type HttpDeps } from './http';
import { replayPending } from './household-changes';
import type { Assessment, ChecklistSet } from '../../shared/schemas';

export interface PullDeps extends HttpDeps {
  db: FieldDb;
  now?: () => number;
  onPage?: (info: { pages: number; records: number }) => void;
  /** Safety stop for a server that always says `more` (a bug must not drain the battery). */
  maxPages?: number;
}

export type PullFailure = 'network' | 'server' | 'auth' | 'revoked' | 'not_enrolled' | 'client';

export interface PullOutcome {
  pages: number;
  records: number;
  failure: PullFailure | null;
  error?: HttpFailure;
}

const TABLE_OF: Record<(typeof SYNC_ENTITIES)[number], keyof FieldDb> = {
  units: 'units',
  plans: 'plans',
  periods: 'periods',
  targets: 'targets',
  assignments: 'assignments',
  reports: 'reports',
  reviews: 'reviews',
  households: 'households',
  assessments: 'assessments',
  ntm_trackers: 'ntmTrackers',
  ntm_indicator_states: 'ntmStates',
};

export async function pullSync(deps: PullDeps): Promise<PullOutcome> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const outcome: PullOutcome = { pages: 0, records: 0, failure: null };
  const token = await getMeta(db, 'token');
  if (!token) return { ...outcome, failure: 'not_enrolled' };
  const maxPages = deps.maxPages ?? 10_000;
  let resets = 0;
  for (;;) {
    const cursor = (await getMeta(db, 'cursor')) ?? '';
    const sentAt = now();
    let page: SyncResponse;
    try {
      page = await requestJson<SyncResponse>(deps, `/api/sync?cursor=${encodeURIComponent(cursor)}`, { token });
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      if (error.kind === 'auth' && error.body?.code === 'auth.device_revoked') {
        await setMeta(db, 'revoked', true);
        return { ...outcome, failure: 'revoked', error };
      }
      // The server cannot read our cursor (another database, a restored one, a commune moved):
      // start again from the beginning. Only the cursor goes; the outbox and drafts are not
      // touched, and records already here are overwritten by the fresh copies. Once only: an
      // empty cursor refused is the server's problem, not a reason to loop.
      if (error.body?.code === 'sync.cursor_reset' && cursor !== '' && resets++ === 0) {
        await setMeta(db, 'cursor', '');
        continue;
      }
      return { ...outcome, failure: error.kind, error };
    }
    const receivedAt = now();
    const records = await applyPage(db, page, serverOffset(page.serverTime, sentAt, receivedAt));
    outcome.pages++;
    outcome.records += records;
    deps.onPage?.({ pages: outcome.pages, records: outcome.records });
    if (!page.more || outcome.pages >= maxPages) break;
  }
  const checklists = await pullChecklists(deps, token);
  if (checklists) return { ...outcome, failure: checklists.kind, error: checklists };
  await setMeta(db, 'lastSyncAt', now());
  return outcome;
}

/** Server time minus phone time, taking the request's midpoint as the moment the server answered. */
export function serverOffset(serverTime: string, sentAt: number, receivedAt: number): number | null {
  const server = Date.parse(serverTime);
  if (!Number.isFinite(server)) return null;
  return Math.round(server - (sentAt + receivedAt) / 2);
}

async function applyPage(db: FieldDb, page: SyncResponse, offset: number | null): Promise<number> {
  const tables = SYNC_ENTITIES.map((entity) => db.table(TABLE_OF[entity] as string));
  let count = 0;
  await db.transaction('rw', [...tables, db.meta, db.householdOutbox], async () => {
    for (const entity of SYNC_ENTITIES) {
      const records = (page[entity] ?? []) as Array<{ id: string; deleted?: true }>;
      if (records.length === 0) continue;
      const table = db.table(TABLE_OF[entity] as string);
      const deletions = records.filter((r) => r.deleted === true).map((r) => r.id);
      const upserts = records.filter((r) => r.deleted !== true);
      // Within a page, the server sends one state per record; tombstones win over older upserts.
      if (upserts.length) await table.bulkPut(upserts);
      if (deletions.length) await table.bulkDelete(deletions);
      count += records.length;
    }
    // The server's copies replaced ours: the household changes still waiting go back on top.
    const assessments = (page.assessments ?? []).filter((a): a is Assessment => !('deleted' in a));
    const touched = new Set([...(page.households ?? []).map((h) => h.id), ...assessments.map((a) => a.householdId)]);
    if (touched.size > 0) await replayPending(db, [...touched], assessments);
    await db.meta.put({ key: 'cursor', value: page.cursor });
    if (offset !== null) await db.meta.put({ key: 'serverOffsetMs', value: offset });
  });
  return count;
}

/**
 * The household checklists ("5 không 3 sạch"…) the unit ticks against, so the walk screen works
 * offline. Not part of the sync cursor: a handful of small versioned sets, fetched whole after
 * each pull and replaced in one transaction. Returns the failure, or null.
 */
async function pullChecklists(deps: PullDeps, token: string): Promise<HttpFailure | null> {
  let answer: { checklists?: ChecklistSet[] };
  try {
    answer = await requestJson<{ checklists?: ChecklistSet[] }>(deps, '/api/checklists', { token });
  } catch (error) {
    if (error instanceof HttpFailure) return error;
    throw error;
  }
  const sets = Array.isArray(answer?.checklists) ? answer.checklists : [];
  await deps.db.transaction('rw', deps.db.checklists, async () => {
    await deps.db.checklists.clear();
    if (sets.length) await deps.db.checklists.bulkPut(sets);
  });
  return null;
}
