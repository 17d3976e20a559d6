/**
 * Creating a commune with its first admin: the operator does it for each new commune, and
 * first-run setup does it once. Commune, office unit and admin are made in one transaction,
 * so a taken username never leaves a commune without an admin.
 */
import type { DbHandle } from '../db/handle';
import { inTransaction } from '../db/handle';
import type { Unit } from '../../shared/schemas/units';
import type { NewAccount } from '../../shared/schemas/office';
import { uuidv7 } from '../../shared/ids';
import { ApiError } from '../http/errors';
import { isUniqueViolation } from '../db/dialect';
import { insertUnit, findUnit } from '../db/queries/units';
import { insertUser, findUserByName } from '../db/queries/users';
import { hashPassword } from '../auth/passwords';
import { recordAudit, type AuditActor } from '../db/queries/audit';

export interface NewCommune {
  id?: string;
  name: string;
  parentId?: string | null;
  admin: NewAccount;
  /** Who is creating it, for the audit trail (the operator); first-run setup: the new admin. */
  actor?: AuditActor;
}

export interface CreatedCommune {
  commune: Unit;
  office: Unit;
  admin: { id: string; username: string; name: string; role: 'admin'; unitId: string };
}

/** `inside` runs first in the same transaction (setup uses it to claim the one-time setup). */
export async function createCommune(
  db: DbHandle, input: NewCommune, now: Date, inside?: (tx: DbHandle) => Promise<void>,
): Promise<CreatedCommune> {
  const at = now.toISOString();
  const passwordHash = await hashPassword(input.admin.password);
  const communeId = input.id ?? uuidv7(now.getTime());
  const commune: Unit = { id: communeId, parentId: input.parentId ?? null, kind: 'commune', name: input.name, communeId, successorId: null, replacedOn: null };
  const office: Unit = { id: uuidv7(now.getTime()), parentId: communeId, kind: 'office', name: 'Văn phòng - Thống kê', communeId, successorId: null, replacedOn: null };
  const adminId = uuidv7(now.getTime());
  try {
    await inTransaction(db, async (tx) => {
      if (inside) await inside(tx);
      if (input.parentId) {
        const parent = await findUnit(tx, input.parentId);
        if (!parent || parent.deleted || !['province', 'district'].includes(parent.kind)) throw new ApiError('not_found', 'parentId');
      }
      if (input.id && (await findUnit(tx, input.id))) throw new ApiError('conflict.exists', 'id');
      if (await findUserByName(tx, input.admin.username)) throw new ApiError('conflict.exists', 'admin.username');
      await insertUnit(tx, commune, at);
      await insertUnit(tx, office, at);
      await insertUser(tx, {
        id: adminId, username: input.admin.username, name: input.admin.name, role: 'admin',
        unitId: office.id, communeId, passwordHash,
      }, at);
      await recordAudit(tx, {
        actor: input.actor ?? { userId: adminId, name: input.admin.name, role: 'admin' }, at, communeId, action: 'commune.create', entity: 'commune',
        entityId: communeId, after: { name: input.name, officeUnitId: office.id, admin: { id: adminId, username: input.admin.username, name: input.admin.name } },
      });
    });
  } catch (error) {
    // Two requests racing for one username: the loser hears "exists", not a server error.
    if (isUniqueViolation(error)) throw new ApiError('conflict.exists', 'admin.username');
    throw error;
  }
  return { commune, office, admin: { id: adminId, username: input.admin.username, name: input.admin.name, role: 'admin', unitId: office.id } };
}
