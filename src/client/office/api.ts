/**
 * Every call the office workspace makes to the server, in one place. Errors come back as
 * HttpFailure (kind network/server/client/auth) carrying the server's `{ code, message, path }`;
 * an expired token ends the session so the login screen shows.
 */
import { requestJson, HttpFailure, type RequestOptions } from '../data/http';
import type { PublicUser } from '../../shared/schemas/users';
import type { Plan, Target } from '../../shared/schemas';
import type { PlanCreate, TargetInput } from '../../shared/schemas/office';
import { session, setSession } from './session';
import { t } from './messages';

async function call<T>(path: string, options: RequestOptions = {}): Promise<T> {
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

/** What to tell the person: the server's Vietnamese sentence, or what to do when it cannot answer. */
export function explain(error: unknown): string {
  if (error instanceof HttpFailure) {
    if (error.kind === 'network') return t('net.down');
    if (error.kind === 'auth' && error.body?.code !== 'auth.bad_credentials') return error.body?.message ?? t('login.expired');
    if (error.body?.message) return error.body.message;
  }
  return t('net.server');
}
