/**
 * Ingesting a batch of reports: nothing is lost, nothing is stored twice, nothing partial.
 *
 * 1. Every report is checked in memory against a context prefetched for the whole batch.
 * 2. All reports that passed are written in ONE transaction, 100 to a multi-row INSERT under
 *    a SAVEPOINT; should a chunk fail at the database, it is rolled back and rewritten with a
 *    SAVEPOINT per report, so the failing report alone is rejected and the others still commit.
 * 3. The insert is `ON CONFLICT (id) DO NOTHING`; when nothing was inserted, the stored
 *    report decides: the caller's own with the same content → `duplicate` (with the original
 *    receivedAt); anything else → `report.conflict` (see fromStored). On PostgreSQL a concurrent insert of the same id waits
 *    for the other transaction, so five copies of a batch sent at once store each report once.
 * 4. Results are returned only after COMMIT: a phone drops a report from its outbox only when
 *    the server has it on disk (SQLite synchronous=FULL; PostgreSQL's commit). The transaction
 *    is a group commit's (db/group-commit.ts): concurrent pushes share one, each under its own
 *    savepoint, each answered after the COMMIT that holds it.
 * Deadlocks and serialization failures rerun the whole transaction (results are rebuilt).
 */
import { ReportSubmission, type ReportResult } from '../../shared/schemas/reports';
import { WARNINGS, errorBody, type ErrorCode } from '../../shared/errors';
import { hasClockSkew, lateness } from '../../shared/lateness';
import { isOfficeUser } from '../auth/policy';
import { UUID_PATTERN } from '../../shared/ids';
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import { ownsReportOf } from '../auth/policy';
import type { DbHandle } from '../db/handle';
import type { Arrival } from '../db/group-commit';
import { announceUnchanged } from '../db/queries/changes';
import { findReportIdentities, previousNewest, insertReportsUnderSavepoint, type ReportHead, type StoredIdentity } from '../db/queries/reports';
import { firstError, nulPath } from '../http/validation';
import { contentHash } from './canonical';
import { loadBatchContext } from './batch-context';
import { checkReport, isFailure, type CheckedReport } from './check-report';

function rejected(id: string | null, code: ErrorCode, path?: string): ReportResult {
  const body = errorBody(code, path);
  return { id, status: 'rejected', code: body.code, message: body.message, ...(path ? { path } : {}) };
}

/**
 * The answer for an id already taken. `duplicate` (with the stored receivedAt) only for a
 * resend of the caller's own report — one the caller could have filed, same content. Any
 * other taken id, another commune's or a different report of one's own, gets one identical
 * `report.conflict` without receivedAt, so the answer confirms nothing about reports the
 * caller may not see.
 */
function fromStored(id: string, hash: string, stored: StoredIdentity, principal: Principal): ReportResult {
  const mine = ownsReportOf(principal, stored.unit_id, stored.commune_id);
  return mine && stored.content_hash === hash ? { id, status: 'duplicate', receivedAt: stored.received_at } : rejected(id, 'report.conflict', 'id');
}

interface Pending {
  index: number;
  report: ReportSubmission;
  hash: string;
  checked: CheckedReport;
}

export async function ingestReports(deps: AppDeps, principal: Principal, raws: readonly unknown[]): Promise<ReportResult[]> {
  // Told before our reads, so the group commit can wait for this request to join it.
  const arrival = deps.db.writes.arrive();
  try {
    return await checkAndWrite(deps, principal, raws, arrival);
  } finally {
    arrival.leave();
  }
}

async function checkAndWrite(deps: AppDeps, principal: Principal, raws: readonly unknown[], arrival: Arrival): Promise<ReportResult[]> {
  const results: (ReportResult | null)[] = raws.map(() => null);
  const hashes = raws.map((raw) => contentHash(raw));
  const rawIds = raws.map((raw) => {
    const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : null;
  });

  // (1) the id: a resend of something stored is answered before anything else is checked.
  const stored = new Map(
    (await findReportIdentities(deps.db, rawIds.filter((id): id is string => id !== null && UUID_PATTERN.test(id))))
      .map((s) => [s.id, s]),
  );
  const parsed: { index: number; report: ReportSubmission }[] = [];
  raws.forEach((raw, index) => {
    const id = rawIds[index]!;
    if (id === null || !UUID_PATTERN.test(id)) {
      results[index] = rejected(id, id === null ? 'value.required' : 'value.invalid', 'id');
      return;
    }
    const existing = stored.get(id);
    if (existing) {
      results[index] = fromStored(id, hashes[index]!, existing, principal);
      return;
    }
    // (2) the shape. A NUL character would fail the whole batch's INSERT on PostgreSQL.
    const nul = nulPath(raw);
    if (nul !== null) {
      results[index] = rejected(id, 'value.invalid', nul || undefined);
      return;
    }
    const shape = ReportSubmission.safeParse(raw);
    if (!shape.success) {
      const error = firstError(shape.error, raw);
      results[index] = rejected(id, error.code, error.path);
      return;
    }
    parsed.push({ index, report: shape.data });
  });

  // (3, 4) scope, ids and values, against one prefetched context.
  const ctx = await loadBatchContext(deps.db, parsed.map((p) => p.report));
  const acceptedInBatch = new Map<string, ReportHead>();
  const pending: Pending[] = [];
  for (const { index, report } of parsed) {
    const checked = checkReport(report, principal, ctx, acceptedInBatch);
    if (isFailure(checked)) {
      results[index] = rejected(report.id, checked.code, checked.path);
      continue;
    }
    pending.push({ index, report, hash: hashes[index]!, checked });
    acceptedInBatch.set(report.id, {
      id: report.id, unit_id: report.unitId, plan_id: report.planId, period_id: report.periodId,
      created_at: report.createdAt, supersedes: report.supersedes ?? null, state: 'submitted',
    });
  }

  if (pending.length > 0) {
    const written = await writeBatch(deps, principal, pending, arrival);
    written.forEach((result, i) => (results[pending[i]!.index] = result));
  }
  return results.map((r) => r!);
}

/** Through the group commit: this request's reports may share a transaction with others'. */
function writeBatch(deps: AppDeps, principal: Principal, pending: readonly Pending[], arrival: Arrival): Promise<ReportResult[]> {
  return deps.db.writes.run((trx) => writeInTransaction({ kysely: trx, dialect: deps.db.dialect }, deps, principal, pending), arrival);
}

/** Reports per multi-row INSERT: 15 columns × 100 rows stays far below both engines' parameter limits. */
const INSERT_CHUNK = 100;

async function writeInTransaction(
  tx: DbHandle, deps: AppDeps, principal: Principal, pending: readonly Pending[],
): Promise<ReportResult[]> {
  const receivedAt = deps.clock().toISOString();
  const rows = pending.map((p) => toRow(p, principal, receivedAt));
  const previous = await previousNewest(tx, pending.map((p) => p.report));
  const results: ReportResult[] = [];
  // The sync log rows of the stored reports are the insert's own (a trigger, migration 020),
  // so a chunk rolled back to its savepoint takes them along.
  for (let start = 0; start < pending.length; start += INSERT_CHUNK) {
    const chunk = pending.slice(start, start + INSERT_CHUNK);
    const chunkRows = rows.slice(start, start + INSERT_CHUNK);
    // Fast path: the whole chunk in one statement under one savepoint. Only when that fails
    // (a plan or period deleted since the checks: rare) is the chunk rolled back and retried
    // with a savepoint per report, so one bad report still never blocks the others.
    const inserted = await insertReportsUnderSavepoint(tx, chunkRows);
    const chunkResults = inserted
      ? await resultsOfInsert(tx, principal, chunk, inserted, receivedAt)
      : await writeOneByOne(tx, principal, chunk, chunkRows, receivedAt);
    results.push(...chunkResults);
  }
  // The report that was its unit's newest for the period now has a newer one (`newerReportId`)
  // though its row did not change: synced copies of it hear so. (Older ones already pointed at
  // a newer report; reads compute the exact value, see db/queries/report-views.ts.)
  if (results.some((r) => r.status === 'accepted')) {
    await announceUnchanged(tx, previous.map((r) => ({ entity: 'reports' as const, entityId: r.id, communeId: r.commune_id, unitId: r.unit_id })));
  }
  return results;
}

type ReportRow = Parameters<typeof insertReportsUnderSavepoint>[1][number];

function toRow({ report, hash, checked }: Pending, principal: Principal, receivedAt: string): ReportRow {
  const late = lateness({ receivedAt, deadline: checked.deadline, graceDays: checked.graceDays, lockedAt: checked.lockedAt, closedAt: checked.closedAt });
  // Office staff sending a report is "Nhập thay": stamped with who entered it.
  const enteredBy = isOfficeUser(principal);
  return {
    id: report.id,
    unit_id: report.unitId,
    commune_id: checked.communeId,
    plan_id: report.planId,
    period_id: report.periodId,
    values_json: JSON.stringify(report.values),
    note: report.note ?? null,
    created_at: report.createdAt,
    supersedes: report.supersedes ?? null,
    submitted_by: principal.userId,
    device_id: principal.deviceId,
    received_at: receivedAt,
    state: 'submitted',
    correction_of: checked.correctionOf,
    content_hash: hash,
    late: late.late ? 1 : 0,
    days_late: late.daysLate,
    clock_skew: hasClockSkew(report.createdAt, receivedAt) ? 1 : 0,
    entered_by: enteredBy ? principal.userId : null,
    entered_by_name: enteredBy ? principal.name : null,
    warnings_json: JSON.stringify(checked.warnings.map((w) => ({ code: w.code, message: WARNINGS[w.code], targetId: w.targetId }))),
  };
}

/** Accepted for what was stored; the rest were stored meanwhile (an earlier copy, another request). */
async function resultsOfInsert(
  tx: DbHandle, principal: Principal, chunk: readonly Pending[], inserted: Set<string>, receivedAt: string,
): Promise<ReportResult[]> {
  // A report sent twice in one chunk is stored by its first copy; the second is a duplicate.
  const claimed = new Set<string>();
  const storedHere = chunk.map(({ report }) => inserted.has(report.id) && !claimed.has(report.id) && claimed.add(report.id) !== undefined);
  const others = chunk.filter((_, i) => !storedHere[i]).map((p) => p.report.id);
  const existing = new Map((await findReportIdentities(tx, others)).map((s) => [s.id, s]));
  return chunk.map(({ report, hash }, i) => {
    if (storedHere[i]) return { id: report.id, status: 'accepted', receivedAt };
    const stored = existing.get(report.id);
    return stored ? fromStored(report.id, hash, stored, principal) : rejected(report.id, 'report.conflict', 'id');
  });
}

/** The slow path: a savepoint per report, so the one that fails is the only one rejected. */
async function writeOneByOne(
  tx: DbHandle, principal: Principal, chunk: readonly Pending[], rows: readonly ReportRow[], receivedAt: string,
): Promise<ReportResult[]> {
  const results: ReportResult[] = [];
  for (const [i, { report, hash }] of chunk.entries()) {
    const inserted = await insertReportsUnderSavepoint(tx, [rows[i]!]);
    if (inserted === null) {
      // The plan, period or unit went away between the checks and the write.
      results.push(rejected(report.id, 'report.unknown_period'));
    } else if (inserted.has(report.id)) {
      results.push({ id: report.id, status: 'accepted', receivedAt });
    } else {
      const [existing] = await findReportIdentities(tx, [report.id]);
      results.push(existing ? fromStored(report.id, hash, existing, principal) : rejected(report.id, 'report.conflict', 'id'));
    }
  }
  return results;
}
