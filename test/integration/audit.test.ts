/**
 * Issue 8, the audit trail: every office, admin and operator action writes one entry (who,
 * when, what, before and after) in the same transaction as the change; GET /api/audit lists
 * the commune's entries newest first with filters and paging; nothing edits or deletes them,
 * and no household name is ever in them.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createOperator, insertHousehold, seedCommune, type Commune, type TestUser } from './support/fixtures';
import { makeReport } from './support/reports';
import { allRoutes } from '../../src/server/routes';
import { uuidv7 } from '../../src/shared/ids';

const json = async (res: Response | Promise<Response>) => (await res).json();
const HOUSEHOLD = 'Hộ Lê Thị Kín Đáo';

interface Entry { id: string; at: string; actorId: string | null; actorName: string; actorRole: string; action: string; entity: string; entityId: string; before: unknown; after: unknown }

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  let operator: TestUser;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 3 });
    other = await seedCommune(ctx.db, { villages: 1 });
    operator = await createOperator(ctx.db);
    await insertHousehold(ctx.db, c.communeId, {
      id: uuidv7(), unitId: c.villages[0]!.id, headName: HOUSEHOLD, address: 'Xóm 1', members: 3, checklists: {}, updatedAt: '2025-01-01T00:00:00.000Z',
    });
    ctx.clock.set('2025-06-01T02:00:00.000Z');
  });
  const call = async (method: string, path: string, body?: unknown, token = c.office.token) => {
    const res = await ctx.call(method, path, { token, body });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json();
  };
  const all = async (query = '', token = c.office.token): Promise<Entry[]> => {
    const out: Entry[] = [];
    let before = '';
    for (;;) {
      const page = await json(ctx.call('GET', `/api/audit?${query}${before ? `&before=${before}` : ''}`, { token }));
      out.push(...page.entries);
      if (!page.next) return out;
      before = page.next;
    }
  };

  it('writes one entry per office action, with who, when, before and after', async () => {
    const o = c.office;
    const plan = await call('POST', '/api/plans', { number: '', issuedOn: null, year: 2025, title: 'Kế hoạch kiểm tra', theme: '', rounds: [], reporting: ['year'] });
    await call('PATCH', `/api/plans/${plan.id}`, { theme: 'Chủ đề' });
    const { targets: [t] } = await call('POST', `/api/plans/${plan.id}/targets`, { targets: [{ parentId: null, area: 'economy', label: 'Đường bê tông', unit: 'km', comparator: 'atLeast', value: 2, valueMax: null, outOf: null, measure: 'quantity' }] });
    await call('PATCH', `/api/targets/${t.id}`, { value: 3 });
    await call('PUT', `/api/targets/${t.id}/assignments`, { assignments: [{ unitId: c.villages[0]!.id, share: 3 }] });
    await call('POST', `/api/plans/${plan.id}/activate`);
    const period = (await call('GET', `/api/plans/${plan.id}`)).periods[0];
    await call('POST', `/api/periods/${period.id}/lock`);
    await call('POST', `/api/periods/${period.id}/unlock`);
    await call('POST', `/api/plans/${plan.id}/close`);
    const { targets: [gone] } = await call('POST', `/api/plans/${c.plan.id}/targets`, { targets: [{ parentId: null, area: 'other', label: 'Tạm', unit: null, comparator: 'done', value: null, valueMax: null, outOf: null, measure: 'status' }] });
    await call('DELETE', `/api/targets/${gone.id}`);
    const scrap = await call('POST', '/api/plans', { number: '', issuedOn: null, year: 2025, title: 'Nhầm', theme: '', rounds: [], reporting: ['year'] });
    await call('DELETE', `/api/plans/${scrap.id}`);

    const unit = await call('POST', '/api/units', { kind: 'village', name: 'Thôn Mới' });
    await call('PATCH', `/api/units/${unit.id}`, { name: 'Thôn Mới Lập' });
    const spare = await call('POST', '/api/units', { kind: 'village', name: 'Thôn Tạm' });
    await call('DELETE', `/api/units/${spare.id}`);
    await call('POST', `/api/units/${c.villages[2]!.id}/replace`, { successor: unit.id });
    await call('POST', `/api/units/${c.villages[1]!.id}/hand-over`, { name: 'Người Mới' });
    const head = await call('POST', '/api/users', { name: 'Trưởng thôn', role: 'village', unitId: unit.id });
    await call('PATCH', `/api/users/${head.id}`, { name: 'Trưởng thôn Mới' });
    await call('POST', `/api/users/${head.id}/enrollment-codes`);
    await call('POST', '/api/enrollment-cards', { userIds: [head.id] });
    await call('POST', `/api/units/${unit.id}/close`, { shares: 'drop' });
    await call('POST', `/api/devices/${c.villageUsers[0]!.deviceId}/revoke`);
    await call('PATCH', '/api/devices/current', { name: 'Máy hội' }, c.associationUser.token);

    const approve = makeReport(c, { village: 0, values: [{ targetId: c.targets.quantity.id, value: 1 }] });
    const back = makeReport(c, { unitId: c.association.id, values: [{ targetId: c.targets.quantity.id, value: 1 }] });
    await call('POST', '/api/reports', { reports: [approve, back] }); // entered by the office
    await call('POST', `/api/reports/${approve.id}/review`, { decision: 'approve' });
    await call('POST', `/api/reports/${back.id}/review`, { decision: 'return', reason: 'Thiếu số liệu' });
    await call('POST', '/api/communes', { name: 'Xã Mới', admin: { username: `qt${uuidv7().slice(-8)}`, name: 'Quản trị', password: 'mat-khau-dai' } }, operator.token);

    const entries = await all();
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'plan.create', 'plan.update', 'plan.activate', 'plan.close', 'plan.delete', 'target.create', 'target.update', 'target.delete',
      'assignment.replace', 'period.lock', 'period.unlock', 'unit.create', 'unit.update', 'unit.delete', 'unit.replace', 'unit.hand_over',
      'unit.close', 'user.create', 'user.update', 'user.deactivate', 'enrollment_code.issue', 'device.revoke', 'device.rename',
      'review.approve', 'review.return',
    ]) expect(actions, action).toContain(action);
    const update = entries.find((e) => e.action === 'target.update')!;
    expect(update).toMatchObject({ actorId: o.id, actorRole: 'office', entity: 'target', entityId: t.id, at: '2025-06-01T02:00:00.000Z', before: { value: 2 }, after: { value: 3 } });
    expect(update.actorName).toBeTruthy();
    expect(entries.find((e) => e.action === 'review.return')).toMatchObject({ entityId: back.id, before: { state: 'submitted' }, after: { state: 'returned', reason: 'Thiếu số liệu' } });
    // Newest first.
    expect(entries[0]!.action).toBe('review.return');

    // The operator's commune creation is in the new commune's trail, not this one.
    expect(actions).not.toContain('commune.create');
    const communes = await ctx.db.kysely.selectFrom('audit_log').select(['action', 'actor_id', 'actor_role']).where('action', '=', 'commune.create').execute();
    expect(communes).toContainEqual({ action: 'commune.create', actor_id: operator.id, actor_role: 'operator' });

    // Never a household's name, and never an enrollment code.
    const text = JSON.stringify(await ctx.db.kysely.selectFrom('audit_log').selectAll().execute());
    expect(text).not.toContain(HOUSEHOLD);
    expect(text).not.toMatch(/"code":/);
  });

  it('filters, pages 50 at a time, and shows nothing of another commune', async () => {
    const plan = await call('POST', '/api/plans', { number: '', issuedOn: null, year: 2025, title: 'Nhiều chỉ tiêu', theme: '', rounds: [], reporting: ['year'] });
    const targets = Array.from({ length: 60 }, (_, i) => ({ parentId: null, area: 'economy', label: `Chỉ tiêu ${i}`, unit: 'hộ', comparator: 'atLeast', value: i + 1, valueMax: null, outOf: null, measure: 'quantity' }));
    await call('POST', `/api/plans/${plan.id}/targets`, { targets });
    const first = await json(ctx.call('GET', '/api/audit?action=target.create', { token: c.office.token }));
    expect(first.entries).toHaveLength(50);
    expect(first.next).toEqual(expect.any(String));
    const second = await json(ctx.call('GET', `/api/audit?action=target.create&before=${first.next}`, { token: c.office.token }));
    const ids = [...first.entries, ...second.entries].map((e: Entry) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect((await all(`entity=plan&entityId=${plan.id}`)).map((e) => e.action)).toEqual(['plan.create']);
    expect(await all(`actorId=${c.admin.id}`)).toEqual([]);
    expect(await all('from=2099-01-01')).toEqual([]);
    expect((await all('to=2000-01-01'))).toEqual([]);
    // Another commune's office sees only its own (empty) trail, whatever it asks for.
    expect(await all(`entityId=${plan.id}`, other.office.token)).toEqual([]);
    expect((await ctx.call('GET', '/api/audit', { token: c.associationUser.token })).status).toBe(403);
    expect((await ctx.call('GET', '/api/audit?before=abc', { token: c.office.token })).status).toBe(400);
  });

  it('is written with the change or not at all, and no route edits or deletes it', async () => {
    const before = (await all()).length;
    const refused = await ctx.call('PATCH', `/api/targets/${c.targets.xOfY.id}`, { token: c.office.token, body: { valueMax: 1, comparator: 'range', value: 5 } });
    expect(refused.status).toBe(400);
    expect((await all()).length).toBe(before);
    const writes = allRoutes().filter((r) => r.path.startsWith('/api/audit') && r.method !== 'get');
    expect(writes).toEqual([]);
  });
});
