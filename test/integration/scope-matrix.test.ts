/**
 * THE SCOPE MATRIX: every route the app registers × every role (and anonymous) × the caller's
 * own unit/commune and another one, against a table of expected outcomes. The route list
 * comes from the registry itself, so a new route without a row here fails this test.
 *
 * Besides allowed/denied, every answer is searched for what the caller must never read:
 * ids of another commune (for everyone but the operator) and household names (only the
 * owning unit and its commune office may read them; the operator never).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { seedCommune, createOperator, createUser, insertHousehold, insertUnit, newHousehold, type Commune, type TestUser } from './support/fixtures';
import { allRoutes } from '../../src/server/routes';
import { inTransaction } from '../../src/server/db/handle';
import { planToRow, periodToRow, targetToRow } from '../../src/server/db/queries/records';
import { insertEnrollmentCode } from '../../src/server/db/queries/auth';
import { hashEnrollmentCode, hashSecret, newEnrollmentCode, newToken } from '../../src/server/auth/tokens';
import { uuidv7 } from '../../src/shared/ids';
import { inviteUser } from '../../src/server/office/invitations';
import { planPeriods } from '../../src/shared/periods';
import type { Plan } from '../../src/shared/schemas/plans';
import type { Target } from '../../src/shared/schemas/targets';

type ActorName = 'anonymous' | 'village' | 'association' | 'office' | 'admin' | 'operator';
type Scope = 'own' | 'other';
const ACTORS: ActorName[] = ['anonymous', 'village', 'association', 'office', 'admin', 'operator'];
const SCOPES: Scope[] = ['own', 'other'];
const OFFICE_PASSWORD = 'mat-khau-van-phong'; // what seedCommune gives office users
const SECRET_HOUSEHOLD = 'Hộ Bí Mật Nguyễn Văn Riêng';
const OTHER_HOUSEHOLD = 'Hộ Bí Mật Trần Thị Xa';

interface World {
  a: Commune;
  b: Commune;
  operator: TestUser;
  tokens: Record<ActorName, string | null>;
}

interface Call {
  path: string;
  body?: unknown;
  /** Use this token instead of the actor's (logout needs one it may end). */
  token?: string | null;
}

type Verdict = 'allowed' | 'denied' | string;

interface Rule {
  /** Who is allowed, and for which scope; everyone else must be denied (401/403/404). */
  allow: Partial<Record<ActorName, Scope[]>>;
  /** Builds the request; `other` = another commune's record (or, for a field user, another unit's). */
  build(w: World, actor: ActorName, scope: Scope, ctx: TestContext): Promise<Call>;
  /** Judges the answer when the default (2xx allowed, 401/403/404 denied) does not fit. */
  judge?(status: number, body: unknown): Verdict;
  /** The answer is meant to carry the caller's own identity (login, enroll): skip the foreign-id check. */
  noLeakCheck?: boolean;
}

const ALL_ROLES = { village: SCOPES, association: SCOPES, office: SCOPES, admin: SCOPES, operator: SCOPES };
const EVERYONE = { anonymous: SCOPES, ...ALL_ROLES };
const OFFICE_OWN = { office: ['own'] as Scope[], admin: ['own'] as Scope[] };
const OFFICE_OWN_OPERATOR_ALL = { ...OFFICE_OWN, operator: SCOPES };
const commune = (w: World, s: Scope) => (s === 'own' ? w.a : w.b);

// ---- fresh records, made directly in the database so each call has its own -------------
async function freshUnit(ctx: TestContext, c: Commune, kind: 'village' | 'association' = 'village') {
  const unit = { id: uuidv7(), parentId: c.communeId, kind, name: `Thôn mới ${uuidv7().slice(-6)}`, communeId: c.communeId, successorId: null, replacedOn: null };
  await inTransaction(ctx.db, (tx) => insertUnit(tx, unit));
  return unit;
}
async function freshPlan(ctx: TestContext, c: Commune): Promise<Plan> {
  const plan: Plan = { ...c.plan, id: uuidv7(), title: 'Kế hoạch phụ' };
  await inTransaction(ctx.db, async (tx) => {
    await tx.kysely.insertInto('plans').values(planToRow(plan, c.communeId, '2025-01-01T00:00:00Z')).execute();
    await tx.kysely.insertInto('periods').values(planPeriods(plan).map((p) => periodToRow(p, c.communeId))).execute();
  });
  return plan;
}
async function freshTarget(ctx: TestContext, c: Commune): Promise<Target> {
  const target: Target = { ...c.targets.quantity, id: uuidv7(), label: 'Chỉ tiêu phụ', position: 99 };
  await inTransaction(ctx.db, async (tx) => {
    await tx.kysely.insertInto('targets').values(targetToRow(target, c.communeId)).execute();
  });
  return target;
}
async function freshDevice(ctx: TestContext, c: Commune) {
  const user = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId, device: true });
  return user.deviceId!;
}
async function freshCode(ctx: TestContext, c: Commune) {
  const code = newEnrollmentCode();
  await insertEnrollmentCode(ctx.db, { codeHash: hashEnrollmentCode(code), userId: c.villageUsers[0]!.id, issuedBy: null, now: '2025-01-01T00:00:00Z', expiresAt: '2099-01-01T00:00:00Z' });
  return code;
}
async function freshSession(ctx: TestContext, userId: string) {
  const token = newToken();
  await ctx.db.kysely.insertInto('auth_tokens').values({ token_hash: hashSecret(token), user_id: userId, device_id: null, kind: 'session', created_at: '2025-01-01T00:00:00Z', expires_at: null, revoked_at: null }).execute();
  return token;
}
function submission(c: Commune, unitId: string) {
  return { id: uuidv7(), unitId, planId: c.plan.id, periodId: c.periods[0]!.id, values: [{ targetId: c.targets.quantity.id, value: 3 }], createdAt: '2025-06-01T00:00:00.000Z' };
}
/** A submitted report of the commune's first village, sent through the API by its head. */
async function freshReport(ctx: TestContext, c: Commune) {
  const report = submission(c, c.villages[0]!.id);
  const res = await ctx.call('POST', '/api/reports', { token: c.villageUsers[0]!.token, body: { reports: [report] } });
  const result = (await res.json()).results[0];
  if (result.status !== 'accepted') throw new Error(`seed report refused: ${JSON.stringify(result)}`);
  return report.id;
}
/** The unit a field actor may NOT act for; for office actors, a unit of the other commune. */
function otherUnitFor(w: World, actor: ActorName): string {
  if (actor === 'village') return w.a.villages[1]!.id;
  if (actor === 'association') return w.a.villages[0]!.id;
  return w.b.villages[0]!.id;
}
function ownUnitFor(w: World, actor: ActorName): string {
  return actor === 'association' ? w.a.association.id : w.a.villages[0]!.id;
}
const planBody = { number: '1/KH', issuedOn: null, year: 2025, title: 'Kế hoạch ma trận', theme: '', rounds: [], reporting: ['year'] };
const targetBody = { parentId: null, area: 'economy', label: 'Chỉ tiêu ma trận', unit: 'ha', comparator: 'atLeast', value: 1, valueMax: null, outOf: null, measure: 'quantity' };
const expectStatus = (expected: number) => (status: number): Verdict => (status === expected ? 'allowed' : `status ${status}`);

// ---- THE TABLE ------------------------------------------------------------------------
const RULES: Record<string, Rule> = {
  'GET /api/health': { allow: EVERYONE, build: async () => ({ path: '/api/health' }) },
  'GET /api/openapi.json': { allow: EVERYONE, build: async () => ({ path: '/api/openapi.json' }) },
  'GET /api/ready': { allow: EVERYONE, build: async () => ({ path: '/api/ready' }) },
  'POST /api/auth/login': {
    allow: EVERYONE, noLeakCheck: true,
    build: async (w, _a, s) => ({ path: '/api/auth/login', body: { username: commune(w, s).office.username, password: OFFICE_PASSWORD }, token: null }),
  },
  'POST /api/auth/logout': {
    allow: ALL_ROLES,
    build: async (w, actor, _s, ctx) => {
      const user = { village: w.a.villageUsers[0], association: w.a.associationUser, office: w.a.office, admin: w.a.admin, operator: w.operator, anonymous: null }[actor];
      return { path: '/api/auth/logout', token: user ? await freshSession(ctx, user.id) : null };
    },
  },
  'GET /api/me': { allow: ALL_ROLES, build: async () => ({ path: '/api/me' }) },
  'POST /api/devices/enroll': {
    allow: EVERYONE, noLeakCheck: true,
    build: async (w, _a, s, ctx) => ({ path: '/api/devices/enroll', body: { code: await freshCode(ctx, commune(w, s)), deviceName: 'Máy thử' }, token: null }),
  },
  'POST /api/devices/:id/revoke': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/devices/${await freshDevice(ctx, commune(w, s))}/revoke` }),
  },
  'GET /api/sync': { allow: ALL_ROLES, build: async () => ({ path: '/api/sync' }) },
  'POST /api/reports': {
    allow: { village: ['own'], association: ['own'], office: ['own'], admin: ['own'] },
    build: async (w, actor, s) => ({
      path: '/api/reports',
      body: { reports: [submission(s === 'own' || actor === 'village' || actor === 'association' ? w.a : w.b, s === 'own' ? ownUnitFor(w, actor) : otherUnitFor(w, actor))] },
    }),
    judge: (status, body) => {
      if ([401, 403, 404].includes(status)) return 'denied';
      const r = (body as { results?: { status: string; code?: string }[] }).results?.[0];
      if (status === 200 && r?.status === 'accepted') return 'allowed';
      if (status === 200 && r?.status === 'rejected' && ['report.unit_forbidden', 'report.unknown_unit'].includes(r.code ?? '')) return 'denied';
      return `status ${status} ${JSON.stringify(body)}`;
    },
  },
  'GET /api/reports': {
    allow: { office: SCOPES, admin: SCOPES }, // the list is always the caller's commune; asking for another unit gives nothing of it
    build: async (w, _a, s) => ({ path: `/api/reports?unitId=${s === 'own' ? w.a.villages[0]!.id : w.b.villages[0]!.id}` }),
  },
  'POST /api/reports/:id/review': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/reports/${await freshReport(ctx, commune(w, s))}/review`, body: { decision: 'approve' } }),
  },
  'GET /api/setup': { allow: EVERYONE, build: async () => ({ path: '/api/setup' }) },
  // The server has communes, so first-run setup is closed to everyone, signed in or not.
  'POST /api/setup': {
    allow: EVERYONE, judge: expectStatus(409),
    build: async () => ({ path: '/api/setup', body: { communeName: 'Xã chen ngang', admin: { username: `chen${uuidv7().slice(-8)}`, name: 'X', password: 'mat-khau-dai' } } }),
  },
  'POST /api/setup/demo': { allow: EVERYONE, judge: expectStatus(409), build: async () => ({ path: '/api/setup/demo' }) },
  'GET /api/units': { allow: { office: SCOPES, admin: SCOPES, operator: SCOPES }, build: async (w, _a, s) => ({ path: `/api/units?communeId=${commune(w, s).communeId}` }) },
  'POST /api/units': {
    allow: OFFICE_OWN,
    build: async (w, _a, s) => ({ path: '/api/units', body: { kind: 'village', name: 'Thôn ma trận', parentId: commune(w, s).communeId } }),
  },
  'PATCH /api/units/:id': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/units/${(await freshUnit(ctx, commune(w, s))).id}`, body: { name: 'Tên mới' } }),
  },
  'POST /api/units/:id/replace': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      return { path: `/api/units/${(await freshUnit(ctx, c)).id}/replace`, body: { successor: (await freshUnit(ctx, c)).id } };
    },
  },
  'DELETE /api/units/:id': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/units/${(await freshUnit(ctx, commune(w, s))).id}` }) },
  'GET /api/communes': { allow: { operator: SCOPES }, build: async () => ({ path: '/api/communes' }) },
  'POST /api/communes': {
    allow: { operator: SCOPES },
    build: async () => ({ path: '/api/communes', body: { name: 'Xã ma trận', admin: { username: `qt${uuidv7().slice(-10)}`, name: 'Q' } } }),
  },
  'GET /api/users': { allow: { office: SCOPES, admin: SCOPES, operator: SCOPES }, build: async (w, _a, s) => ({ path: `/api/users?communeId=${commune(w, s).communeId}` }) },
  'POST /api/users': {
    allow: OFFICE_OWN_OPERATOR_ALL,
    build: async (w, _a, s) => ({ path: '/api/users', body: { name: 'Trưởng thôn mới', role: 'village', unitId: commune(w, s).villages[0]!.id } }),
  },
  'PATCH /api/users/:id': {
    allow: OFFICE_OWN_OPERATOR_ALL,
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      const user = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId });
      return { path: `/api/users/${user.id}`, body: { name: 'Tên mới' } };
    },
  },
  'POST /api/users/:id/enrollment-codes': { allow: OFFICE_OWN, build: async (w, _a, s) => ({ path: `/api/users/${commune(w, s).villageUsers[1]!.id}/enrollment-codes` }) },
  'POST /api/users/:id/invitations': {
    allow: { admin: ['own'], operator: SCOPES },
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      const user = await createUser(ctx.db, { role: 'office', unitId: c.officeUnit.id, communeId: c.communeId });
      return { path: `/api/users/${user.id}/invitations` };
    },
  },
  'GET /api/devices': { allow: { office: SCOPES, admin: SCOPES, operator: SCOPES }, build: async (w, _a, s) => ({ path: `/api/devices?communeId=${commune(w, s).communeId}` }) },
  'GET /api/plans': { allow: { office: SCOPES, admin: SCOPES, operator: SCOPES }, build: async (w, _a, s) => ({ path: `/api/plans?communeId=${commune(w, s).communeId}` }) },
  // A plan is always issued by the caller's own commune: "other" cannot be expressed, both scopes create at home.
  'POST /api/plans': { allow: { office: SCOPES, admin: SCOPES }, build: async () => ({ path: '/api/plans', body: planBody }) },
  'GET /api/plans/:id': { allow: OFFICE_OWN_OPERATOR_ALL, build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}` }) },
  'PATCH /api/plans/:id': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/plans/${(await freshPlan(ctx, commune(w, s))).id}`, body: { theme: 'Chủ đề mới' } }) },
  'DELETE /api/plans/:id': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/plans/${(await freshPlan(ctx, commune(w, s))).id}` }) },
  'GET /api/plans/:planId/targets': { allow: OFFICE_OWN_OPERATOR_ALL, build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}/targets` }) },
  'POST /api/plans/:planId/targets': { allow: OFFICE_OWN, build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}/targets`, body: { targets: [targetBody] } }) },
  'PATCH /api/targets/:id': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/targets/${(await freshTarget(ctx, commune(w, s))).id}`, body: { label: 'Nhãn mới' } }) },
  'DELETE /api/targets/:id': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/targets/${(await freshTarget(ctx, commune(w, s))).id}` }) },
  'GET /api/plans/:planId/assignments': { allow: OFFICE_OWN_OPERATOR_ALL, build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}/assignments` }) },
  // Household registers: only the owning unit and its commune office; the operator never.
  'POST /api/households/changes': {
    allow: { village: ['own'], association: ['own'], office: ['own'], admin: ['own'] },
    build: async (w, actor, s) => ({
      path: '/api/households/changes',
      body: { changes: [{
        id: uuidv7(), householdId: uuidv7(), kind: 'create', baseRevision: 0, createdAt: '2025-06-01T00:00:00.000Z',
        value: { unitId: s === 'own' ? ownUnitFor(w, actor) : otherUnitFor(w, actor), headName: 'Hộ ma trận' },
      }] },
    }),
    judge: (status, body) => {
      if ([401, 403, 404].includes(status)) return 'denied';
      const r = (body as { results?: { status: string; code?: string }[] }).results?.[0];
      if (status === 200 && r?.status === 'accepted') return 'allowed';
      if (status === 200 && r?.status === 'rejected' && r.code === 'household.unknown_unit') return 'denied';
      return `status ${status} ${JSON.stringify(body)}`;
    },
  },
  'GET /api/units/:id/households': {
    allow: { village: ['own'], association: ['own'], office: ['own'], admin: ['own'] },
    build: async (w, actor, s) => ({ path: `/api/units/${s === 'own' ? ownUnitFor(w, actor) : otherUnitFor(w, actor)}/households` }),
  },
  'GET /api/units/:id/households/export': {
    allow: { village: ['own'], association: ['own'], office: ['own'], admin: ['own'] },
    build: async (w, actor, s) => ({ path: `/api/units/${s === 'own' ? ownUnitFor(w, actor) : otherUnitFor(w, actor)}/households/export?format=csv` }),
  },
  'POST /api/units/:id/households/import': {
    allow: OFFICE_OWN,
    build: async (w, _a, s) => ({ path: `/api/units/${commune(w, s).villages[0]!.id}/households/import`, body: { rows: [{ headName: 'Hộ nhập thử' }], dryRun: true } }),
  },
  'POST /api/households/:id/anonymise': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      const h = newHousehold(c.villages[0]!.id, 'Hộ xin xóa tên');
      await insertHousehold(ctx.db, c.communeId, h);
      return { path: `/api/households/${h.id}/anonymise` };
    },
  },
  // A household's history holds its name (the create change): only its unit and its commune office.
  'GET /api/households/:id/history': {
    allow: { village: ['own'], association: ['own'], office: ['own'], admin: ['own'] },
    build: async (w, actor, s, ctx) => {
      const unitId = s === 'own' ? ownUnitFor(w, actor) : otherUnitFor(w, actor);
      const c = unitId === w.b.villages[0]!.id ? w.b : w.a;
      const householdId = uuidv7();
      const res = await ctx.call('POST', '/api/households/changes', { token: c.office.token, body: { changes: [{
        id: uuidv7(), householdId, kind: 'create', baseRevision: 0, createdAt: '2025-06-01T00:00:00.000Z',
        value: { unitId, headName: c === w.b ? OTHER_HOUSEHOLD : unitId === w.a.villages[0]!.id ? SECRET_HOUSEHOLD : 'Hộ lịch sử ma trận' },
      }] } });
      expect(res.status).toBe(200);
      return { path: `/api/households/${householdId}/history` };
    },
  },
  // Counts only: the operator may read them for any commune; no name is in the answer.
  'GET /api/periods/:periodId/register-counts': {
    allow: OFFICE_OWN_OPERATOR_ALL,
    build: async (w, _a, s) => ({ path: `/api/periods/${commune(w, s).periods[0]!.id}/register-counts` }),
  },
  'GET /api/checklists': { allow: ALL_ROLES, build: async () => ({ path: '/api/checklists' }) },
  'POST /api/checklists': {
    allow: { office: SCOPES, admin: SCOPES },
    build: async () => ({
      path: '/api/checklists',
      body: { code: '5k3s', version: `xa-${uuidv7().slice(-8)}`, name: '5 không 3 sạch của xã', source: 'Quyết định của xã', validFrom: '2025-01-01', validTo: null, items: [{ code: 'sach-nha', label: 'Sạch nhà' }] },
    }),
  },
  // Public: the link's secret is the credential; the answer is the invited admin's own session.
  'POST /api/invitations/accept': {
    allow: EVERYONE, noLeakCheck: true,
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      const invited = await createUser(ctx.db, { role: 'admin', unitId: c.officeUnit.id, communeId: c.communeId });
      const { url } = await inTransaction(ctx.db, (tx) => inviteUser(tx, { userId: invited.id, createdBy: null, now: new Date(), publicUrl: 'https://x.test' }));
      return { path: '/api/invitations/accept', body: { token: new URL(url).searchParams.get('token'), password: 'mat-khau-moi-dai' }, token: null };
    },
  },
  'PUT /api/targets/:id/assignments': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      return { path: `/api/targets/${(await freshTarget(ctx, c)).id}/assignments`, body: { assignments: [{ unitId: c.villages[0]!.id, share: 1 }] } };
    },
  },
  // ---- the office, part 1 (issue 8) ----
  'POST /api/plans/:id/activate': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/plans/${(await freshPlan(ctx, commune(w, s))).id}/activate` }) },
  'POST /api/plans/:id/close': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/plans/${(await freshPlan(ctx, commune(w, s))).id}/close` }) },
  'POST /api/periods/:id/lock': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/periods/${planPeriods(await freshPlan(ctx, commune(w, s)))[0]!.id}/lock` }),
  },
  'POST /api/periods/:id/unlock': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/periods/${planPeriods(await freshPlan(ctx, commune(w, s)))[0]!.id}/unlock` }),
  },
  'GET /api/reports/:id': { allow: OFFICE_OWN, build: async (w, _a, s, ctx) => ({ path: `/api/reports/${await freshReport(ctx, commune(w, s))}` }) },
  'POST /api/reports/bulk-approve': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: '/api/reports/bulk-approve', body: { ids: [await freshReport(ctx, commune(w, s))] } }),
    judge: (status, body) => {
      if ([401, 403, 404].includes(status)) return 'denied';
      const r = (body as { results?: { status: string; code?: string }[] }).results?.[0];
      if (status === 200 && r?.status === 'approved') return 'allowed';
      if (status === 200 && r?.status === 'skipped' && r.code === 'not_found') return 'denied';
      return `status ${status} ${JSON.stringify(body)}`;
    },
  },
  // The trail is always the caller's own commune's; asking about another's record gives nothing of it.
  'GET /api/audit': {
    allow: { office: SCOPES, admin: SCOPES },
    build: async (w, _a, s) => ({ path: `/api/audit?entityId=${commune(w, s).plan.id}` }),
  },
  'POST /api/units/:id/hand-over': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/units/${(await freshUnit(ctx, commune(w, s))).id}/hand-over`, body: { name: 'Trưởng thôn mới' } }),
  },
  'POST /api/enrollment-cards': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => {
      const c = commune(w, s);
      const user = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId });
      return { path: '/api/enrollment-cards', body: { userIds: [user.id] } };
    },
  },
  'POST /api/units/:id/close': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => ({ path: `/api/units/${(await freshUnit(ctx, commune(w, s))).id}/close`, body: {} }),
  },
  // Only a phone (device token) names itself; office sessions have no device.
  'PATCH /api/devices/current': { allow: { village: SCOPES, association: SCOPES }, build: async () => ({ path: '/api/devices/current', body: { name: 'Máy của tôi' } }) },
  // Progress and exports (progress-server): the plan's commune office, and the operator (counts only).
  'GET /api/plans/:planId/progress': {
    allow: OFFICE_OWN_OPERATOR_ALL,
    build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}/progress?periodId=${commune(w, s).periods[0]!.id}&basis=submitted` }),
  },
  'GET /api/plans/:planId/export': {
    allow: OFFICE_OWN_OPERATOR_ALL,
    build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}/export?periodId=${commune(w, s).periods[0]!.id}&format=csv&basis=submitted` }),
  },
  // The A4 report's free text (progress-ui): the plan's commune office and admin only.
  'GET /api/plans/:planId/periods/:periodId/report-notes': {
    allow: OFFICE_OWN,
    build: async (w, _a, s) => ({ path: `/api/plans/${commune(w, s).plan.id}/periods/${commune(w, s).periods[0]!.id}/report-notes` }),
  },
  'PUT /api/plans/:planId/periods/:periodId/report-notes': {
    allow: OFFICE_OWN,
    build: async (w, _a, s) => ({
      path: `/api/plans/${commune(w, s).plan.id}/periods/${commune(w, s).periods[0]!.id}/report-notes`,
      body: { general: 'Đánh giá chung', shortcomings: '', directions: '' },
    }),
  },
  // The NTM tracker (ntm-tracker): office/admin write for their commune; field users read the
  // choice and their own village's village-level tracker; the operator reads counts of any commune.
  'GET /api/ntm/criteria-sets': { allow: ALL_ROLES, build: async () => ({ path: '/api/ntm/criteria-sets' }) },
  // A set is always added to the caller's own commune: both scopes add at home.
  'POST /api/ntm/criteria-sets': {
    allow: { office: SCOPES, admin: SCOPES },
    build: async () => ({ path: '/api/ntm/criteria-sets', body: villageSetBody(`v-${uuidv7().slice(-8)}`) }),
  },
  'GET /api/ntm/tracker-choice': { allow: ALL_ROLES, build: async (w, _a, s) => ({ path: `/api/ntm/tracker-choice?communeId=${commune(w, s).communeId}` }) },
  // Chosen for the caller's own commune: "other" cannot be expressed.
  'PUT /api/ntm/tracker-choice': {
    allow: { office: SCOPES, admin: SCOPES },
    build: async () => ({ path: '/api/ntm/tracker-choice', body: { criteriaSetId: 'criteria-ntm-xa-2021-2025', group: null } }),
  },
  'GET /api/ntm/tracker': {
    allow: { village: ['own'], office: ['own'], admin: ['own'], operator: SCOPES },
    build: async (w, actor, s, ctx) => {
      await chooseVillageSet(ctx, w);
      const unitId = actor === 'village' ? (s === 'own' ? w.a.villages[0]!.id : w.a.villages[1]!.id) : commune(w, s).villages[0]!.id;
      return { path: `/api/ntm/tracker?level=village&unitId=${unitId}&communeId=${commune(w, s).communeId}` };
    },
    // Allowed means a tracker was read; an association (no village) and another unit are refused.
    judge: (status, body) => (status === 200 && !(body as { tracker?: unknown }).tracker ? `no tracker ${JSON.stringify(body)}` : defaultJudge(status)),
  },
  'PUT /api/ntm/indicators/:code': {
    allow: OFFICE_OWN,
    build: async (w, _a, s, ctx) => {
      await chooseVillageSet(ctx, w);
      return { path: '/api/ntm/indicators/1.1', body: { level: 'village', unitId: commune(w, s).villages[0]!.id, state: 'met', figure: null, note: 'Biên bản họp thôn' } };
    },
  },
};

/** A village-level criteria set, as the office types it from the province's text. */
function villageSetBody(version: string) {
  return {
    code: 'lang-ntm', version, name: 'Bộ tiêu chí làng nông thôn mới', source: 'Quyết định của UBND tỉnh', level: 'village',
    validFrom: '2025-01-01', validTo: null,
    criteria: [{ code: '1', name: 'Đường làng', indicators: [{ code: '1.1', name: 'Đường trục thôn được cứng hóa' }] }],
  };
}

/** Both communes follow a village-level set of their own (once per world). */
const villageSetChosen = new WeakSet<World>();
async function chooseVillageSet(ctx: TestContext, w: World) {
  if (villageSetChosen.has(w)) return;
  villageSetChosen.add(w);
  for (const c of [w.a, w.b]) {
    const res = await ctx.call('POST', '/api/ntm/criteria-sets', { token: c.office.token, body: villageSetBody(`chon-${uuidv7().slice(-8)}`) });
    const set = (await res.json()) as { id: string };
    const chosen = await ctx.call('PUT', '/api/ntm/tracker-choice', { token: c.office.token, body: { criteriaSetId: set.id, group: null } });
    if (chosen.status !== 200) throw new Error(`village set not chosen: ${await chosen.text()}`);
  }
}

function defaultJudge(status: number): Verdict {
  if (status >= 200 && status < 300) return 'allowed';
  if ([401, 403, 404].includes(status)) return 'denied';
  return `status ${status}`;
}

/** Ids of commune B that no one of commune A may ever read. */
function foreignIds(w: World): string[] {
  const b = w.b;
  return [b.communeId, ...b.villages.map((v) => v.id), b.association.id, b.plan.id, b.office.id, ...b.villageUsers.map((u) => u.id), ...Object.values(b.targets).map((t) => t.id)];
}

/** Who may read the household names of commune A's first village. */
function mayReadSecret(actor: ActorName): boolean {
  return actor === 'village' || actor === 'office' || actor === 'admin';
}

forEachDatabase((ctx) => {
  const w = {} as World;

  beforeAll(async () => {
    w.a = await seedCommune(ctx.db, { villages: 2 });
    w.b = await seedCommune(ctx.db, { villages: 2 });
    w.operator = await createOperator(ctx.db);
    w.tokens = {
      anonymous: null, village: w.a.villageUsers[0]!.token, association: w.a.associationUser.token,
      office: w.a.office.token, admin: w.a.admin.token, operator: w.operator.token,
    };
    const household = (unitId: string, headName: string) => newHousehold(unitId, headName);
    await insertHousehold(ctx.db, w.a.communeId, household(w.a.villages[0]!.id, SECRET_HOUSEHOLD));
    await insertHousehold(ctx.db, w.b.communeId, household(w.b.villages[0]!.id, OTHER_HOUSEHOLD));
    await freshReport(ctx, w.b); // commune B has a report the other commune must not see
  });

  it('has a rule for every registered route, and no rule for a route that does not exist', () => {
    const registered = allRoutes().map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(registered.filter((k) => !(k in RULES)), 'routes without a row in the scope matrix').toEqual([]);
    expect(Object.keys(RULES).filter((k) => !registered.includes(k)), 'rows for routes that are not registered').toEqual([]);
  });

  for (const route of allRoutes()) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    it(key, async () => {
      const rule = RULES[key];
      if (!rule) throw new Error(`no scope rule for ${key}`);
      const wrong: string[] = [];
      for (const actor of ACTORS) {
        for (const scope of SCOPES) {
          const call = await rule.build(w, actor, scope, ctx);
          const token = call.token !== undefined ? call.token : w.tokens[actor];
          const res = await ctx.call(route.method.toUpperCase(), call.path, { token: token ?? undefined, body: call.body });
          const text = await res.text();
          let body: unknown = null;
          try { body = JSON.parse(text); } catch { /* not JSON */ }
          const verdict = (rule.judge ?? defaultJudge)(res.status, body);
          const expected = rule.allow[actor]?.includes(scope) ? 'allowed' : 'denied';
          const where = `${actor}/${scope}`;
          if (verdict !== expected) wrong.push(`${where}: expected ${expected}, got ${verdict} ${verdict === 'allowed' || verdict === 'denied' ? `(${res.status})` : ''} ${text.slice(0, 200)}`);
          if (actor === 'anonymous' && route.access !== 'public' && res.status !== 401) wrong.push(`${where}: anonymous must get 401, got ${res.status}`);
          if (res.status >= 500) wrong.push(`${where}: server error ${text.slice(0, 200)}`);
          // What must never be read, allowed or not.
          if (text.includes(OTHER_HOUSEHOLD)) wrong.push(`${where}: read a household name of another commune`);
          if (text.includes(SECRET_HOUSEHOLD) && !mayReadSecret(actor)) wrong.push(`${where}: read a household name it must not`);
          if (actor !== 'operator' && !rule.noLeakCheck) {
            const leaked = foreignIds(w).find((id) => text.includes(id));
            if (leaked) wrong.push(`${where}: answer holds an id of another commune (${leaked})`);
          }
          // Denials speak the one error shape, in Vietnamese.
          if (verdict === 'denied' && res.status >= 400) {
            const e = body as { code?: string; message?: string } | null;
            if (!e?.code || !e.message || /[A-Za-z]+Error|at .*\.ts/.test(e.message)) wrong.push(`${where}: denial body ${text.slice(0, 200)}`);
          }
        }
      }
      expect(wrong, key).toEqual([]);
    });
  }

  describe('household names', () => {
    it('reach the owning village and the commune office through sync, and never the operator', async () => {
      const sync = async (token: string) => (await ctx.call('GET', '/api/sync', { token })).text();
      expect(await sync(w.a.villageUsers[0]!.token)).toContain(SECRET_HOUSEHOLD);
      expect(await sync(w.a.office.token)).toContain(SECRET_HOUSEHOLD);
      expect(await sync(w.a.villageUsers[1]!.token)).not.toContain(SECRET_HOUSEHOLD);
      expect(await sync(w.a.associationUser.token)).not.toContain(SECRET_HOUSEHOLD);
      const operator = await sync(w.operator.token);
      expect(operator).not.toContain(SECRET_HOUSEHOLD);
      expect(operator).not.toContain(OTHER_HOUSEHOLD);
      expect(JSON.parse(operator).households).toEqual([]);
    });
  });
});
