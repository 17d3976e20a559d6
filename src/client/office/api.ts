/**
 * Every call the office workspace makes to the server, in one place. Errors come back as
 * HttpFailure (kind network/server/client/auth) carrying the server's `{ code, message, path }`;
 * an expired token ends the session so the login screen shows.
 */
import { requestJson, HttpFailure, type RequestOptions } from '../data/http';
import type { PublicUser } from '../../shared/schemas/users';
import type { Plan, Target } from '../../shared/schemas';
import type { Period } from '../../shared/schemas/plans';
import type { Assignment } from '../../shared/schemas/targets';
import type { Unit } from '../../shared/schemas/units';
import type { ReportState, Review, StoredReport } from '../../shared/schemas/reports';
import type { PlanCreate, TargetInput } from '../../shared/schemas/office';
import { session, setSession } from './session';
import { t } from './messages';

/** Every office request goes through here (api-plan.ts, api-setup.ts too): the session's token, and a lost session ends it. */
export async function call<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await requestJson<T>({}, path, { ...options, token: session()?.token ?? null });
  } catch (e) {
    if (e instanceof HttpFailure && e.kind === 'auth' && session()) setSession(null);
    throw e;
  }
}

export function login(username: string, password: string): Promise<{ token: string; user: PublicUser }> {
  return requestJson({}, '/api/auth/login', { method: 'POST', json: { username, password } });
}

/** Accepts an invitation: sets the invited admin's own password and answers like a login. */
export function acceptInvitation(token: string, password: string): Promise<{ token: string; user: PublicUser }> {
  return requestJson({}, '/api/invitations/accept', { method: 'POST', json: { token, password } });
}

export async function logout(): Promise<void> {
  try {
    await call('/api/auth/logout', { method: 'POST', json: {} });
  } finally {
    setSession(null);
  }
}

export async function listPlans(): Promise<Plan[]> {
  return (await call<{ plans: Plan[] }>('/api/plans')).plans;
}

export function createPlan(body: PlanCreate): Promise<Plan> {
  return call('/api/plans', { method: 'POST', json: body });
}

export function createTargets(planId: string, targets: TargetInput[]): Promise<{ targets: Target[] }> {
  return call(`/api/plans/${encodeURIComponent(planId)}/targets`, { method: 'POST', json: { targets } });
}

export type PlanWithPeriods = Plan & { periods: Period[] };

export function getPlan(planId: string): Promise<PlanWithPeriods> {
  return call(`/api/plans/${encodeURIComponent(planId)}`);
}

export async function listUnits(): Promise<Unit[]> {
  return (await call<{ units: Unit[] }>('/api/units')).units;
}

export async function listTargets(planId: string): Promise<Target[]> {
  return (await call<{ targets: Target[] }>(`/api/plans/${encodeURIComponent(planId)}/targets`)).targets;
}

export async function listAssignments(planId: string): Promise<Assignment[]> {
  return (await call<{ assignments: Assignment[] }>(`/api/plans/${encodeURIComponent(planId)}/assignments`)).assignments;
}

export interface ReportFilter {
  planId?: string;
  periodId?: string;
  unitId?: string;
  state?: ReportState;
  /** The `next` of the previous page. */
  after?: string;
  limit?: number;
}

/** One page of the commune's reports, oldest first; `next` asks for the following page. */
export function listReports(filter: ReportFilter): Promise<{ reports: StoredReport[]; next: string | null }> {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') qs.set(key, String(value));
  return call(`/api/reports?${qs}`);
}

export function reviewReport(reportId: string, decision: 'approve' | 'return', reason: string | null): Promise<{ report: StoredReport; review: Review }> {
  return call(`/api/reports/${encodeURIComponent(reportId)}/review`, { method: 'POST', json: { decision, reason } });
}

/** What to tell the person: the server's Vietnamese sentence, or what to do when it cannot answer. */
export function explain(error: unknown): string {
  if (error instanceof HttpFailure) {
    if (error.kind === 'network') return t('net.down');
    if (error.kind === 'auth' && error.body?.code !== 'auth.bad_credentials') return error.body?.message ?? t('login.expired');
    if (error.body?.message) return error.body.message;
  }
  return t('net.server');
}
