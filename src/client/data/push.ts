/**
 * Pushing the outbox: everything waiting goes out in batches of up to 500, two in flight at
 * most, one push at a time per device (page and service worker share a Web Lock). A report
 * leaves the outbox only when the server's answer names its id as accepted or duplicate (G2);
 * resending is harmless because ids are UUIDv7 made on the device (G3). Stops at the first
 * network or server failure and leaves the rest queued; the sync controller schedules the
 * retry (retry.ts).
 */
import type { ReportResult, ReportSubmission } from '../../shared/schemas';
import { MAX_REPORTS_PER_BATCH } from './limits';
import { errorBody } from '../../shared/errors';
import type { FieldDb, OutboxItem, OutboxError } from './db';
import { getMeta, setMeta } from './meta';
import { HttpFailure, requestJson, type HttpDeps } from './http';
import { withOutboxLock } from './lock';
import { gzip } from './gzip';
import { applyResults } from './receipts';

export interface PushProgress {
  done: number;
  total: number;
}

export interface PushDeps extends HttpDeps {
  db: FieldDb;
  now?: () => number;
  batchSize?: number;
  /** Compress request bodies with CompressionStream when available (default true). */
  gzip?: boolean;
  onProgress?: (progress: PushProgress) => void;
}

export type PushFailure = 'network' | 'server' | 'auth' | 'revoked' | 'not_enrolled';

export interface PushOutcome {
  /** Receipted (accepted or duplicate) and removed from the outbox. */
  delivered: number;
  /** Refused by the server: kept, marked with its message. */
  rejected: number;
  /** Still waiting after this push (queued or sending). */
  remaining: number;
  /** Why the push stopped early, if it did; network and server failures mean retry later. */
  failure: PushFailure | null;
}

/** Sends everything waiting (see the module comment); resolves with what happened. */
export function pushOutbox(deps: PushDeps): Promise<PushOutcome> {
  return withOutboxLock(() => pushUnlocked(deps));
}

async function pushUnlocked(deps: PushDeps): Promise<PushOutcome> {
  const { db } = deps;
  const outcome: PushOutcome = { delivered: 0, rejected: 0, remaining: 0, failure: null };
  const token = await getMeta(db, 'token');
  if (!token) return { ...outcome, remaining: await countPending(db), failure: 'not_enrolled' };
  if (await getMeta(db, 'revoked')) return { ...outcome, remaining: await countPending(db), failure: 'revoked' };

  let batchSize = Math.min(deps.batchSize ?? MAX_REPORTS_PER_BATCH, MAX_REPORTS_PER_BATCH);
  const total = await countPending(db);
  let done = 0;
  deps.onProgress?.({ done, total });
  // Items that stayed queued because the answer did not name them: don't loop on them.
  const skipped = new Map<string, number>();
  // Set when a batch went back to the queue mid-push (413): from then on each read starts at
  // the oldest report again instead of after the batch on the wire.
  let requeued = false;

  // Answers one batch's POST: receipts applied, or the batch put back / marked as the error says.
  const settle = async (batch: OutboxItem[], answer: Promise<ReportResult[]>): Promise<void> => {
    let results: ReportResult[];
    try {
      results = await answer;
    } catch (error) {
      await markQueued(db, batch);
      if (!(error instanceof HttpFailure)) throw error;
      if (error.kind === 'network' || error.kind === 'server') {
        outcome.failure ??= error.kind;
        return;
      }
      if (error.kind === 'auth') {
        if (error.body?.code === 'auth.device_revoked') await setMeta(db, 'revoked', true);
        outcome.failure = error.body?.code === 'auth.device_revoked' ? 'revoked' : 'auth';
        return;
      }
      // 413: the batch was too big for the server after decompression; try smaller ones.
      if (error.status === 413 && batch.length > 1) {
        batchSize = Math.min(batchSize, Math.max(1, Math.floor(batch.length / 2)));
        requeued = true;
        return;
      }
      // Any other 4xx refuses the whole batch: keep every report, marked with the reason (G4).
      const reason: OutboxError = error.body ?? errorBody('request.invalid');
      await db.outbox.bulkUpdate(batch.map((i) => ({ key: i.id, changes: { status: 'rejected', lastError: reason } })));
      outcome.rejected += batch.length;
      done += batch.length;
      deps.onProgress?.({ done, total });
      return;
    }
    const applied = await applyResults(deps, batch, results);
    outcome.delivered += applied.delivered;
    outcome.rejected += applied.rejected;
    for (const item of batch) if (applied.unanswered.includes(item.id)) skipped.set(item.id, item.queuedAt);
    done += batch.length;
    deps.onProgress?.({ done, total });
  };

  // Two batches in flight at most: the next one is read, encoded and sent while the previous
  // one is still on the wire, because on 3G each POST waits ~300 ms for the network alone and
  // the phone's own work between batches (receipts, the next read) left the line idle.
  let ahead: { batch: OutboxItem[]; settled: Promise<unknown> } | null = null;
  let thrown: { error: unknown } | null = null;
  while (!outcome.failure && !thrown) {
    const batch = await takeBatch(db, batchSize, skipped, ahead?.batch ?? [], requeued);
    if (batch.length === 0) break;
    const settled = settle(batch, sendBatch(deps, token, batch.map((i) => i.report))).catch((error: unknown) => {
      thrown ??= { error };
    });
    if (ahead) await ahead.settled;
    ahead = { batch, settled };
  }
  if (ahead) await ahead.settled;
  if (thrown) throw (thrown as { error: unknown }).error;
  outcome.remaining = await countPending(db);
  return outcome;
}

/** Counted on the status index: no report is read (a filter would deserialise every one). */
async function countPending(db: FieldDb): Promise<number> {
  return db.outbox.where('status').anyOf('queued', 'sending').count();
}

/**
 * The next batch, oldest first, leaving out refused reports, ones the server did not answer
 * this push, and the batch still on the wire; marked 'sending' in the same transaction that
 * reads it, so nothing changes the items in between, and from the copies just read (bulkUpdate
 * would get all 500 again). One getAll on the queuedAt index, starting after the batch on the
 * wire, because one request per report (bulkGet, or a filtering cursor) is most of a push's
 * time on a slow phone.
 */
async function takeBatch(
  db: FieldDb, batchSize: number, skipped: ReadonlyMap<string, number>, onTheWire: readonly OutboxItem[], fromStart: boolean,
): Promise<OutboxItem[]> {
  const exclude = new Map(skipped);
  for (const item of onTheWire) exclude.set(item.id, item.queuedAt);
  const from = onTheWire.length > 0 && !fromStart ? Math.max(...onTheWire.map((i) => i.queuedAt)) : null;
  // Enough extra rows that the ones left out cannot shorten the batch.
  const leftOut = [...exclude.values()].filter((queuedAt) => from === null || queuedAt >= from).length;
  return db.transaction('rw', db.outbox, async () => {
    const refused = await db.outbox.where('status').equals('rejected').count();
    const range = from === null ? db.outbox.orderBy('queuedAt') : db.outbox.where('queuedAt').aboveOrEqual(from);
    const rows = await range.limit(batchSize + leftOut + refused).toArray();
    const batch = rows.filter((i) => i.status !== 'rejected' && !exclude.has(i.id)).slice(0, batchSize);
    if (batch.length > 0) await db.outbox.bulkPut(batch.map((i) => ({ ...i, status: 'sending' as const, attempts: i.attempts + 1 })));
    return batch;
  });
}

async function markQueued(db: FieldDb, batch: OutboxItem[]): Promise<void> {
  await db.outbox.bulkUpdate(batch.map((i) => ({ key: i.id, changes: { status: 'queued' } })));
}

async function sendBatch(deps: PushDeps, token: string, reports: ReportSubmission[]): Promise<ReportResult[]> {
  const json = JSON.stringify({ reports });
  const gzipped = deps.gzip === false ? null : await gzip(json);
  const answer = await requestJson<{ results?: ReportResult[] }>(deps, '/api/reports', {
    method: 'POST',
    token,
    body: gzipped ?? json,
    headers: gzipped
      ? { 'content-type': 'application/json', 'content-encoding': 'gzip' }
      : { 'content-type': 'application/json' },
  });
  return Array.isArray(answer?.results) ? answer.results : [];
}
