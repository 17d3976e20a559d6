/**
 * The outbox: reports the user has sent but the server has not yet receipted. It owns the
 * rule that nothing is lost: a report is written here (committed) before the user is told it
 * is saved (G1), and leaves only when the server's answer names its id as accepted or
 * duplicate (G2). Resending is harmless because ids are UUIDv7 made on the device (G3).
 * Runs in the page and in the service worker, so it must not import any UI code.
 */
import type { ReportResult, ReportSubmission, StoredReport } from '../../shared/schemas';
import { MAX_REPORTS_PER_BATCH } from './limits';
import { errorBody } from '../../shared/errors';
import { isNewerReport } from '../../shared/progress';
import { type FieldDb, type OutboxItem, type OutboxError, isQuotaError, noteWriteOutcome } from './db';
import { getMeta, setMeta } from './meta';
import { HttpFailure, requestJson, type HttpDeps } from './http';
import { withOutboxLock } from './lock';

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

/** Thrown by queueReport when the device is out of space; the UI must say so (G8). */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super('Storage full', { cause });
    this.name = 'StorageFullError';
  }
}

/**
 * Puts a report in the outbox and drops its period's draft, in one transaction that has
 * committed when the promise resolves (G1). `replaces` removes a rejected outbox item the
 * user has corrected (the corrected copy carries a new id); `replacePending` removes the
 * period's earlier reports that have not left the phone yet.
 */
export async function queueReport(
  db: FieldDb,
  report: ReportSubmission,
  options: { now?: number; replaces?: string | null; replacePending?: boolean } = {},
): Promise<OutboxItem> {
  const item: OutboxItem = {
    id: report.id,
    report,
    status: 'queued',
    attempts: 0,
    lastError: null,
    queuedAt: options.now ?? Date.now(),
    periodId: report.periodId,
  };
  try {
    // The requests go out together rather than one after another: the user waits for this
    // commit, and on a slow phone every round trip into IndexedDB shows.
    await db.transaction('rw', db.outbox, db.drafts, async () => {
      await Promise.all([
        options.replaces ? db.outbox.delete(options.replaces) : undefined,
        options.replacePending ? dropWaiting(db, report.periodId, item.id) : undefined,
        db.outbox.add(item),
        db.drafts.delete(report.periodId),
      ]);
    });
  } catch (error) {
    await noteWriteOutcome(db, error);
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
  await noteWriteOutcome(db, null);
  return item;
}

/**
 * A newer report for the period replaces one still waiting; one already on the wire
 * ('sending') is left alone: if it arrives too, the newer createdAt still counts. Read with
 * one getAll (a period holds one or two), not a filtering cursor.
 */
async function dropWaiting(db: FieldDb, periodId: string, keep: string): Promise<void> {
  const earlier = await db.outbox.where('periodId').equals(periodId).toArray();
  // The new report is added in the same transaction, possibly before this read: never drop it.
  const waiting = earlier.filter((i) => i.status !== 'sending' && i.id !== keep).map((i) => i.id);
  if (waiting.length > 0) await db.outbox.bulkDelete(waiting);
}

/**
 * Sends everything waiting, in batches of up to 500 (the next one sent while the previous is
 * on the wire), one push at a time per device (page and service worker share a Web Lock).
 * Stops at the first network or server failure and leaves the rest queued; the caller
 * schedules the retry.
 */
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
      // Any other 4xx refuses the whole batch: keep every report, marked with the reason.
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

/** gzip through the platform's CompressionStream; null where the browser has none. */
export async function gzip(text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Applies the server's answer in one transaction: receipted reports move from the outbox to
 * the local copy of the unit's reports; refused ones stay, marked; unnamed ones stay queued.
 */
async function applyResults(
  deps: PushDeps,
  batch: OutboxItem[],
  results: ReportResult[],
): Promise<{ delivered: number; rejected: number; unanswered: string[] }> {
  const { db } = deps;
  const byId = new Map(results.filter((r) => typeof r?.id === 'string').map((r) => [r.id as string, r]));
  const [user, deviceId] = await Promise.all([getMeta(db, 'user'), getMeta(db, 'deviceId')]);
  const now = deps.now?.() ?? Date.now();
  const unanswered: string[] = [];
  const receipted: OutboxItem[] = [];
  const refused: Array<{ key: string; changes: Partial<OutboxItem> }> = [];
  for (const item of batch) {
    const result = byId.get(item.id);
    if (result?.status === 'accepted' || result?.status === 'duplicate') receipted.push(item);
    else if (result?.status === 'rejected') {
      const lastError: OutboxError = {
        code: result.code ?? 'request.invalid',
        message: result.message ?? errorBody('request.invalid').message,
        ...(result.path ? { path: result.path } : {}),
      };
      refused.push({ key: item.id, changes: { status: 'rejected', lastError } });
    } else unanswered.push(item.id);
  }
  // Bulk operations: 500 receipts are applied in a few IndexedDB requests, not 1,500.
  await db.transaction('rw', db.outbox, db.reports, async () => {
    await db.outbox.bulkDelete(receipted.map((i) => i.id));
    // The sync brings the server's own copies later; until then the home screen shows the
    // newest of each period, the only one it reads (a batch of 500 copies of old reports cost
    // a second on a slow phone and every screen's live query re-read them).
    const newest = newestPerPeriod(receipted);
    const known = await db.reports.bulkGet(newest.map((i) => i.id));
    const copies = newest
      .filter((_, k) => known[k] === undefined)
      .map((i) => receiptedCopy(i.report, byId.get(i.id)!, user?.id ?? '', deviceId ?? null, now));
    if (copies.length) await db.reports.bulkPut(copies);
    if (refused.length) await db.outbox.bulkUpdate(refused);
    if (unanswered.length) await db.outbox.bulkUpdate(unanswered.map((key) => ({ key, changes: { status: 'queued' as const } })));
  });
  return { delivered: receipted.length, rejected: refused.length, unanswered };
}

/** Per unit and period, the newest report (shared/progress.ts's order: createdAt, then id). */
function newestPerPeriod(items: OutboxItem[]): OutboxItem[] {
  const newest = new Map<string, OutboxItem>();
  for (const item of items) {
    const key = `${item.report.unitId} ${item.report.periodId}`;
    const held = newest.get(key)?.report;
    const r = item.report;
    if (!held || isNewerReport(r, held)) newest.set(key, item);
  }
  return [...newest.values()];
}

function receiptedCopy(
  report: ReportSubmission, result: ReportResult, userId: string, deviceId: string | null, now: number,
): StoredReport {
  return {
    ...report,
    note: report.note ?? null,
    supersedes: report.supersedes ?? null,
    submittedBy: userId,
    deviceId,
    receivedAt: result.receivedAt ?? new Date(now).toISOString(),
    state: 'submitted',
    correctionOf: null,
  };
}

export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * How long to wait before retry number `attempt` (1 = first retry): exponential backoff with
 * full jitter, so a hundred phones regaining signal at the same cell tower don't all knock
 * at the same second.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
