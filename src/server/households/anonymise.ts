/**
 * Decree 13/2023/NĐ-CP: on a person's request the office erases the household's name and
 * address — in the register, in its disputes and in its change history — and keeps its
 * counts (members, flags, ticks), so every figure already reported still adds up.
 */
import type { Household } from '../../shared/schemas/registers';
import type { AppDeps } from '../context';
import { isOfficeOf, type Principal } from '../auth/policy';
import { ApiError } from '../http/errors';
import { inTransaction } from '../db/handle';
import { eraseHouseholdIdentity, lockHouseholds } from '../db/queries/households';
import { householdFromRow, type HouseholdData } from '../db/queries/records';

export const ANONYMISED_NAME = 'Hộ đã ẩn danh';
const ERASED_KEYS = new Set(['field:headName', 'field:address']);

export async function anonymiseHousehold(deps: AppDeps, p: Principal, householdId: string): Promise<Household> {
  return inTransaction(deps.db, async (tx) => {
    const row = (await lockHouseholds(tx, [householdId])).get(householdId);
    if (!row || !isOfficeOf(p, row.commune_id)) throw new ApiError('not_found', 'id');
    const at = deps.clock().toISOString();
    const data = JSON.parse(row.data_json) as HouseholdData;
    const erased = { ...data, headName: ANONYMISED_NAME, address: null, anonymisedAt: data.anonymisedAt ?? at };
    const conflicts = (JSON.parse(row.conflicts_json) as Household['conflicts']).filter((c) => !ERASED_KEYS.has(c.key));
    const updated = {
      ...row, data_json: JSON.stringify(erased), conflicts_json: JSON.stringify(conflicts), revision: Number(row.revision) + 1, updated_at: at,
    };
    await eraseHouseholdIdentity(tx, updated, JSON.stringify(null));
    return householdFromRow(updated);
  });
}
