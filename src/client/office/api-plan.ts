/**
 * The office's calls for taking a plan live and finishing review (issue 8): plan header,
 * targets, shares, activation, close, period lock, the report detail, bulk approval and
 * "Nhập thay". The fields the issue adds to plans, periods, targets and reports are typed
 * here as the contract gives them, optional where an older server may not send them yet.
 */
import { HttpFailure } from '../data/http';
import type { Plan, Target } from '../../shared/schemas';
import type { Period } from '../../shared/schemas/plans';
import type { Assignment } from '../../shared/schemas/targets';
import type { Unit } from '../../shared/schemas/units';
import type { ReportResult, ReportSubmission, Review, StoredReport } from '../../shared/schemas/reports';
import type { PlanPatch, TargetInput, TargetPatch } from '../../shared/schemas/office';
import { call } from './api';
import type { ChecklistSet } from '../../shared/schemas/registers';

/** The household checklists the commune may link a target to (shipped and its own, every version). */
export function listChecklists(): Promise<{ checklists: ChecklistSet[] }> {
  return call('/api/checklists');
}

export type LivePeriod = Period & { lockedAt?: string | null };
export type LivePlan = Plan & { graceDays?: number; closedAt?: string | null; periods: LivePeriod[] };
export type LiveTarget = Target & { wholeNumber?: boolean; communeOnly?: boolean };
export type LiveTargetInput = TargetInput & { wholeNumber?: boolean; communeOnly?: boolean };
export type LiveTargetPatch = TargetPatch & { wholeNumber?: boolean; communeOnly?: boolean };

export interface RuleWarning { code: string; message: string; targetId: string | null }

export type ReviewedReport = StoredReport & {
  late?: boolean;
  daysLate?: number;
  clockSkew?: boolean;
  enteredBy?: { userId: string; name: string } | null;
  newerReportId?: string | null;
  warnings?: RuleWarning[];
};

const enc = encodeURIComponent;

export function patchPlan(planId: string, patch: PlanPatch & { graceDays?: number }): Promise<LivePlan> {
  return call(`/api/plans/${enc(planId)}`, { method: 'PATCH', json: patch });
}

export function createTarget(planId: string, target: LiveTargetInput): Promise<{ targets: LiveTarget[] }> {
  return call(`/api/plans/${enc(planId)}/targets`, { method: 'POST', json: { targets: [target] } });
}

export function patchTarget(targetId: string, patch: LiveTargetPatch): Promise<LiveTarget> {
  return call(`/api/targets/${enc(targetId)}`, { method: 'PATCH', json: patch });
}

export function deleteTarget(targetId: string): Promise<{ id: string; deleted: true }> {
  return call(`/api/targets/${enc(targetId)}`, { method: 'DELETE' });
}

/** Replaces the whole set of units carrying one target: sending it twice leaves the same set. */
export function putAssignments(targetId: string, assignments: Array<{ unitId: string; share: number | null }>): Promise<{ assignments: Assignment[] }> {
  return call(`/api/targets/${enc(targetId)}/assignments`, { method: 'PUT', json: { assignments } });
}

export function activatePlan(planId: string): Promise<{ plan: LivePlan; warnings: RuleWarning[] }> {
  return call(`/api/plans/${enc(planId)}/activate`, { method: 'POST', json: {} });
}

export function closePlan(planId: string): Promise<{ plan: LivePlan }> {
  return call(`/api/plans/${enc(planId)}/close`, { method: 'POST', json: {} });
}

export function setPeriodLock(periodId: string, locked: boolean): Promise<{ period: LivePeriod }> {
  return call(`/api/periods/${enc(periodId)}/${locked ? 'lock' : 'unlock'}`, { method: 'POST', json: {} });
}

export interface ReportTargetLine { target: LiveTarget; share: number | null; value: ReportSubmission['values'][number] | null }

export interface ReportDetailBody {
  report: ReviewedReport;
  review: Review | null;
  unit: Unit;
  /** Every target the unit carries; a null value is "chưa nhập". */
  targets: ReportTargetLine[];
  previous: ReviewedReport | null;
}

export function getReport(reportId: string): Promise<ReportDetailBody> {
  return call(`/api/reports/${enc(reportId)}`);
}

export interface BulkResult { id: string; status: 'approved' | 'skipped'; code?: string }

export async function bulkApprove(ids: string[]): Promise<BulkResult[]> {
  return (await call<{ results: BulkResult[] }>('/api/reports/bulk-approve', { method: 'POST', json: { ids } })).results;
}

/** "Nhập thay": the same batch a phone sends; the server stamps who entered it. */
export async function submitOnBehalf(report: ReportSubmission): Promise<ReportResult> {
  const { results } = await call<{ results: ReportResult[] }>('/api/reports', { method: 'POST', json: { reports: [report] } });
  return results[0]!;
}

/** The `details` the server adds to some refusals (plan.not_ready's missing list). */
export function errorDetails<T>(error: unknown): T | null {
  if (!(error instanceof HttpFailure) || !error.body) return null;
  return ((error.body as { details?: unknown }).details as T | undefined) ?? null;
}

export function errorCode(error: unknown): string | null {
  return error instanceof HttpFailure ? (error.body?.code ?? null) : null;
}
