/**
 * THE WRITE FIXTURES: one request per write route (method ≠ GET in the registry), keyed by
 * method and path like the scope matrix, for the concurrency test (concurrency.test.ts).
 * Each `build` gets a fresh commune of its own and returns ONE request; the test sends it six
 * times in parallel and, on another fresh commune, six times one after another, and expects
 * the same statuses and the same rows. So the request should be the most contested form of
 * the write: client-chosen ids and usernames where the route takes them, one record that all
 * six copies fight over. A write route without a row here fails the test.
 */
import type { TestContext } from './databases';
import { createUser, insertHousehold, insertUnit, newHousehold, type Commune, type TestUser } from './fixtures';
import { inTransaction } from '../../../src/server/db/handle';
import { insertEnrollmentCode } from '../../../src/server/db/queries/auth';
import { hashEnrollmentCode, hashSecret, newEnrollmentCode, newToken } from '../../../src/server/auth/tokens';
import { inviteUser } from '../../../src/server/office/invitations';
import { planPeriods } from '../../../src/shared/periods';
import { planToRow, periodToRow, targetToRow } from '../../../src/server/db/queries/records';
import { uuidv7 } from '../../../src/shared/ids';
import type { Plan } from '../../../src/shared/schemas/plans';
import type { Target } from '../../../src/shared/schemas/targets';

export interface WriteWorld {
  ctx: TestContext;
  /** A fresh commune (two villages, an association, a plan with targets and assignments). */
  c: Commune;
  operator: TestUser;
}

export interface WriteRequest {
  path: string;
  token: string | null;
  body?: unknown;
}

export type WriteFixture = (w: WriteWorld) => Promise<WriteRequest>;

const OFFICE_PASSWORD = 'mat-khau-van-phong'; // what seedCommune gives office users
const tag = () => uuidv7().slice(-10).replace(/-/g, '');

async function freshUnit(w: WriteWorld) {
  const unit = { id: uuidv7(), parentId: w.c.communeId, kind: 'village' as const, name: `Thôn ${tag()}`, communeId: w.c.communeId, successorId: null, replacedOn: null };
  await inTransaction(w.ctx.db, (tx) => insertUnit(tx, unit));
  return unit;
}
async function freshPlan(w: WriteWorld, over: Partial<Plan> = {}): Promise<Plan> {
  const plan: Plan = { ...w.c.plan, id: uuidv7(), title: 'Kế hoạch phụ', ...over };
  await inTransaction(w.ctx.db, async (tx) => {
    await tx.kysely.insertInto('plans').values(planToRow(plan, w.c.communeId, '2025-01-01T00:00:00Z')).execute();
    await tx.kysely.insertInto('periods').values(planPeriods(plan).map((p) => periodToRow(p, w.c.communeId))).execute();
  });
  return plan;
}
async function freshTarget(w: WriteWorld): Promise<Target> {
  const target: Target = { ...w.c.targets.quantity, id: uuidv7(), label: 'Chỉ tiêu phụ', position: 99 };
  await inTransaction(w.ctx.db, (tx) => tx.kysely.insertInto('targets').values(targetToRow(target, w.c.communeId)).execute());
  return target;
}
async function freshSession(w: WriteWorld, userId: string) {
  const token = newToken();
  await w.ctx.db.kysely.insertInto('auth_tokens').values({ token_hash: hashSecret(token), user_id: userId, device_id: null, kind: 'session', created_at: '2025-01-01T00:00:00Z', expires_at: null, revoked_at: null }).execute();
  return token;
}
async function submitted(w: WriteWorld) {
  const report = { id: uuidv7(), unitId: w.c.villages[0]!.id, planId: w.c.plan.id, periodId: w.c.periods[0]!.id, values: [{ targetId: w.c.targets.quantity.id, value: 3 }], createdAt: '2025-06-01T00:00:00.000Z' };
  const res = await w.ctx.call('POST', '/api/reports', { token: w.c.villageUsers[0]!.token, body: { reports: [report] } });
  if ((await res.json()).results[0].status !== 'accepted') throw new Error('seed report refused');
  return report.id;
}

const planBody = (id?: string) => ({ ...(id ? { id } : {}), number: '1/KH', issuedOn: null, year: 2025, title: 'Kế hoạch đua', theme: '', rounds: [], reporting: ['year'] });
const targetBody = { id: '', parentId: null, area: 'economy', label: 'Chỉ tiêu đua', unit: 'ha', comparator: 'atLeast', value: 1, valueMax: null, outOf: null, measure: 'quantity' };

const villageSet = (version: string) => ({
  code: `lang-ntm-${tag()}`.slice(0, 40), version, name: 'Bộ tiêu chí làng nông thôn mới', source: 'Quyết định của UBND tỉnh', level: 'village',
  validFrom: '2025-01-01', validTo: null, criteria: [{ code: '1', name: 'Đường làng', indicators: [{ code: '1.1', name: 'Đường trục thôn được cứng hóa' }] }],
});

export const WRITE_FIXTURES: Record<string, WriteFixture> = {
  'POST /api/auth/login': async ({ c }) => ({ path: '/api/auth/login', token: null, body: { username: c.office.username, password: OFFICE_PASSWORD } }),
  'POST /api/auth/logout': async (w) => ({ path: '/api/auth/logout', token: await freshSession(w, w.c.office.id) }),
  'POST /api/devices/enroll': async ({ ctx, c }) => {
    const code = newEnrollmentCode();
    await insertEnrollmentCode(ctx.db, { codeHash: hashEnrollmentCode(code), userId: c.villageUsers[0]!.id, issuedBy: null, now: '2025-01-01T00:00:00Z', expiresAt: '2099-01-01T00:00:00Z' });
    return { path: '/api/devices/enroll', token: null, body: { code, deviceName: 'Máy đua' } };
  },
  'POST /api/devices/:id/revoke': async ({ c }) => ({ path: `/api/devices/${c.villageUsers[0]!.deviceId}/revoke`, token: c.office.token }),
  'POST /api/reports': async ({ c }) => ({
    path: '/api/reports', token: c.villageUsers[0]!.token,
    body: { reports: [{ id: uuidv7(), unitId: c.villages[0]!.id, planId: c.plan.id, periodId: c.periods[0]!.id, values: [{ targetId: c.targets.quantity.id, value: 3 }], createdAt: '2025-06-01T00:00:00.000Z' }] },
  }),
  'POST /api/reports/:id/review': async (w) => ({ path: `/api/reports/${await submitted(w)}/review`, token: w.c.office.token, body: { decision: 'approve' } }),
  'POST /api/setup': async () => ({ path: '/api/setup', token: null, body: { communeName: 'Xã chen ngang', admin: { username: `chen${tag()}`, name: 'X', password: 'mat-khau-dai' } } }),
  'POST /api/setup/demo': async () => ({ path: '/api/setup/demo', token: null }),
  'POST /api/units': async ({ c }) => ({ path: '/api/units', token: c.office.token, body: { id: uuidv7(), kind: 'village', name: 'Thôn đua', parentId: c.communeId } }),
  'PATCH /api/units/:id': async ({ c }) => ({ path: `/api/units/${c.villages[1]!.id}`, token: c.office.token, body: { name: 'Tên mới', parentId: c.villages[0]!.id } }),
  'POST /api/units/:id/replace': async (w) => ({ path: `/api/units/${w.c.villages[1]!.id}/replace`, token: w.c.office.token, body: { successor: w.c.villages[0]!.id } }),
  'DELETE /api/units/:id': async (w) => ({ path: `/api/units/${(await freshUnit(w)).id}`, token: w.c.office.token }),
  'POST /api/communes': async ({ operator }) => ({ path: '/api/communes', token: operator.token, body: { id: uuidv7(), name: 'Xã đua', admin: { username: `qt${tag()}`, name: 'Q' } } }),
  'POST /api/users': async ({ c }) => ({ path: '/api/users', token: c.office.token, body: { id: uuidv7(), username: `tt${tag()}`, name: 'Trưởng thôn mới', role: 'village', unitId: c.villages[0]!.id } }),
  'PATCH /api/users/:id': async ({ c }) => ({ path: `/api/users/${c.villageUsers[0]!.id}`, token: c.office.token, body: { unitId: c.villages[1]!.id } }),
  'POST /api/users/:id/enrollment-codes': async ({ c }) => ({ path: `/api/users/${c.villageUsers[1]!.id}/enrollment-codes`, token: c.office.token }),
  'POST /api/users/:id/invitations': async ({ ctx, c }) => {
    const user = await createUser(ctx.db, { role: 'office', unitId: c.officeUnit.id, communeId: c.communeId });
    return { path: `/api/users/${user.id}/invitations`, token: c.admin.token };
  },
  'POST /api/plans': async ({ c }) => ({ path: '/api/plans', token: c.office.token, body: planBody(uuidv7()) }),
  'PATCH /api/plans/:id': async (w) => ({ path: `/api/plans/${(await freshPlan(w)).id}`, token: w.c.office.token, body: { theme: 'Chủ đề mới', reporting: ['year', 'quarter'] } }),
  'DELETE /api/plans/:id': async (w) => ({ path: `/api/plans/${(await freshPlan(w)).id}`, token: w.c.office.token }),
  'POST /api/plans/:planId/targets': async ({ c }) => ({ path: `/api/plans/${c.plan.id}/targets`, token: c.office.token, body: { targets: [{ ...targetBody, id: uuidv7() }] } }),
  'PATCH /api/targets/:id': async (w) => ({ path: `/api/targets/${(await freshTarget(w)).id}`, token: w.c.office.token, body: { label: 'Nhãn mới' } }),
  'DELETE /api/targets/:id': async (w) => ({ path: `/api/targets/${(await freshTarget(w)).id}`, token: w.c.office.token }),
  'PUT /api/targets/:id/assignments': async (w) => ({
    path: `/api/targets/${(await freshTarget(w)).id}/assignments`, token: w.c.office.token,
    body: { assignments: [{ unitId: w.c.villages[0]!.id, share: 1 }, { unitId: w.c.villages[1]!.id, share: 2 }] },
  }),
  'POST /api/households/changes': async ({ c }) => ({
    path: '/api/households/changes', token: c.villageUsers[0]!.token,
    body: { changes: [{ id: uuidv7(), householdId: uuidv7(), kind: 'create', baseRevision: 0, createdAt: '2025-06-01T00:00:00.000Z', value: { unitId: c.villages[0]!.id, headName: 'Hộ đua' } }] },
  }),
  'POST /api/units/:id/households/import': async ({ c }) => ({ path: `/api/units/${c.villages[0]!.id}/households/import`, token: c.office.token, body: { rows: [{ headName: 'Hộ nhập đua' }], dryRun: false } }),
  'POST /api/households/:id/anonymise': async ({ ctx, c }) => {
    const h = newHousehold(c.villages[0]!.id, 'Hộ xin xóa tên');
    await insertHousehold(ctx.db, c.communeId, h);
    return { path: `/api/households/${h.id}/anonymise`, token: c.office.token };
  },
  'POST /api/checklists': async ({ c }) => ({
    path: '/api/checklists', token: c.office.token,
    body: { code: '5k3s', version: `xa-${tag()}`, name: '5 không 3 sạch của xã', source: 'Quyết định của xã', validFrom: '2025-01-01', validTo: null, items: [{ code: 'sach-nha', label: 'Sạch nhà' }] },
  }),
  // Office screens (office-server).
  'PATCH /api/devices/current': async ({ c }) => ({ path: '/api/devices/current', token: c.villageUsers[0]!.token, body: { name: 'Máy của tôi' } }),
  'POST /api/reports/bulk-approve': async (w) => ({ path: '/api/reports/bulk-approve', token: w.c.office.token, body: { ids: [await submitted(w), await submitted(w)] } }),
  'POST /api/plans/:id/activate': async (w) => ({ path: `/api/plans/${(await freshPlan(w, { status: 'draft' })).id}/activate`, token: w.c.office.token }),
  'POST /api/plans/:id/close': async (w) => ({ path: `/api/plans/${w.c.plan.id}/close`, token: w.c.office.token }),
  'POST /api/periods/:id/lock': async ({ c }) => ({ path: `/api/periods/${c.periods[0]!.id}/lock`, token: c.office.token }),
  'POST /api/periods/:id/unlock': async ({ ctx, c }) => {
    const res = await ctx.call('POST', `/api/periods/${c.periods[0]!.id}/lock`, { token: c.office.token });
    if (res.status !== 200) throw new Error(`lock for the unlock fixture: ${res.status} ${await res.text()}`);
    return { path: `/api/periods/${c.periods[0]!.id}/unlock`, token: c.office.token };
  },
  'POST /api/units/:id/hand-over': async ({ c }) => ({ path: `/api/units/${c.villages[0]!.id}/hand-over`, token: c.office.token, body: { name: 'Trưởng thôn mới' } }),
  'POST /api/enrollment-cards': async ({ c }) => ({ path: '/api/enrollment-cards', token: c.office.token, body: { userIds: [c.villageUsers[0]!.id, c.villageUsers[1]!.id] } }),
  'POST /api/units/:id/close': async ({ c }) => ({ path: `/api/units/${c.villages[1]!.id}/close`, token: c.office.token, body: {} }),
  // Progress (progress-server, progress-ui).
  'PUT /api/plans/:planId/periods/:periodId/report-notes': async ({ c }) => ({
    path: `/api/plans/${c.plan.id}/periods/${c.periods[0]!.id}/report-notes`, token: c.office.token,
    body: { general: 'Đánh giá chung', shortcomings: 'Còn chậm', directions: 'Đẩy nhanh' },
  }),
  // NTM tracker (ntm-tracker): one set (code, version) all six fight over; one indicator recorded six times.
  'POST /api/ntm/criteria-sets': async ({ c }) => ({ path: '/api/ntm/criteria-sets', token: c.office.token, body: villageSet('2025') }),
  'PUT /api/ntm/tracker-choice': async ({ c }) => ({ path: '/api/ntm/tracker-choice', token: c.office.token, body: { criteriaSetId: 'criteria-ntm-xa-2026-2030', group: 2 } }),
  'PUT /api/ntm/indicators/:code': async ({ ctx, c }) => {
    const chosen = await ctx.call('PUT', '/api/ntm/tracker-choice', { token: c.office.token, body: { criteriaSetId: 'criteria-ntm-xa-2021-2025', group: null } });
    if (chosen.status !== 200) throw new Error('tracker not chosen');
    return { path: '/api/ntm/indicators/2.1', token: c.office.token, body: { level: 'commune', state: 'met', figure: 100, note: 'Đã bê tông hóa 12 km' } };
  },
  'POST /api/invitations/accept': async ({ ctx, c }) => {
    const invited = await createUser(ctx.db, { role: 'admin', unitId: c.officeUnit.id, communeId: c.communeId });
    const { url } = await inTransaction(ctx.db, (tx) => inviteUser(tx, { userId: invited.id, createdBy: null, now: new Date(), publicUrl: 'https://x.test' }));
    return { path: '/api/invitations/accept', token: null, body: { token: new URL(url).searchParams.get('token'), password: 'mat-khau-moi-dai' } };
  },
};
