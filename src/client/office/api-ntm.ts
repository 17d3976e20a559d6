/**
 * The office's calls for the NTM tracker ("Nông thôn mới"): the criteria sets, the commune's
 * choice of set and group, the tracker, one indicator's recording, a village-level set.
 */
import { requestJson, HttpFailure } from '../data/http';
import type { CriteriaSet } from '../../shared/schemas/registers';
import type { CriteriaSetCreate, IndicatorStateInput, TrackerChoiceInput, TrackerChoices, TrackerLevel, TrackerView } from '../../shared/schemas/ntm';
import { session, setSession } from './session';

async function guard<T>(work: (token: string | null) => Promise<T>): Promise<T> {
  try {
    return await work(session()?.token ?? null);
  } catch (e) {
    if (e instanceof HttpFailure && e.kind === 'auth' && session()) setSession(null);
    throw e;
  }
}

export function listCriteriaSets(): Promise<CriteriaSet[]> {
  return guard(async (token) => (await requestJson<{ criteriaSets: CriteriaSet[] }>({}, '/api/ntm/criteria-sets', { token })).criteriaSets);
}

export function getChoices(): Promise<TrackerChoices> {
  return guard((token) => requestJson<TrackerChoices>({}, '/api/ntm/tracker-choice', { token }));
}

export function saveChoice(choice: TrackerChoiceInput): Promise<TrackerChoices> {
  return guard((token) => requestJson<TrackerChoices>({}, '/api/ntm/tracker-choice', { method: 'PUT', token, json: choice }));
}

export function getTracker(level: TrackerLevel, unitId?: string): Promise<TrackerView | null> {
  const qs = new URLSearchParams({ level, ...(unitId ? { unitId } : {}) });
  return guard(async (token) => (await requestJson<{ tracker: TrackerView | null }>({}, `/api/ntm/tracker?${qs}`, { token })).tracker);
}

export function recordIndicator(code: string, input: IndicatorStateInput): Promise<TrackerView | null> {
  return guard(async (token) => (await requestJson<{ tracker: TrackerView | null }>({}, `/api/ntm/indicators/${encodeURIComponent(code)}`, { method: 'PUT', token, json: input })).tracker);
}

export function addVillageSet(set: CriteriaSetCreate): Promise<CriteriaSet> {
  return guard((token) => requestJson<CriteriaSet>({}, '/api/ntm/criteria-sets', { method: 'POST', token, json: set }));
}
