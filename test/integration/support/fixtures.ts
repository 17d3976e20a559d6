/**
 * Builds a commune directly through the database layer (not through the office routes, so
 * these tests do not depend on them): units, users with ready tokens, a plan with periods,
 * targets of every measure, and assignments. Every call makes a new, independent commune.
 */
import type { Database } from '../../../src/server/db/database';
import { inTransaction, type DbHandle } from '../../../src/server/db/handle';
import { recordChanges, type ChangeInput } from '../../../src/server/db/queries/changes';
import {
  assignmentToRow, householdToRow, periodToRow, planToRow, targetToRow, unitToRow,
} from '../../../src/server/db/queries/records';
import { hashSecret, newToken } from '../../../src/server/auth/tokens';
import { hashPassword } from '../../../src/server/auth/passwords';
import { uuidv7 } from '../../../src/shared/ids';
import { planPeriods } from '../../../src/shared/periods';
import type { Unit, UnitKind } from '../../../src/shared/schemas/units';
import type { Plan, Period } from '../../../src/shared/schemas/plans';
import type { Target, Measure, Assignment } from '../../../src/shared/schemas/targets';
import type { Household } from '../../../src/shared/schemas/registers';
import type { Role } from '../../../src/shared/schemas/users';

const NOW = '2025-01-15T02:00:00.000Z';

export interface TestUser {
  id: string;
  username: string;
  token: string;
  deviceId: string | null;
  role: Role;
  unitId: string | null;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function insertUnit(tx: DbHandle, unit: Unit): Promise<void> {
  await tx.kysely.insertInto('units').values(unitToRow(unit, NOW)).execute();
  await recordChanges(tx, [{ entity: 'units', entityId: unit.id, communeId: unit.communeId }]);
}

export async function createUser(
  db: DbHandle,
  opts: { role: Role; unitId: string | null; communeId: string | null; password?: string; device?: boolean; name?: string; username?: string },
): Promise<TestUser> {
  const id = uuidv7();
  const username = opts.username ?? `${opts.role}-${unique()}`;
  await db.kysely.insertInto('users').values({
    id, username, name: opts.name ?? `Người dùng ${username}`, role: opts.role, unit_id: opts.unitId,
    commune_id: opts.communeId, password_hash: opts.password ? await hashPassword(opts.password) : null,
    active: 1, created_at: NOW, updated_at: NOW,
  }).execute();
  const token = newToken();
  let deviceId: string | null = null;
  if (opts.device) {
    deviceId = uuidv7();
    await db.kysely.insertInto('devices').values({ id: deviceId, user_id: id, name: 'Điện thoại thử', created_at: NOW, revoked_at: null, last_seen_at: null }).execute();
  }
  await db.kysely.insertInto('auth_tokens').values({
    token_hash: hashSecret(token), user_id: id, device_id: deviceId, kind: deviceId ? 'device' : 'session',
    created_at: NOW, expires_at: null, revoked_at: null,
  }).execute();
  return { id, username, token, deviceId, role: opts.role, unitId: opts.unitId };
}

export interface Commune {
  communeId: string;
  villages: Unit[];
  association: Unit;
  officeUnit: Unit;
  office: TestUser;
  admin: TestUser;
  /** One field user per village (device tokens), in the same order as villages. */
  villageUsers: TestUser[];
  associationUser: TestUser;
  plan: Plan;
  periods: Period[];
  /** Targets by measure, plus a breakdown (parent/child) and one assigned only to the association. */
  targets: Record<Measure | 'parent' | 'child' | 'associationOnly', Target>;
  assignments: Assignment[];
}

function target(planId: string, position: number, measure: Measure, extra: Partial<Target> = {}): Target {
  return {
    id: uuidv7(), planId, parentId: null, position, area: 'economy', label: `Chỉ tiêu ${position} (${measure})`,
    unit: measure === 'rate' ? '%' : 'hộ', comparator: measure === 'status' ? 'done' : 'atLeast',
    value: measure === 'status' ? null : 10, valueMax: null, outOf: measure === 'xOfY' ? 19 : null,
    measure, aggregation: measure === 'rate' ? 'weightedRate' : measure === 'status' ? 'count' : 'sum',
    assigneeUnitId: null, source: { line: position, text: `dòng ${position}` }, wholeNumber: false, communeOnly: false, ...extra,
  };
}

export async function seedCommune(db: Database, opts: { villages?: number } = {}): Promise<Commune> {
  const tag = unique();
  const communeId = uuidv7();
  const commune: Unit = { id: communeId, parentId: null, kind: 'commune', name: `Xã Thử ${tag}`, communeId, successorId: null, replacedOn: null, closedAt: null };
  const mk = (kind: UnitKind, name: string): Unit => ({ id: uuidv7(), parentId: communeId, kind, name, communeId, successorId: null, replacedOn: null, closedAt: null });
  const villages = Array.from({ length: opts.villages ?? 2 }, (_, i) => mk('village', `Thôn ${i + 1} ${tag}`));
  const association = mk('association', `Hội Phụ nữ ${tag}`);
  const officeUnit = mk('office', `Văn phòng UBND ${tag}`);
  const planId = uuidv7();
  const plan: Plan = {
    id: planId, issuerUnitId: communeId, number: '43/KH-UBND', issuedOn: '2025-03-07', year: 2025,
    issuer: 'UBND XÃ THỬ', title: 'Kế hoạch phát động phong trào thi đua năm 2025', theme: 'Đoàn kết',
    rounds: [], reporting: ['half-year'], status: 'active', graceDays: 0, closedAt: null,
  };
  const periods = planPeriods(plan).map((p) => ({ ...p, lockedAt: null }));
  const parent = target(planId, 6, 'quantity', { label: 'Tổng đàn gia súc', unit: 'con' });
  const targets: Commune['targets'] = {
    quantity: target(planId, 1, 'quantity'),
    rate: target(planId, 2, 'rate'),
    xOfY: target(planId, 3, 'xOfY'),
    status: target(planId, 4, 'status'),
    rank: target(planId, 5, 'rank', { comparator: 'atLeast', value: 1 }),
    parent,
    child: target(planId, 7, 'quantity', { parentId: parent.id, label: 'Đàn bò', unit: 'con' }),
    associationOnly: target(planId, 8, 'quantity', { assigneeUnitId: association.id, label: 'Hộ đạt 5 không 3 sạch' }),
  };
  const assignments: Assignment[] = [];
  for (const v of villages) {
    for (const t of [targets.quantity, targets.rate, targets.xOfY, targets.status, targets.rank, targets.parent]) {
      assignments.push({ id: uuidv7(), planId, targetId: t.id, unitId: v.id, share: null });
    }
  }
  assignments.push({ id: uuidv7(), planId, targetId: targets.associationOnly.id, unitId: association.id, share: 32 });
  assignments.push({ id: uuidv7(), planId, targetId: targets.quantity.id, unitId: association.id, share: null });

  await inTransaction(db, async (tx) => {
    await insertUnit(tx, commune);
    for (const u of [...villages, association, officeUnit]) await insertUnit(tx, u);
    await tx.kysely.insertInto('plans').values(planToRow(plan, communeId, NOW)).execute();
    await tx.kysely.insertInto('periods').values(periods.map((p) => periodToRow(p, communeId))).execute();
    // Parents before children (foreign key).
    await tx.kysely.insertInto('targets').values(Object.values(targets).map((t) => targetToRow(t, communeId))).execute();
    await tx.kysely.insertInto('assignments').values(assignments.map((a) => assignmentToRow(a, communeId))).execute();
    const changes: ChangeInput[] = [
      { entity: 'plans', entityId: plan.id, communeId },
      ...periods.map((p): ChangeInput => ({ entity: 'periods', entityId: p.id, communeId })),
      ...Object.values(targets).map((t): ChangeInput => ({ entity: 'targets', entityId: t.id, communeId })),
      ...assignments.map((a): ChangeInput => ({ entity: 'assignments', entityId: a.id, communeId, unitId: a.unitId })),
    ];
    await recordChanges(tx, changes);
  });

  const office = await createUser(db, { role: 'office', unitId: officeUnit.id, communeId, password: 'mat-khau-van-phong' });
  const admin = await createUser(db, { role: 'admin', unitId: officeUnit.id, communeId });
  const villageUsers: TestUser[] = [];
  for (const v of villages) villageUsers.push(await createUser(db, { role: 'village', unitId: v.id, communeId, device: true }));
  const associationUser = await createUser(db, { role: 'association', unitId: association.id, communeId, device: true });
  return { communeId, villages, association, officeUnit, office, admin, villageUsers, associationUser, plan, periods, targets, assignments };
}

export async function createOperator(db: Database): Promise<TestUser> {
  return createUser(db, { role: 'operator', unitId: null, communeId: null });
}

export async function insertHousehold(db: Database, communeId: string, household: Household): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.kysely.insertInto('households').values(householdToRow(household, communeId)).execute();
    await recordChanges(tx, [{ entity: 'households', entityId: household.id, communeId, unitId: household.unitId }]);
  });
}
