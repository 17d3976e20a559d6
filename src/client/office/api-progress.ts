/**
 * The office's calls for progress, exports and the A4 report's free text. Kept apart from
 * api.ts so the progress screens (and their strings) load only with them.
 */
import { requestFile, requestJson, HttpFailure } from '../data/http';
import type { PlanProgress } from '../../shared/schemas/progress';
import type { ReportNotes, ReportNotesInput } from '../../shared/schemas/report-notes';
import { session, setSession } from './session';

export type Basis = 'approved' | 'submitted';

async function guard<T>(work: (token: string | null) => Promise<T>): Promise<T> {
  try {
    return await work(session()?.token ?? null);
  } catch (e) {
    if (e instanceof HttpFailure && e.kind === 'auth' && session()) setSession(null);
    throw e;
  }
}

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

/** The commune's figures for one period, as the server computes them at this moment (no cache). */
export function getProgress(planId: string, periodId: string, basis: Basis): Promise<PlanProgress> {
  const qs = new URLSearchParams({ periodId, basis });
  return guard((token) => requestJson<PlanProgress>({}, `${planPath(planId)}/progress?${qs}`, { token }));
}

/** The same figures as a CSV or XLSX file, named by the server (commune, plan, period). */
export function downloadExport(planId: string, periodId: string, basis: Basis, format: 'csv' | 'xlsx') {
  const qs = new URLSearchParams({ periodId, format, basis });
  return guard((token) => requestFile({}, `${planPath(planId)}/export?${qs}`, { token }));
}

const notesPath = (planId: string, periodId: string) => `${planPath(planId)}/periods/${encodeURIComponent(periodId)}/report-notes`;

export function getReportNotes(planId: string, periodId: string): Promise<ReportNotes> {
  return guard((token) => requestJson<ReportNotes>({}, notesPath(planId, periodId), { token }));
}

export function saveReportNotes(planId: string, periodId: string, notes: ReportNotesInput): Promise<ReportNotes> {
  return guard((token) => requestJson<ReportNotes>({}, notesPath(planId, periodId), { method: 'PUT', token, json: notes }));
}
