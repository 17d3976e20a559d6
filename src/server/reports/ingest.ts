/**
 * Ingesting a batch of reports: nothing is lost, nothing is stored twice, nothing partial.
 *
 * 1. Every report is checked in memory against a context prefetched for the whole batch.
 * 2. All reports that passed are written in ONE transaction, 100 to a multi-row INSERT under
 *    a SAVEPOINT; should a chunk fail at the database, it is rolled back and rewritten with a
 *    SAVEPOINT per report, so the failing report alone is rejected and the others still commit.
 * 3. The insert is `ON CONFLICT (id) DO NOTHING`; when nothing was inserted, the stored
 *    report's content hash decides: same content → `duplicate` (with the original receivedAt),
 *    different → `report.conflict`. On PostgreSQL a concurrent insert of the same id waits
 *    for the other transaction, so five copies of a batch sent at once store each report once.
 * 4. Results are returned only after COMMIT: a phone drops a report from its outbox only when
 *    the server has it on disk (SQLite synchronous=FULL; PostgreSQL's commit).
 * Deadlocks and serialization failures rerun the whole transaction (results are rebuilt).
 */
import type { ControlledTransaction } from 'kysely';
import { ReportSubmission, type ReportResult } from '../../shared/schemas/reports';
import { ERRORS, errorBody, type ErrorCode } from '../../shared/errors';
import { hasClockSkew, lateness } from '../../shared/lateness';
import { isOfficeUser } from '../auth/policy';
import { UUID_PATTERN } from '../../shared/ids';
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import type { DB } from '../db/schema';
import type { DbHandle } from '../db/handle';
import { isForeignKeyViolation, isUniqueViolation } from '../db/dialect';
import { recordChanges, type ChangeInput } from '../db/queries/changes';
import { findReportIdentities, findSiblingHeads, insertReportsOnce, type ReportHead, type StoredIdentity } from '../db/queries/reports';
import { firstError, nulPath } from '../http/validation';
import { contentHash } from './canonical';
import { newestByGroup } from '../db/queries/report-views';
import { loadBatchContext } from './batch-context';
import { checkReport, isFailure, type CheckedReport } from './check-report';

function rejected(id: string | null, code: ErrorCode, path?: string): ReportResult {
  const body = errorBody(code, path);
  return { id, status: 'rejected', code: body.code, message: body.message, ...(path ? { path } : {}) };
}

function fromStored(id: string, hash: string, stored: StoredIdentity): ReportResult {
  return stored.content_hash === hash ? { id, status: 'duplicate', receivedAt: stored.received_at } : rejected(id, 'report.conflict', 'id');
}

interface Pending {
  index: number;
  report: ReportSubmission;
  hash: string;
  checked: CheckedReport;
}

export async function ingestReports(deps: AppDeps, principal: Principal, raws: readonly unknown[]): Promise<ReportResult[]> {
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
      results[index] = fromStored(id, hashes[index]!, existing);
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
    const written = await writeBatch(deps, principal, pending);
    written.forEach((result, i) => (results[pending[i]!.index] = result));
  }
  return results.map((r) => r!);
}

const MAX_ATTEMPTS = 5;

async function writeBatch(deps: AppDeps, principal: Principal, pending: readonly Pending[]): Promise<ReportResult[]> {
  for (let attempt = 1; ; attempt++) {
    const trx = await deps.db.kysely.startTransaction().execute();
    try {
      const results = await writeInTransaction(trx, deps, principal, pending);
      await trx.commit().execute();
      return results;
    } catch (error) {
      await trx.rollback().execute().catch(() => {});
      if (attempt >= MAX_ATTEMPTS || !deps.db.dialect.isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
    }
  }
}

/** Reports per multi-row INSERT: 15 columns × 100 rows stays far below both engines' parameter limits. */
const INSERT_CHUNK = 100;

async function writeInTransaction(
  trx: ControlledTransaction<DB>, deps: AppDeps, principal: Principal, pending: readonly Pending[],
): Promise<ReportResult[]> {
  const receivedAt = deps.clock().toISOString();
  const rows = pending.map((p) => toRow(p, principal, receivedAt));
  const results: ReportResult[] = [];
  // The sync log rows of the stored reports, written in one statement before COMMIT.
  const changes: ChangeInput[] = [];
  for (let start = 0; start < pending.length; start += INSERT_CHUNK) {
    const chunk = pending.slice(start, start + INSERT_CHUNK);
    const chunkRows = rows.slice(start, start + INSERT_CHUNK);
    // Fast path: the whole chunk in one statement under one savepoint. Only when that fails
    // (a plan or period deleted since the checks: rare) is the chunk rolled back and retried
    // with a savepoint per report, so one bad report still never blocks the others.
    const inserted = await insertUnderSavepoint(trx, deps, chunkRows);
    const chunkResults = inserted
      ? await resultsOfInsert(trx, deps, chunk, inserted, receivedAt)
      : await writeOneByOne(trx, deps, chunk, chunkRows, receivedAt);
    chunkResults.forEach((result, i) => {
      if (result.status === 'accepted') {
        const { report, checked } = chunk[i]!;
        changes.push({ entity: 'reports', entityId: report.id, communeId: checked.communeId, unitId: report.unitId });
      }
      results.push(result);
    });
  }
  // The report that was its unit's newest for the period now has a newer one (`newerReportId`):
  // synced copies of it hear so. (Older ones already pointed at a newer report.)
  const accepted = new Set(changes.map((c) => c.entityId));
  const heads = await findSiblingHeads({ kysely: trx, dialect: deps.db.dialect },
    pending.filter((p) => accepted.has(p.report.id)).map((p) => p.report));
  for (const previous of newestByGroup(heads.filter((h) => !accepted.has(h.id))).values()) {
    if (previous) changes.push({ entity: 'reports', entityId: previous.id, communeId: previous.communeId, unitId: previous.unitId });
  }
  await recordChanges({ kysely: trx, dialect: deps.db.dialect }, changes);
  return results;
}

type ReportRow = Parameters<typeof insertReportsOnce>[1][number];

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
    warnings_json: JSON.stringify(checked.warnings.map((w) => ({ code: w.code, message: ERRORS[w.code][1], targetId: w.targetId }))),
  };
}

/** The ids this statement stored, or null when the chunk failed and was rolled back. */
async function insertUnderSavepoint(
  trx: ControlledTransaction<DB>, deps: AppDeps, rows: readonly ReportRow[],
): Promise<Set<string> | null> {
  const savepoint = await trx.savepoint('chunk').execute();
  try {
    const ids = await insertReportsOnce({ kysely: savepoint, dialect: deps.db.dialect }, rows);
    await savepoint.releaseSavepoint('chunk').execute();
    return new Set(ids);
  } catch (error) {
    if (deps.db.dialect.isRetryable(error)) throw error;
    await savepoint.rollbackToSavepoint('chunk').execute();
    if (!isUniqueViolation(error) && !isForeignKeyViolation(error)) throw error;
    return null;
  }
}

/** Accepted for what was stored; the rest were stored meanwhile (an earlier copy, another request). */
async function resultsOfInsert(
  trx: ControlledTransaction<DB>, deps: AppDeps, chunk: readonly Pending[], inserted: Set<string>, receivedAt: string,
): Promise<ReportResult[]> {
  // A report sent twice in one chunk is stored by its first copy; the second is a duplicate.
  const claimed = new Set<string>();
  const storedHere = chunk.map(({ report }) => inserted.has(report.id) && !claimed.has(report.id) && claimed.add(report.id) !== undefined);
  const others = chunk.filter((_, i) => !storedHere[i]).map((p) => p.report.id);
  const existing = new Map((await findReportIdentities({ kysely: trx, dialect: deps.db.dialect }, others)).map((s) => [s.id, s]));
  return chunk.map(({ report, hash }, i) => {
    if (storedHere[i]) return { id: report.id, status: 'accepted', receivedAt };
    const stored = existing.get(report.id);
    return stored ? fromStored(report.id, hash, stored) : rejected(report.id, 'report.conflict', 'id');
  });
}

/** The slow path: a savepoint per report, so the one that fails is the only one rejected. */
async function writeOneByOne(
  trx: ControlledTransaction<DB>, deps: AppDeps, chunk: readonly Pending[], rows: readonly ReportRow[], receivedAt: string,
): Promise<ReportResult[]> {
  const results: ReportResult[] = [];
  for (const [i, { report, hash }] of chunk.entries()) {
    const inserted = await insertUnderSavepoint(trx, deps, [rows[i]!]);
    if (inserted === null) {
      // The plan, period or unit went away between the checks and the write.
      results.push(rejected(report.id, 'report.unknown_period'));
    } else if (inserted.has(report.id)) {
      results.push({ id: report.id, status: 'accepted', receivedAt });
    } else {
      const [existing] = await findReportIdentities({ kysely: trx, dialect: deps.db.dialect }, [report.id]);
      results.push(existing ? fromStored(report.id, hash, existing) : rejected(report.id, 'report.conflict', 'id'));
    }
  }
  return results;
}
