/**
 * Pushing the household change queue to `POST /api/households/changes`, with the report
 * outbox's rules (push.ts): oldest first in batches of up to 500, under the same Web Lock (one
 * push per device, page or service worker), a change leaves the queue only when the answer
 * names its id as accepted or duplicate, a refused one stays with the server's message, and a
 * network or server failure leaves everything queued for the sync controller's retry
 * (retry.ts backoff). Resending is harmless: change ids are UUIDv7 made on the phone and the
 * server stores each once.
 */
import type { HouseholdChangeResult } from '../../shared/schemas';
import { errorBody } from '../../shared/errors';
import type { FieldDb, HouseholdOutboxItem, OutboxError } from './db';
import { MAX_HOUSEHOLD_CHANGES } from './limits';
import { getMeta, setMeta } from './meta';
import { HttpFailure, requestJson } from './http';
import { withOutboxLock } from './lock';
import { gzip } from './gzip';
import { revertRefused } from './household-changes';
import { pushOutbox, type PushDeps, type PushOutcome } from './push';

export function pushHouseholdChanges(deps: PushDeps): Promise<PushOutcome> {
  return withOutboxLock(() => pushUnlocked(deps));
}

/**
 * What one sync pushes: the reports first (the office's deadline), then the register's
 * changes. Stops at the first failure, which the sync controller retries with backoff.
 */
export async function pushEverything(deps: PushDeps): Promise<PushOutcome> {
  const reports = await pushOutbox(deps);
  if (reports.failure) return reports;
  const changes = await pushHouseholdChanges({ ...deps, onProgress: undefined });
  return {
    delivered: reports.delivered + changes.delivered, rejected: reports.rejected + changes.rejected,
    remaining: reports.remaining + changes.remaining, failure: changes.failure,
  };
}

/** Changes queued or on the wire, counted on the status index. */
export function countWaitingChanges(db: FieldDb): Promise<number> {
  return db.householdOutbox.where('status').anyOf('queued', 'sending').count();
}

async function pushUnlocked(deps: PushDeps): Promise<PushOutcome> {
  const { db } = deps;
  const outcome: PushOutcome = { delivered: 0, rejected: 0, remaining: 0, failure: null };
  const token = await getMeta(db, 'token');
  if (!token) return { ...outcome, remaining: await countWaitingChanges(db), failure: 'not_enrolled' };
  if (await getMeta(db, 'revoked')) return { ...outcome, remaining: await countWaitingChanges(db), failure: 'revoked' };
  let batchSize = Math.min(deps.batchSize ?? MAX_HOUSEHOLD_CHANGES, MAX_HOUSEHOLD_CHANGES);
  // Changes the answer did not name stay queued; not asked again in this push.
  const skipped = new Set<string>();
  while (!outcome.failure) {
    const batch = await takeBatch(db, batchSize, skipped);
    if (batch.length === 0) break;
    let results: HouseholdChangeResult[];
    try {
      results = await sendBatch(deps, token, batch);
    } catch (error) {
      await markQueued(db, batch);
      if (!(error instanceof HttpFailure)) throw error;
      if (error.kind === 'network' || error.kind === 'server') {
        outcome.failure = error.kind;
        break;
      }
      if (error.kind === 'auth') {
        const revoked = error.body?.code === 'auth.device_revoked';
        if (revoked) await setMeta(db, 'revoked', true);
        outcome.failure = revoked ? 'revoked' : 'auth';
        break;
      }
      if (error.status === 413 && batch.length > 1) {
        batchSize = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      // Any other 4xx refuses the whole batch: every change kept, marked with the reason.
      const reason: OutboxError = error.body ?? errorBody('request.invalid');
      await refuse(db, batch.map((item) => ({ item, reason })));
      outcome.rejected += batch.length;
      continue;
    }
    const applied = await applyReceipts(db, batch, results);
    outcome.delivered += applied.delivered;
    outcome.rejected += applied.rejected;
    for (const id of applied.unanswered) skipped.add(id);
  }
  outcome.remaining = await countWaitingChanges(db);
  return outcome;
}

/** The oldest waiting changes, marked 'sending' in the transaction that reads them. */
async function takeBatch(db: FieldDb, batchSize: number, skipped: ReadonlySet<string>): Promise<HouseholdOutboxItem[]> {
  return db.transaction('rw', db.householdOutbox, async () => {
    const refused = await db.householdOutbox.where('status').equals('rejected').count();
    const rows = await db.householdOutbox.orderBy('queuedAt').limit(batchSize + refused + skipped.size).toArray();
    const batch = rows.filter((i) => i.status !== 'rejected' && !skipped.has(i.id)).slice(0, batchSize);
    if (batch.length > 0) await db.householdOutbox.bulkPut(batch.map((i) => ({ ...i, status: 'sending' as const, attempts: i.attempts + 1 })));
    return batch;
  });
}

async function markQueued(db: FieldDb, batch: HouseholdOutboxItem[]): Promise<void> {
  await db.householdOutbox.bulkUpdate(batch.map((i) => ({ key: i.id, changes: { status: 'queued' as const } })));
}

async function sendBatch(deps: PushDeps, token: string, batch: HouseholdOutboxItem[]): Promise<HouseholdChangeResult[]> {
  const json = JSON.stringify({ changes: batch.map((i) => i.change) });
  const gzipped = deps.gzip === false ? null : await gzip(json);
  const answer = await requestJson<{ results?: HouseholdChangeResult[] }>(deps, '/api/households/changes', {
    method: 'POST',
    token,
    body: gzipped ?? json,
    headers: gzipped ? { 'content-type': 'application/json', 'content-encoding': 'gzip' } : { 'content-type': 'application/json' },
  });
  return Array.isArray(answer?.results) ? answer.results : [];
}

/** The answer to one batch, applied in one transaction (receipts out, refusals marked, the rest queued). */
async function applyReceipts(
  db: FieldDb, batch: HouseholdOutboxItem[], results: HouseholdChangeResult[],
): Promise<{ delivered: number; rejected: number; unanswered: string[] }> {
  const byId = new Map(results.filter((r) => typeof r?.id === 'string').map((r) => [r.id as string, r]));
  const receipted: string[] = [];
  const refused: Array<{ item: HouseholdOutboxItem; reason: OutboxError }> = [];
  const unanswered: string[] = [];
  for (const item of batch) {
    const r = byId.get(item.id);
    if (r?.status === 'accepted' || r?.status === 'duplicate') receipted.push(item.id);
    else if (r?.status === 'rejected') {
      refused.push({
        item,
        reason: { code: r.code ?? 'request.invalid', message: r.message ?? errorBody('request.invalid').message, ...(r.path ? { path: r.path } : {}) },
      });
    } else unanswered.push(item.id);
  }
  await db.transaction('rw', [db.householdOutbox, db.households, db.assessments], async () => {
    if (receipted.length) await db.householdOutbox.bulkDelete(receipted);
    if (unanswered.length) await db.householdOutbox.bulkUpdate(unanswered.map((key) => ({ key, changes: { status: 'queued' as const } })));
  });
  if (refused.length) await refuse(db, refused);
  return { delivered: receipted.length, rejected: refused.length, unanswered };
}

/** Refused changes stay, marked with the reason, and their value goes out of the local copy. */
async function refuse(db: FieldDb, refused: Array<{ item: HouseholdOutboxItem; reason: OutboxError }>): Promise<void> {
  await db.transaction('rw', [db.householdOutbox, db.households, db.assessments, db.meta], async () => {
    await db.householdOutbox.bulkUpdate(refused.map(({ item, reason }) => ({ key: item.id, changes: { status: 'rejected' as const, lastError: reason } })));
    // Newest first, so an older refused change of the same field puts back the oldest value.
    for (const { item } of [...refused].reverse()) await revertRefused(db, item);
  });
}
