/**
 * The outbox: reports the user has sent but the server has not yet receipted. This module is
 * the queue: it owns the rule that nothing is lost on the way in — a report is written here
 * (committed) before the user is told it is saved (G1). Taking reports out is push.ts's job
 * (they leave only on a receipt, G2); receipts.ts applies the server's answers, retry.ts
 * spaces the attempts, gzip.ts compresses the bodies.
 * Runs in the page and in the service worker, so it must not import any UI code.
 */
import type { ReportSubmission } from '../../shared/schemas';
import { type FieldDb, type OutboxItem, isQuotaError, noteWriteOutcome } from './db';

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
