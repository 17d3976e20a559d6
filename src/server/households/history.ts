/**
 * A household's history as the office (or its own unit) reads it: every change stored for it,
 * in the order the server received them, with who typed it and when — including the ones a
 * newer value outranked and the disputed ones, so "who said what" is never lost. Names in
 * the history reach only those who may read the register; an erased name reads as null.
 */
import type { HouseholdHistoryEntry } from '../../shared/schemas/register-office';
import type { HouseholdChange } from '../../shared/schemas/registers';
import type { AppDeps } from '../context';
import { isFieldUser, isOfficeOf, type Principal } from '../auth/policy';
import { ApiError } from '../http/errors';
import { findHouseholdRow, householdChanges } from '../db/queries/register-office';

export async function householdHistory(deps: AppDeps, p: Principal, householdId: string): Promise<HouseholdHistoryEntry[]> {
  const row = await findHouseholdRow(deps.db, householdId);
  const allowed = row !== undefined && (isFieldUser(p) ? p.unitId === row.unit_id : isOfficeOf(p, row.commune_id));
  if (!allowed) throw new ApiError('not_found', 'id');
  return (await householdChanges(deps.db, householdId)).map((c) => ({
    id: c.id, kind: c.kind as HouseholdChange['kind'], key: c.change_key, value: JSON.parse(c.value_json) as unknown,
    by: c.user_name, at: c.created_at, receivedAt: c.received_at, applied: c.applied === 1, conflict: c.conflict === 1,
  }));
}
