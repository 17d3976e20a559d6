import { describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { uuidv7 } from '../../src/shared/ids';

const planBody = (over: Record<string, unknown> = {}) => ({
  number: '43/KH-UBND', issuedOn: '2025-03-07', year: 2025, title: 'Kế hoạch phát động phong trào thi đua năm 2025',
  theme: 'Đoàn kết', rounds: [], reporting: ['quarter'], ...over,
});
const target = (over: Record<string, unknown> = {}) => ({
  parentId: null, area: 'economy', label: 'Diện tích trồng rừng mới', unit: 'ha', comparator: 'atLeast',
  value: 40, valueMax: null, outOf: null, measure: 'quantity', ...over,
});

async function count(ctx: TestContext, table: 'targets' | 'plans' | 'assignments', planId: string) {
  const col = table === 'plans' ? 'id' : 'plan_id';
  const rows = await ctx.db.kysely.selectFrom(table).select('id').where(col, '=', planId).execute();
  return rows.length;
}

forEachDatabase((ctx) => {
  let a: Commune;
  let b: Commune;
  let planId: string;
  const json = async (res: Response | Promise<Response>) => (await res).json();

  describe('plans', () => {
    it('creates a plan of the caller\'s commune with its periods', async () => {
      a = await seedCommune(ctx.db, { villages: 3 });
      b = await seedCommune(ctx.db);
      const res = await ctx.call('POST', '/api/plans', { token: a.office.token, body: planBody() });
      expect(res.status).toBe(201);
      const plan = await res.json();
      planId = plan.id;
      expect(plan).toMatchObject({ issuerUnitId: a.communeId, status: 'draft', year: 2025 });
      expect(plan.periods.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([
        [`${planId}:q1`, 'Quý I/2025'], [`${planId}:q2`, 'Quý II/2025'], [`${planId}:q3`, 'Quý III/2025'], [`${planId}:q4`, 'Quý IV/2025'],
      ]);
      const changes = await ctx.db.kysely.selectFrom('changes').select('entity').where('entity_id', 'like', `${planId}%`).execute();
      expect(changes.map((c) => c.entity).sort()).toEqual(['periods', 'periods', 'periods', 'periods', 'plans']);
      expect((await ctx.call('GET', `/api/plans/${planId}`, { token: b.office.token })).status).toBe(404);
      const listB = await json(ctx.call('GET', '/api/plans', { token: b.office.token }));
      expect(listB.plans.some((p: { id: string }) => p.id === planId)).toBe(false);
    });

    it('regenerates periods on a rhythm change, keeping ids and tombstoning dropped ones', async () => {
      const added = await json(ctx.call('PATCH', `/api/plans/${planId}`, { token: a.office.token, body: { reporting: ['quarter', 'year'], rounds: [{ name: 'Đợt 1', from: '2025-01-01', to: '2025-04-30', reportDeadline: '2025-06-25' }] } }));
      expect(added.periods.map((p: { id: string }) => p.id.split(':')[1])).toEqual(['q1', 'r1', 'q2', 'q3', 'q4', 'y']);
      const fewer = await json(ctx.call('PATCH', `/api/plans/${planId}`, { token: a.office.token, body: { reporting: ['year'], title: 'Tên mới' } }));
      expect(fewer.title).toBe('Tên mới');
      expect(fewer.periods.map((p: { id: string }) => p.id.split(':')[1])).toEqual(['r1', 'y']);
      const q1 = await ctx.db.kysely.selectFrom('periods').select('deleted').where('id', '=', `${planId}:q1`).executeTakeFirst();
      expect(q1?.deleted).toBe(1); // kept as a tombstone: reports filed for Q1 keep their period
      const back = await json(ctx.call('PATCH', `/api/plans/${planId}`, { token: a.office.token, body: { reporting: ['quarter', 'year'] } }));
      expect(back.periods.map((p: { id: string }) => p.id)).toContain(`${planId}:q1`);
    });

    it('refuses a round that ends before it starts, storing nothing', async () => {
      const id = uuidv7();
      const res = await ctx.call('POST', '/api/plans', { token: a.office.token, body: planBody({ id, rounds: [{ name: 'Đợt 1', from: '2025-05-01', to: '2025-04-30', reportDeadline: null }] }) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'plan.bad_round', path: 'rounds.0.to' });
      expect(await count(ctx, 'plans', id)).toBe(0);
      const badYear = await ctx.call('POST', '/api/plans', { token: a.office.token, body: planBody({ year: '2025' }) });
      expect(await badYear.json()).toMatchObject({ code: 'value.not_a_number', path: 'year' });
      const dup = await ctx.call('POST', '/api/plans', { token: a.office.token, body: planBody({ id: planId }) });
      expect(dup.status).toBe(409);
      expect((await ctx.call('POST', '/api/plans', { token: a.associationUser.token, body: planBody() })).status).toBe(403);
    });
  });

  describe('targets', () => {
    it('creates a batch all at once: child before parent, association by name, assigned to it', async () => {
      const parent = uuidv7();
      const child = uuidv7();
      const res = await ctx.call('POST', `/api/plans/${planId}/targets`, { token: a.office.token, body: { targets: [
        target({ id: child, parentId: parent, label: 'Đàn bò', unit: 'con', value: 1110 }),
        target({ id: parent, label: 'Tổng đàn gia súc', unit: 'con', value: 3027 }),
        target({ label: 'Tỷ lệ hộ tham gia BHYT', unit: '%', value: 96, measure: 'rate' }),
        target({ label: 'Vận động hộ đạt "5 không, 3 sạch"', unit: 'hộ', value: 32, assigneeName: 'hoi phu nu', source: { line: 27, text: 'Hội LHPN ... 32 hộ' } }),
        target({ label: 'Nhà đại đoàn kết', unit: 'nhà', comparator: 'range', value: 1, valueMax: 2 }),
        target({ label: 'Đạt 13/19 tiêu chí', unit: 'tiêu chí', value: 13, outOf: 19, measure: 'xOfY' }),
      ] } });
      expect(res.status).toBe(201);
      const { targets } = await res.json();
      expect(targets).toHaveLength(6);
      expect(targets[0]).toMatchObject({ id: child, parentId: parent, planId });
      expect(targets[2]).toMatchObject({ aggregation: 'weightedRate' });
      expect(targets[3]).toMatchObject({ assigneeUnitId: a.association.id, source: { line: 27 } });
      const listed = await json(ctx.call('GET', `/api/plans/${planId}/targets`, { token: a.office.token }));
      expect(listed.targets.map((t: { label: string }) => t.label)).toEqual(targets.map((t: { label: string }) => t.label));
      const assigned = await json(ctx.call('GET', `/api/plans/${planId}/assignments`, { token: a.office.token }));
      expect(assigned.assignments).toEqual([expect.objectContaining({ targetId: targets[3].id, unitId: a.association.id, share: 32 })]);
    });

    it('stores nothing when one target of the batch is wrong, and says which', async () => {
      const before = await count(ctx, 'targets', planId);
      const cases: [unknown[], number, Record<string, unknown>][] = [
        [[target(), target(), target({ comparator: 'range', value: 9, valueMax: 8 })], 400, { code: 'target.bad_range', path: 'targets.2.valueMax' }],
        [[target(), target({ value: 'bốn mươi' })], 400, { code: 'value.not_a_number', path: 'targets.1.value' }],
        [[target({ parentId: uuidv7() })], 400, { code: 'target.unknown_parent', path: 'targets.0.parentId' }],
        [[target(), target({ assigneeName: 'Hội Người cao tuổi' })], 400, { code: 'target.unknown_assignee', path: 'targets.1.assigneeName' }],
        [[target(), target({ assigneeUnitId: b.association.id })], 404, { code: 'not_found', path: 'targets.1.assigneeUnitId' }],
        [[target({ measure: 'xOfY', value: 20, outOf: 19 })], 400, { code: 'value.exceeds_out_of', path: 'targets.0.value' }],
        [[target({ id: a.targets.quantity.id })], 409, { code: 'conflict.exists', path: 'targets.0.id' }],
        [[{ ...target(), label: '' }], 400, { path: 'targets.0.label' }],
        [[], 400, { path: 'targets' }],
      ];
      for (const [targets, status, body] of cases) {
        const res = await ctx.call('POST', `/api/plans/${planId}/targets`, { token: a.office.token, body: { targets } });
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(await res.json()).toMatchObject(body);
      }
      const x = uuidv7();
      const y = uuidv7();
      const loop = await ctx.call('POST', `/api/plans/${planId}/targets`, { token: a.office.token, body: { targets: [target({ id: x, parentId: y }), target({ id: y, parentId: x })] } });
      expect(await loop.json()).toMatchObject({ code: 'target.cycle' });
      expect(await count(ctx, 'targets', planId)).toBe(before);
      expect((await ctx.call('POST', `/api/plans/${planId}/targets`, { token: b.office.token, body: { targets: [target()] } })).status).toBe(404);
    });

    it('edits and deletes a target; a parent with children stays', async () => {
      const { targets } = await json(ctx.call('GET', `/api/plans/${planId}/targets`, { token: a.office.token }));
      const [child, parent] = targets;
      const edited = await json(ctx.call('PATCH', `/api/targets/${child.id}`, { token: a.office.token, body: { value: 1200, label: 'Đàn bò (con)' } }));
      expect(edited).toMatchObject({ value: 1200, label: 'Đàn bò (con)', parentId: parent.id });
      const loop = await ctx.call('PATCH', `/api/targets/${parent.id}`, { token: a.office.token, body: { parentId: child.id } });
      expect(await loop.json()).toMatchObject({ code: 'target.cycle' });
      expect((await ctx.call('DELETE', `/api/targets/${parent.id}`, { token: a.office.token })).status).toBe(409);
      expect((await ctx.call('PATCH', `/api/targets/${child.id}`, { token: b.office.token, body: { value: 1 } })).status).toBe(404);
      expect(await json(ctx.call('DELETE', `/api/targets/${child.id}`, { token: a.office.token }))).toEqual({ id: child.id, deleted: true });
      expect((await ctx.call('PATCH', `/api/targets/${child.id}`, { token: a.office.token, body: { value: 1 } })).status).toBe(404);
      expect((await ctx.call('DELETE', `/api/targets/${parent.id}`, { token: a.office.token })).status).toBe(200);
    });
  });

  describe('assignments', () => {
    it('replaces the set for a target, keeping ids of units that stay, logging per unit', async () => {
      const { targets } = await json(ctx.call('GET', `/api/plans/${planId}/targets`, { token: a.office.token }));
      const rate = targets.find((t: { measure: string }) => t.measure === 'rate');
      const [v1, v2, v3] = a.villages as [typeof a.villages[0], typeof a.villages[0], typeof a.villages[0]];
      const first = await json(ctx.call('PUT', `/api/targets/${rate.id}/assignments`, { token: a.office.token, body: { assignments: [{ unitId: v1.id, share: null }, { unitId: v2.id, share: 97 }] } }));
      expect(first.assignments).toHaveLength(2);
      const second = await json(ctx.call('PUT', `/api/targets/${rate.id}/assignments`, { token: a.office.token, body: { assignments: [{ unitId: v2.id, share: 98 }, { unitId: v3.id, share: null }] } }));
      const idOf = (list: { unitId: string; id: string }[], unit: string) => list.find((x) => x.unitId === unit)?.id;
      expect(idOf(second.assignments, v2.id)).toBe(idOf(first.assignments, v2.id));
      const stored = await ctx.db.kysely.selectFrom('assignments').select(['unit_id', 'share']).where('target_id', '=', rate.id).orderBy('unit_id').execute();
      expect(stored).toEqual([{ unit_id: v2.id, share: 98 }, { unit_id: v3.id, share: null }].sort((x, y) => (x.unit_id < y.unit_id ? -1 : 1)));
      // The removed village's phones hear of it (a change under that unit).
      const removed = idOf(first.assignments, v1.id)!;
      const log = await ctx.db.kysely.selectFrom('changes').select(['unit_id', 'entity']).where('entity_id', '=', removed).execute();
      expect(log).toEqual([{ unit_id: v1.id, entity: 'assignments' }, { unit_id: v1.id, entity: 'assignments' }]);
    });

    it('accepts only live reporting units of the same commune, each once', async () => {
      const t = a.targets.quantity.id;
      const cases: [unknown, number, Record<string, unknown>][] = [
        [[{ unitId: b.villages[0]!.id, share: 1 }], 404, { code: 'not_found', path: 'assignments.0.unitId' }],
        [[{ unitId: a.villages[2]!.id, share: 1 }, { unitId: a.officeUnit.id, share: 1 }], 400, { code: 'unit.not_reporting', path: 'assignments.1.unitId' }],
        [[{ unitId: a.villages[2]!.id, share: 1 }, { unitId: a.villages[2]!.id, share: 2 }], 400, { code: 'assignment.duplicate_unit', path: 'assignments.1.unitId' }],
        [[{ unitId: a.villages[2]!.id, share: -1 }], 400, { code: 'value.negative', path: 'assignments.0.share' }],
        [[{ unitId: a.villages[2]!.id }], 400, { code: 'value.required', path: 'assignments.0.share' }],
      ];
      const before = await ctx.db.kysely.selectFrom('assignments').select(['id', 'unit_id', 'share']).where('target_id', '=', t).orderBy('id').execute();
      for (const [assignments, status, body] of cases) {
        const res = await ctx.call('PUT', `/api/targets/${t}/assignments`, { token: a.office.token, body: { assignments } });
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(await res.json()).toMatchObject(body);
      }
      const after = await ctx.db.kysely.selectFrom('assignments').select(['id', 'unit_id', 'share']).where('target_id', '=', t).orderBy('id').execute();
      expect(after).toEqual(before);
      expect((await ctx.call('PUT', `/api/targets/${t}/assignments`, { token: b.office.token, body: { assignments: [] } })).status).toBe(404);
    });

    it('reaches the phones through sync: the assigned village hears of it and of its removal, the others not', async () => {
      const [v1, v2] = a.villageUsers as [typeof a.villageUsers[0], typeof a.villageUsers[0]];
      const syncAll = async (token: string, cursor = '') => {
        let body;
        const records: Record<string, { id: string; deleted?: boolean }[]> = {};
        do {
          body = await json(ctx.call('GET', `/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token }));
          for (const k of ['targets', 'assignments', 'periods', 'plans']) (records[k] ??= []).push(...body[k]);
          cursor = body.cursor;
        } while (body.more);
        return { cursor, records };
      };
      const start1 = (await syncAll(v1.token)).cursor;
      const start2 = (await syncAll(v2.token)).cursor;
      // On the live plan: a draft's records never reach a phone (plan-lifecycle.test.ts).
      const [created] = (await json(ctx.call('POST', `/api/plans/${a.plan.id}/targets`, { token: a.office.token, body: { targets: [target({ label: 'Chỉ tiêu mới cho thôn 1' })] } }))).targets;
      const { assignments } = await json(ctx.call('PUT', `/api/targets/${created.id}/assignments`, { token: a.office.token, body: { assignments: [{ unitId: a.villages[0]!.id, share: 5 }] } }));
      const seen1 = await syncAll(v1.token, start1);
      expect(seen1.records.targets!.map((t) => t.id)).toContain(created.id);
      expect(seen1.records.assignments).toEqual([expect.objectContaining({ id: assignments[0].id, unitId: a.villages[0]!.id, share: 5 })]);
      const seen2 = await syncAll(v2.token, start2);
      expect(seen2.records.assignments).toEqual([]);

      await ctx.call('PUT', `/api/targets/${created.id}/assignments`, { token: a.office.token, body: { assignments: [] } });
      const after = await syncAll(v1.token, seen1.cursor);
      expect(after.records.assignments).toEqual([{ id: assignments[0].id, deleted: true }]);
      await ctx.call('DELETE', `/api/targets/${created.id}`, { token: a.office.token });
      const gone = await syncAll(v1.token, after.cursor);
      expect(gone.records.targets).toEqual([{ id: created.id, deleted: true }]);
    });

    it('deleting a plan takes its targets and assignments along', async () => {
      expect((await ctx.call('DELETE', `/api/plans/${planId}`, { token: a.admin.token })).status).toBe(200);
      expect((await ctx.call('GET', `/api/plans/${planId}`, { token: a.admin.token })).status).toBe(404);
      expect(await count(ctx, 'assignments', planId)).toBe(0);
      const live = await ctx.db.kysely.selectFrom('targets').select('id').where('plan_id', '=', planId).where('deleted', '=', 0).execute();
      expect(live).toHaveLength(0);
    });
  });
});
