/**
 * The server's answer to one batch, applied in one transaction: receipted reports move from
 * the outbox to the local copy of the unit's reports; refused ones stay, marked with the
 * server's reason; ones the answer does not name stay queued (G2: only a receipt removes).
 */
import type { ReportResult, ReportSubmission, StoredReport } from '../../shared/schemas';
import { errorBody } from '../../shared/errors';
import { isNewerReport } from '../../shared/progress';
import type { FieldDb, OutboxItem, OutboxError } from './db';
import { getMeta } from './meta';

/**
 * Applies the server's answer in one transaction: receipted reports move from the outbox to
 * the local copy of the unit's reports; refused ones stay, marked; unnamed ones stay queued.
 */
export async function applyResults(
  deps: { db: FieldDb; now?: () => number },
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
