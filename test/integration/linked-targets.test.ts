/**
 * Linked targets (issue 10) through the API, on SQLite and PostgreSQL: a target linked to a
 * household register or an NTM criteria set is refused when the link names nothing or does not
 * fit its measure, keeps its link through edits and reaches phones with it; a report that types
 * over the register's proposal needs a note; the progress answer carries each unit's register
 * counts (the checklist version in force for the period), counts only, for the office and the
 * operator alike.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { createOperator, insertHousehold, newHousehold, seedCommune, type Commune } from './support/fixtures';
import { makeReport, type BatchResult } from './support/reports';
import { syncAll } from './support/sync';
import { uuidv7 } from '../../src/shared/ids';
import { inTransaction } from '../../src/server/db/handle';
import type { Target } from '../../src/shared/schemas/targets';
import type { PlanProgress } from '../../src/shared/schemas/progress';
import type { StoredReport } from '../../src/shared/schemas/reports';

const FIVE_NO_2014 = { id: 'checklist-5k3s-2014', version: '2014', items: ['khong-doi-ngheo', 'khong-vi-pham-phap-luat', 'khong-bao-luc-gia-dinh', 'khong-sinh-con-thu-ba', 'khong-suy-dinh-duong-bo-hoc', 'sach-nha', 'sach-bep', 'sach-ngo'] };
const FIVE_NO_2025 = { id: 'checklist-5k3s-2025', version: '2025', items: FIVE_NO_2014.items.filter((i) => i !== 'khong-sinh-con-thu-ba') };

async function json<T = Record<string, unknown>>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

async function tick(ctx: TestContext, c: Commune, householdId: string, unitId: string, set: typeof FIVE_NO_2014, periodId: string, items: Record<string, boolean | null>) {
  await inTransaction(ctx.db, async (tx) => {
    await tx.kysely.insertInto('assessments').values({
      id: uuidv7(), household_id: householdId, unit_id: unitId, commune_id: c.communeId, checklist_id: set.id, checklist_version: set.version,
      period_id: periodId, items_json: JSON.stringify(items), by_name: 'Chi hội trưởng', at: '2025-06-01T00:00:00.000Z',
    }).execute();
  });
}
const allHold = (set: typeof FIVE_NO_2014) => Object.fromEntries(set.items.map((i) => [i, true]));

forEachDatabase((ctx) => {
  let c: Commune;
  beforeEach(async () => {
    c = await seedCommune(ctx.db);
  });

  const newTarget = (over: Record<string, unknown>) => ({
    parentId: null, area: 'society', label: 'Hộ đạt 5 không 3 sạch', unit: 'hộ', comparator: 'atLeast', value: 32, valueMax: null, outOf: null,
    measure: 'quantity', ...over,
  });
  const create = (over: Record<string, unknown>) => ctx.call('POST', `/api/plans/${c.plan.id}/targets`, { token: c.office.token, body: { targets: [newTarget(over)] } });

  describe('the link is checked on every write', () => {
    it.each([
      ['an unknown checklist', { link: { kind: 'register', checklistCode: 'khong-co' } }, 'link.unknown_checklist', 'targets.0.link.checklistCode'],
      ['an item the checklist lacks', { link: { kind: 'register', checklistCode: '5k3s', itemCode: 'nha-ve-sinh' } }, 'link.unknown_item', 'targets.0.link.itemCode'],
      ['a register on head of cattle', { unit: 'con', link: { kind: 'register', checklistCode: '5k3s' } }, 'link.register_measure', 'targets.0.link'],
      ['a register on a status', { measure: 'status', comparator: 'done', value: null, link: { kind: 'register', checklistCode: '5k3s' } }, 'link.register_measure', 'targets.0.link'],
      ['criteria on a quantity', { link: { kind: 'criteria', criteriaSetCode: 'ntm-xa-2021-2025' } }, 'link.criteria_measure', 'targets.0.link'],
      ['an unknown criteria set', { unit: 'tiêu chí', measure: 'xOfY', value: 13, outOf: 19, link: { kind: 'criteria', criteriaSetCode: 'ntm-khong-co' } }, 'link.unknown_criteria_set', 'targets.0.link.criteriaSetCode'],
      ['a link of no known kind', { link: { kind: 'ke-hoach', code: 'x' } }, 'value.invalid', 'targets.0.link.kind'],
    ])('refuses %s', async (_what, over, code, path) => {
      const body = await json<{ code: string; path: string; message: string }>(create(over), 400);
      expect(body).toMatchObject({ code, path });
      expect(body.message).toMatch(/[ạảãáàâăêôơưđ]/); // a Vietnamese sentence, not a code
    });

    it('keeps a register link (with one item) and a criteria link through create, edit and removal, and sends them to phones', async () => {
      const made = await json<{ targets: Target[] }>(create({ label: 'Hộ có nhà vệ sinh hợp vệ sinh', link: { kind: 'register', checklistCode: 'ntm-ho', itemCode: 'nha-ve-sinh' } }), 201);
      expect(made.targets[0]!.link).toEqual({ kind: 'register', checklistCode: 'ntm-ho', itemCode: 'nha-ve-sinh' });
      const rate = await json<{ targets: Target[] }>(create({ label: 'Tỷ lệ hộ đạt 5 không 3 sạch', unit: '%', measure: 'rate', value: 80, link: { kind: 'register', checklistCode: '5k3s' } }), 201);
      expect(rate.targets[0]!.link).toEqual({ kind: 'register', checklistCode: '5k3s' });
      const ntm = await json<{ targets: Target[] }>(create({ label: 'Xã đạt tiêu chí NTM', unit: 'tiêu chí', measure: 'xOfY', value: 13, outOf: 19, link: { kind: 'criteria', criteriaSetCode: 'ntm-xa-2021-2025' } }), 201);
      expect(ntm.targets[0]!.link).toEqual({ kind: 'criteria', criteriaSetCode: 'ntm-xa-2021-2025' });

      // The association's seeded target (32 hộ) gets linked by an edit; the phone of the association sees the link.
      const id = c.targets.associationOnly.id;
      const linked = await json<Target>(ctx.call('PATCH', `/api/targets/${id}`, { token: c.office.token, body: { link: { kind: 'register', checklistCode: '5k3s' } } }));
      expect(linked.link).toEqual({ kind: 'register', checklistCode: '5k3s' });
      const listed = await json<{ targets: Target[] }>(ctx.call('GET', `/api/plans/${c.plan.id}/targets`, { token: c.office.token }));
      expect(listed.targets.find((t) => t.id === id)!.link).toEqual({ kind: 'register', checklistCode: '5k3s' });
      const synced = (await syncAll(ctx, c.associationUser.token)).pages.flatMap((p) => p.targets) as Target[];
      expect(synced.find((t) => t.id === id)?.link).toEqual({ kind: 'register', checklistCode: '5k3s' });

      // Under a link, the measure must keep fitting: counting in "con" is refused, the link stays.
      const misfit = await json(ctx.call('PATCH', `/api/targets/${id}`, { token: c.office.token, body: { unit: 'con' } }), 400);
      expect(misfit).toMatchObject({ code: 'link.register_measure', path: 'link' });
      const badItem = await json(ctx.call('PATCH', `/api/targets/${id}`, { token: c.office.token, body: { link: { kind: 'register', checklistCode: '5k3s', itemCode: 'bhyt' } } }), 400);
      expect(badItem).toMatchObject({ code: 'link.unknown_item', path: 'link.itemCode' });

      const removed = await json<Target>(ctx.call('PATCH', `/api/targets/${id}`, { token: c.office.token, body: { link: null } }));
      expect(removed.link).toBeNull();
      const again = (await syncAll(ctx, c.associationUser.token)).pages.flatMap((p) => p.targets) as Target[];
      expect(again.find((t) => t.id === id)?.link).toBeNull();
    });

    it('accepts a checklist the commune added itself', async () => {
      await json(ctx.call('POST', '/api/checklists', { token: c.office.token, body: {
        code: 'ho-sach-dep', version: '2025', name: 'Hộ sạch đẹp', source: 'Kế hoạch của xã', validFrom: '2025-01-01', validTo: null,
        items: [{ code: 'vuon-sach', label: 'Vườn sạch' }],
      } }), 201);
      const made = await json<{ targets: Target[] }>(create({ label: 'Hộ sạch đẹp', link: { kind: 'register', checklistCode: 'ho-sach-dep', itemCode: 'vuon-sach' } }), 201);
      expect(made.targets[0]!.link).toMatchObject({ checklistCode: 'ho-sach-dep' });
    });
  });

  it('describes the link, the register proposal and the register counts in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>(ctx.call('GET', '/api/openapi.json'));
    // Shared schemas are components referenced by $ref: follow them (a few levels deep is enough).
    const inline = (node: unknown, depth = 0): unknown => {
      if (Array.isArray(node)) return node.map((n) => inline(n, depth));
      if (!node || typeof node !== 'object') return node;
      const ref = (node as { $ref?: string }).$ref;
      if (ref && depth < 6) return inline(doc.components.schemas[ref.replace('#/components/schemas/', '')], depth + 1);
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, depth)]));
    };
    const text = (path: string, method: string) => JSON.stringify(inline(doc.paths[path]?.[method] ?? null));
    for (const [path, method] of [['/api/plans/{planId}/targets', 'post'], ['/api/targets/{id}', 'patch'], ['/api/plans/{planId}/targets', 'get'], ['/api/sync', 'get']] as const) {
      expect(text(path, method), `${method} ${path}`).toContain('checklistCode');
      expect(text(path, method), `${method} ${path}`).toContain('criteriaSetCode');
    }
    const progress = text('/api/plans/{planId}/progress', 'get');
    expect(progress).toContain('"register":');
    expect(progress).toContain('"assessed"'); // only the register counts carry it
    expect(text('/api/sync', 'get')).toMatch(/"register":\{"type":"object","properties":\{"meeting"/); // reports' values carry the proposal
  });

  describe('a figure typed over the register', () => {
    beforeEach(async () => {
      await json(ctx.call('PATCH', `/api/targets/${c.targets.associationOnly.id}`, { token: c.office.token, body: { link: { kind: 'register', checklistCode: '5k3s' } } }));
    });
    const push = async (value: number, note: string | null) => {
      const report = makeReport(c, {
        unitId: c.association.id, note,
        values: [{ targetId: c.targets.associationOnly.id, value, register: { meeting: 28, total: 32 } }],
      });
      const res = await json<{ results: BatchResult[] }>(ctx.call('POST', '/api/reports', { token: c.associationUser.token, body: { reports: [report] } }));
      return { report, result: res.results[0]! };
    };

    it('is refused without a note, with the code, the path and a Vietnamese message', async () => {
      const { result } = await push(30, null);
      expect(result).toMatchObject({ status: 'rejected', code: 'report.override_needs_note', path: 'note' });
      expect(result.message).toContain('sổ hộ');
      expect((await push(30, '   ')).result.code).toBe('report.override_needs_note');
    });

    it('is accepted with a note, and the register\'s proposal is kept with the value for the reviewer', async () => {
      const { report, result } = await push(30, '2 hộ mới chuyển đến chưa vào sổ');
      expect(result.status).toBe('accepted');
      const stored = (await syncAll(ctx, c.associationUser.token)).pages.flatMap((p) => p.reports).find((r) => r.id === report.id) as StoredReport;
      expect(stored.values[0]).toEqual({ targetId: c.targets.associationOnly.id, value: 30, register: { meeting: 28, total: 32 } });
      expect(stored.note).toBe('2 hộ mới chuyển đến chưa vào sổ');
    });

    it('needs no note when the register\'s figure is used as it is', async () => {
      expect((await push(28, null)).result.status).toBe('accepted');
    });
  });

  describe('progress shows the register beside a linked target', () => {
    it('counts the households of each unit under the version in force for the period, for the office and, without names, the operator', async () => {
      await json(ctx.call('PATCH', `/api/targets/${c.targets.associationOnly.id}`, { token: c.office.token, body: { link: { kind: 'register', checklistCode: '5k3s' } } }));
      const unitId = c.association.id;
      const hs = [newHousehold(unitId, 'Lê Thị Hoa'), newHousehold(unitId, 'Trần Văn Nam'), newHousehold(unitId, 'Phạm Thị Lan'),
        newHousehold(unitId, 'Đỗ Văn Chuyển', { status: 'moved', statusReason: 'Chuyển vào Nam' })];
      for (const h of hs) await insertHousehold(ctx.db, c.communeId, h);
      const [h1, h2] = c.periods;
      // First half of 2025: the 2014 list governs (the 2025 one came into force on 03/06/2025).
      await tick(ctx, c, hs[0]!.id, unitId, FIVE_NO_2014, h1!.id, allHold(FIVE_NO_2014));
      await tick(ctx, c, hs[1]!.id, unitId, FIVE_NO_2014, h1!.id, { ...allHold(FIVE_NO_2014), 'sach-ngo': false });
      await tick(ctx, c, hs[2]!.id, unitId, FIVE_NO_2014, h1!.id, { ...allHold(FIVE_NO_2014), 'sach-bep': null });
      await tick(ctx, c, hs[3]!.id, unitId, FIVE_NO_2014, h1!.id, allHold(FIVE_NO_2014)); // moved away: not in the register
      // Second half: the 2025 list governs; ticks under 2014 there do not count.
      await tick(ctx, c, hs[0]!.id, unitId, FIVE_NO_2025, h2!.id, allHold(FIVE_NO_2025));
      await tick(ctx, c, hs[1]!.id, unitId, FIVE_NO_2025, h2!.id, allHold(FIVE_NO_2025));
      await tick(ctx, c, hs[2]!.id, unitId, FIVE_NO_2014, h2!.id, allHold(FIVE_NO_2014));

      const report = makeReport(c, { unitId, note: null, values: [{ targetId: c.targets.associationOnly.id, value: 1, register: { meeting: 1, total: 3 } }] });
      await json(ctx.call('POST', '/api/reports', { token: c.associationUser.token, body: { reports: [report] } }));

      const progress = (token: string, periodId: string) =>
        json<PlanProgress>(ctx.call('GET', `/api/plans/${c.plan.id}/progress?periodId=${periodId}&basis=submitted`, { token }));
      const entry = (p: PlanProgress) => p.targets.find((t) => t.targetId === c.targets.associationOnly.id)!;

      const first = entry(await progress(c.office.token, h1!.id));
      expect(first.link).toEqual({ kind: 'register', checklistCode: '5k3s' });
      expect(first.units).toHaveLength(1);
      expect(first.units[0]).toMatchObject({ unitId, achieved: 1, register: { total: 3, assessed: 2, meeting: 1 } });
      const second = entry(await progress(c.office.token, h2!.id));
      expect(second.units[0]!.register).toEqual({ total: 3, assessed: 2, meeting: 2 });

      const operator = await createOperator(ctx.db);
      const res = await ctx.call('GET', `/api/plans/${c.plan.id}/progress?periodId=${h1!.id}`, { token: operator.token });
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const name of ['Lê Thị Hoa', 'Trần Văn Nam', 'Xóm 1', 'headName']) expect(text).not.toContain(name);
      expect(entry(JSON.parse(text) as PlanProgress).units[0]!.register).toEqual({ total: 3, assessed: 2, meeting: 1 });

      // Targets that follow no register carry no register counts.
      expect(entry(await progress(c.office.token, h1!.id)) && (await progress(c.office.token, h1!.id)).targets
        .filter((t) => t.targetId !== c.targets.associationOnly.id).every((t) => t.units.every((u) => u.register === undefined))).toBe(true);
    });
  });
});
