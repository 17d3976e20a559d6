/**
 * The office's calls for household registers: a unit's register and a household's history,
 * the import's preview and confirm, confirming one value of a dispute, erasing a person on
 * request, the register's file, the checklists and the counts per unit. Kept apart from
 * api.ts so the register screens load only with them.
 */
import { requestFile } from '../data/http';
import type { Assessment, ChecklistSet, Household, HouseholdChangeResult } from '../../shared/schemas/registers';
import type { HouseholdHistoryEntry, RegisterCounts } from '../../shared/schemas/register-office';
import { uuidv7 } from '../../shared/ids';
import { parseItemKey } from '../../shared/registers';
import { call } from './api';
import { session } from './session';

export interface Register { households: Household[]; assessments: Assessment[] }
const unitPath = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}`;

export function getRegister(unitId: string): Promise<Register> {
  return call(`${unitPath(unitId)}/households`);
}

export async function getHistory(householdId: string): Promise<HouseholdHistoryEntry[]> {
  return (await call<{ changes: HouseholdHistoryEntry[] }>(`/api/households/${encodeURIComponent(householdId)}/history`)).changes;
}

export interface ImportRow { headName?: string; hamlet?: string | null; address?: string | null; members?: number | null; poor?: boolean; nearPoor?: boolean }
export interface ImportRowResult { index: number; status: 'new' | 'duplicate' | 'invalid' | 'created'; duplicateOf?: { householdId?: string; row?: number }; code?: string; message?: string; path?: string }

export function importHouseholds(unitId: string, rows: unknown[], dryRun: boolean): Promise<{ rows: ImportRowResult[]; created: number }> {
  return call(`${unitPath(unitId)}/households/import`, { method: 'POST', json: { rows, dryRun } });
}

/**
 * Confirms one value of a disputed field or item: a change with `resolve: true`, from the
 * household's current revision. `key` is the dispute's (`field:members`, `item:…`).
 */
export async function confirmValue(h: Household, key: string, value: unknown): Promise<HouseholdChangeResult> {
  const base = { id: uuidv7(), householdId: h.id, value, baseRevision: h.revision, createdAt: new Date().toISOString(), resolve: true };
  let change: Record<string, unknown>;
  if (key.startsWith('field:status')) {
    const v = value as { status: string; reason: string | null; mergedInto: string | null };
    change = v.mergedInto ? { ...base, kind: 'merge', value: { into: v.mergedInto, reason: v.reason ?? undefined } } : { ...base, kind: 'move', value: { reason: v.reason ?? '' } };
  } else if (key.startsWith('field:')) {
    change = { ...base, kind: 'field', field: key.slice('field:'.length) };
  } else {
    change = { ...base, kind: 'item', ...parseItemKey(key) };
  }
  const { results } = await call<{ results: HouseholdChangeResult[] }>('/api/households/changes', { method: 'POST', json: { changes: [change] } });
  return results[0]!;
}

export function anonymise(householdId: string): Promise<Household> {
  return call(`/api/households/${encodeURIComponent(householdId)}/anonymise`, { method: 'POST', json: {} });
}

export function downloadRegister(unitId: string, format: 'csv' | 'xlsx') {
  return requestFile({}, `${unitPath(unitId)}/households/export?format=${format}`, { token: session()?.token ?? null });
}

export async function listChecklists(): Promise<ChecklistSet[]> {
  return (await call<{ checklists: ChecklistSet[] }>('/api/checklists')).checklists;
}

export function createChecklist(set: Omit<ChecklistSet, 'id' | 'communeId'>): Promise<ChecklistSet> {
  return call('/api/checklists', { method: 'POST', json: set });
}

export function getRegisterCounts(periodId: string): Promise<RegisterCounts> {
  return call(`/api/periods/${encodeURIComponent(periodId)}/register-counts`);
}
