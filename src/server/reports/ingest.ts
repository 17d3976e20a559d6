/**
 * Ingesting a batch of reports: nothing is lost, nothing is stored twice, nothing partial.
 *
 * 1. Every report is checked in memory against a context prefetched for the whole batch.
 * 2. All reports that passed are written in ONE transaction with a SAVEPOINT each: a report
 *    failing at the database rolls back to its savepoint alone, the others still commit.
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
import { errorBody, type ErrorCode } from '../../shared/errors';
import { UUID_PATTERN } from '../../shared/ids';
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import type { DB } from '../db/schema';
import type { DbHandle } from '../db/handle';
import { isUniqueViolation } from '../db/dialect';
import { recordChanges, type ChangeInput } from '../db/queries/changes';
import { findReportIdentities, insertReportOnce, type ReportHead, type StoredIdentity } from '../db/queries/reports';
import { firstError } from '../http/validation';
import { contentHash } from './canonical';
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
    // (2) the shape.
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

async function writeInTransaction(
  trx: ControlledTransaction<DB>, deps: AppDeps, principal: Principal, pending: readonly Pending[],
): Promise<ReportResult[]> {
  const tx: DbHandle = { kysely: trx, dialect: deps.db.dialect };
  const receivedAt = deps.clock().toISOString();
  const results: ReportResult[] = [];
  // The sync log rows of the stored reports, written in one statement before COMMIT.
  const changes: ChangeInput[] = [];
  for (const { report, hash, checked } of pending) {
    const savepoint = await trx.savepoint('report').execute();
    const inSavepoint: DbHandle = { kysely: savepoint, dialect: tx.dialect };
    try {
      const inserted = await insertReportOnce(inSavepoint, {
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
      });
      if (inserted) {
        changes.push({ entity: 'reports', entityId: report.id, communeId: checked.communeId, unitId: report.unitId });
        results.push({ id: report.id, status: 'accepted', receivedAt });
      } else {
        // Stored meanwhile (an earlier copy in this batch, or another request that committed).
        const [existing] = await findReportIdentities(tx, [report.id]);
        results.push(existing ? fromStored(report.id, hash, existing) : rejected(report.id, 'report.conflict', 'id'));
      }
      await savepoint.releaseSavepoint('report').execute();
    } catch (error) {
      if (deps.db.dialect.isRetryable(error)) throw error;
      await savepoint.rollbackToSavepoint('report').execute();
      if (!isUniqueViolation(error) && !isForeignKeyViolation(error)) throw error;
      // The plan, period or unit went away between the checks and the write.
      results.push(rejected(report.id, isUniqueViolation(error) ? 'report.conflict' : 'report.unknown_period'));
    }
  }
  await recordChanges(tx, changes);
  return results;
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
