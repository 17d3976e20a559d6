/**
 * The office's side of household registers (issue 10), on SQLite and PostgreSQL: counts per
 * unit for a period (numbers only — the operator may read them, another commune may not), a
 * household's history with who/when and both sides of a dispute, the import's preview that
 * writes nothing and names each bad row's error in Vietnamese, confirming a dispute from the
 * office, a new checklist version that leaves the old ticks alone, and the audit trail of the
 * one file with names.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { createOperator, seedCommune, type Commune } from './support/fixtures';
import { uuidv7 } from '../../src/shared/ids';
import type { Household, HouseholdChangeResult } from '../../src/shared/schemas/registers';
import type { HouseholdHistoryEntry, RegisterCounts } from '../../src/shared/schemas/register-office';
import { loadDemo } from '../../src/server/demo/load';
import { DEMO_PASSWORDS } from '../../src/server/demo';
import { currentPeriod } from '../../src/server/demo/households';

const FIVE_NO = 'checklist-5k3s-2014';
const ITEMS = ['khong-doi-ngheo', 'khong-vi-pham-phap-luat', 'khong-bao-luc-gia-dinh', 'khong-sinh-con-thu-ba', 'khong-suy-dinh-duong-bo-hoc', 'sach-nha', 'sach-bep', 'sach-ngo'];
let clockAt = Date.parse('2025-06-01T01:00:00.000Z');
const typedAt = () => new Date((clockAt += 1000)).toISOString();

async function push(ctx: TestContext, token: string, changes: object[]): Promise<HouseholdChangeResult[]> {
  const res = await ctx.call('POST', '/api/households/changes', { token, body: { changes } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: HouseholdChangeResult[] }).results;
}
const create = (unitId: string, headName: string, extra: object = {}) => ({
  id: uuidv7(), householdId: uuidv7(), kind: 'create', baseRevision: 0, createdAt: typedAt(), value: { unitId, headName, hamlet: 'Xóm Đông', members: 4, ...extra },
});
/** Every item of 5 không 3 sạch ticked with `value` (one item `false` when `failOne`). */
const assess = (householdId: string, periodId: string, baseRevision: number, failOne = false) => ITEMS.map((itemId, i) => ({
  id: uuidv7(), householdId, kind: 'item', checklistId: FIVE_NO, periodId, itemId, value: !(failOne && i === 5), baseRevision: baseRevision + i, createdAt: typedAt(),
}));

forEachDatabase((ctx) => {
  let c: Commune;
  let periodId: string;
  beforeEach(async () => {
    c = await seedCommune(ctx.db);
    periodId = c.periods[0]!.id;
  });

  describe('counts per unit', () => {
    it('counts households, assessed and meeting per checklist for the period, with no names, for the office and the operator only', async () => {
      const village = c.villages[0]!.id;
      const [meets, fails, unassessed, moved] = [create(village, 'Hộ Đạt Nguyễn'), create(village, 'Hộ Không Đạt Trần'), create(village, 'Hộ Chưa Rà Lê'), create(village, 'Hộ Chuyển Đi Phạm')];
      await push(ctx, c.villageUsers[0]!.token, [meets, fails, unassessed, moved]);
      await push(ctx, c.villageUsers[0]!.token, [
        ...assess(meets.householdId, periodId, 1), ...assess(fails.householdId, periodId, 1, true),
        { id: uuidv7(), householdId: moved.householdId, kind: 'move', value: { reason: 'Chuyển vào Nam' }, baseRevision: 1, createdAt: typedAt() },
      ]);
      const res = await ctx.call('GET', `/api/periods/${periodId}/register-counts`, { token: c.office.token });
      expect(res.status).toBe(200);
      const text = await res.text();
      const counts = JSON.parse(text) as RegisterCounts;
      expect(counts.checklists.map((x) => x.id)).toEqual([FIVE_NO]);
      expect(counts.units.find((u) => u.unitId === village)).toEqual({ unitId: village, households: 3, conflicts: 0, checklists: [{ checklistId: FIVE_NO, assessed: 2, meeting: 1 }] });
      expect(counts.units.find((u) => u.unitId === c.association.id)).toMatchObject({ households: 0 });
      expect(text).not.toMatch(/Hộ (Đạt|Không|Chưa|Chuyển)/);

      const operator = await createOperator(ctx.db);
      const forOperator = await ctx.call('GET', `/api/periods/${periodId}/register-counts`, { token: operator.token });
      expect(forOperator.status).toBe(200);
      expect(await forOperator.text()).toBe(text);
      const other = await seedCommune(ctx.db);
      expect((await ctx.call('GET', `/api/periods/${periodId}/register-counts`, { token: other.office.token })).status).toBe(404);
      expect((await ctx.call('GET', `/api/periods/${periodId}/register-counts`, { token: c.villageUsers[0]!.token })).status).toBe(403);
    });
  });

  describe('history and disputes', () => {
    it('shows who changed what and when, both values of a dispute, and lets the office confirm one', async () => {
      const h = create(c.villages[0]!.id, 'Đinh Văn Hlung');
      await push(ctx, c.villageUsers[0]!.token, [h]);
      // Two people change the members from revision 1, without seeing each other's edit.
      const phone = { id: uuidv7(), householdId: h.householdId, kind: 'field', field: 'members', value: 5, baseRevision: 1, createdAt: typedAt() };
      const office = { id: uuidv7(), householdId: h.householdId, kind: 'field', field: 'members', value: 6, baseRevision: 1, createdAt: typedAt() };
      await push(ctx, c.villageUsers[0]!.token, [phone]);
      expect((await push(ctx, c.office.token, [office]))[0]).toMatchObject({ status: 'accepted', conflict: true });

      const history = (await (await ctx.call('GET', `/api/households/${h.householdId}/history`, { token: c.office.token })).json()) as { changes: HouseholdHistoryEntry[] };
      expect(history.changes.map((e) => [e.kind, e.key, e.value, e.applied, e.conflict])).toEqual([
        ['create', 'create', expect.objectContaining({ headName: 'Đinh Văn Hlung' }), true, false],
        ['field', 'field:members', 5, true, false],
        ['field', 'field:members', 6, true, true],
      ]);
      expect(history.changes[1]).toMatchObject({ by: expect.stringContaining('village'), at: phone.createdAt });
      expect((await ctx.call('GET', `/api/households/${h.householdId}/history`, { token: c.villageUsers[1]!.token })).status).toBe(404);

      const reg = async () => ((await (await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households`, { token: c.office.token })).json()) as { households: Household[] }).households[0]!;
      const disputed = await reg();
      expect(disputed.conflicts[0]!.values.map((v) => v.value)).toEqual([5, 6]);
      // The office picks the phone's value: a change with resolve: true.
      await push(ctx, c.office.token, [{ id: uuidv7(), householdId: h.householdId, kind: 'field', field: 'members', value: 5, baseRevision: disputed.revision, createdAt: typedAt(), resolve: true }]);
      expect(await reg()).toMatchObject({ members: 5, conflicts: [] });
      const counts = (await (await ctx.call('GET', `/api/periods/${periodId}/register-counts`, { token: c.office.token })).json()) as RegisterCounts;
      expect(counts.units.find((u) => u.unitId === c.villages[0]!.id)!.conflicts).toBe(0);
    });
  });

  describe('import', () => {
    const path = () => `/api/units/${c.villages[0]!.id}/households/import`;

    it('names each bad row\'s error with its path and Vietnamese message, writes nothing in a preview, and audits the confirmed import without names', async () => {
      const rows = [
        { headName: 'Phạm Thị Mai', hamlet: 'Xóm Tây', members: 3 },
        { headName: 'Lò Văn Páo', members: 250 },
        { hamlet: 'Xóm Tây' },
        { headName: 'Y Blao', members: 2.5 },
      ];
      const preview = await ctx.call('POST', path(), { token: c.office.token, body: { rows, dryRun: true } });
      expect(preview.status).toBe(200);
      const out = (await preview.json()) as { rows: { status: string; code?: string; path?: string; message?: string }[] };
      expect(out.rows.map((r) => [r.status, r.path])).toEqual([['new', undefined], ['invalid', 'rows.1.members'], ['invalid', 'rows.2.headName'], ['invalid', 'rows.3.members']]);
      expect(out.rows[2]!.code).toBe('value.required');
      for (const r of out.rows.slice(1)) expect(r.message).toMatch(/[ạảãáàâăêôơưđ]/i);
      const count = async () => Number((await ctx.db.kysely.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', c.villages[0]!.id).executeTakeFirstOrThrow()).n);
      expect(await count()).toBe(0);

      const done = (await (await ctx.call('POST', path(), { token: c.office.token, body: { rows, dryRun: false } })).json()) as { created: number };
      expect(done.created).toBe(1);
      expect(await count()).toBe(1);
      const audit = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'household.import').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity_id: c.villages[0]!.id });
      expect(JSON.stringify(audit)).not.toContain('Phạm Thị Mai');
    });

    it('refuses a malformed import as a whole with a 4xx, a code and a path', async () => {
      for (const [body, status, where] of [
        [{ rows: [], dryRun: true }, 400, 'rows'],
        [{ rows: Array.from({ length: 5001 }, () => ({ headName: 'A' })), dryRun: true }, 400, 'rows'],
        [{ rows: [{ headName: 'A' }] }, 400, 'dryRun'],
      ] as const) {
        const res = await ctx.call('POST', path(), { token: c.office.token, body });
        expect(res.status).toBe(status);
        expect(await res.json()).toMatchObject({ code: expect.stringMatching(/^value\./), path: where, message: expect.any(String) });
      }
    });

    it('audits every export of a register (the file with names), without the names', async () => {
      await push(ctx, c.villageUsers[0]!.token, [create(c.villages[0]!.id, 'Hộ Xuất Tệp')]);
      expect((await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households/export?format=csv`, { token: c.office.token })).status).toBe(200);
      const audit = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'household.export').execute();
      expect(audit.map((a) => [a.entity_id, a.actor_role])).toEqual([[c.villages[0]!.id, 'office']]);
      expect(JSON.stringify(audit)).not.toContain('Hộ Xuất Tệp');
    });
  });

  describe('checklist versions', () => {
    it('a commune version copied from the shipped one leaves the ticks made under the old version as they were', async () => {
      const h = create(c.villages[0]!.id, 'Hộ Tiêu Chí');
      await push(ctx, c.villageUsers[0]!.token, [h, ...assess(h.householdId, periodId, 1)]);
      const list = (await (await ctx.call('GET', '/api/checklists', { token: c.office.token })).json()) as { checklists: { id: string; code: string; version: string; items: { code: string; label: string }[] }[] };
      const old = list.checklists.find((x) => x.id === FIVE_NO)!;
      const { id: _id, ...copy } = old as Record<string, unknown> & typeof old;
      const res = await ctx.call('POST', '/api/checklists', { token: c.office.token, body: {
        ...copy, communeId: undefined, version: '2026-xa', validFrom: '2026-01-01', items: [...old.items.slice(0, 7), { code: 'vuon-sach', label: 'Vườn sạch' }],
      } });
      expect(res.status).toBe(201);
      const reg = (await (await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households`, { token: c.office.token })).json()) as { assessments: { checklistId: string; checklistVersion: string; items: Record<string, boolean | null> }[] };
      expect(reg.assessments).toHaveLength(1);
      expect(reg.assessments[0]).toMatchObject({ checklistId: FIVE_NO, checklistVersion: '2014' });
      expect(Object.keys(reg.assessments[0]!.items).sort()).toEqual([...ITEMS].sort());
      expect(Object.values(reg.assessments[0]!.items).every((v) => v === true)).toBe(true);
    });
  });

  describe('demo', () => {
  it('the demo commune has registers for two villages and the Women\'s Union, assessed, with a move, a merge and one open dispute; loading again adds nothing', async () => {
    const now = new Date();
    const { demo } = await loadDemo(ctx.db, now);
    await loadDemo(ctx.db, now);
    const login = await ctx.call('POST', '/api/auth/login', { body: { username: 'vanphong', password: DEMO_PASSWORDS.vanphong } });
    const { token } = (await login.json()) as { token: string };
    const period = currentPeriod(demo.periods, now);
    const counts = (await (await ctx.call('GET', `/api/periods/${period.id}/register-counts`, { token })).json()) as RegisterCounts;
    const withHouseholds = counts.units.filter((u) => u.households > 0);
    const name = (id: string) => demo.units.find((u) => u.id === id)!.name;
    expect(withHouseholds.map((u) => name(u.unitId)).sort()).toEqual(['Hội Liên hiệp Phụ nữ xã', 'Làng Kon Sơ Lăl', 'Thôn Tân Lập']);
    const union = withHouseholds.find((u) => name(u.unitId) === 'Hội Liên hiệp Phụ nữ xã')!;
    expect(union.households).toBe(32);
    for (const u of withHouseholds) {
      const [five] = u.checklists;
      // The version that governs the demo's current period (checklistForPeriod): the 2025 list.
      expect(five!.checklistId).toBe('checklist-5k3s-2025');
      // Most meet, some do not, some are not assessed yet.
      expect(five!.meeting).toBeGreaterThan(u.households / 2);
      expect(five!.assessed).toBeGreaterThan(five!.meeting);
      expect(five!.assessed).toBeLessThan(u.households);
    }
    expect(withHouseholds.reduce((n, u) => n + u.conflicts, 0)).toBe(1);
    const village = withHouseholds.find((u) => name(u.unitId) === 'Thôn Tân Lập')!;
    const reg = (await (await ctx.call('GET', `/api/units/${village.unitId}/households`, { token })).json()) as { households: Household[] };
    expect(reg.households.filter((h) => h.status === 'moved')).toHaveLength(1);
    expect(reg.households.length).toBeGreaterThanOrEqual(40);
    expect(reg.households.length).toBeLessThanOrEqual(70);
    const disputed = reg.households.find((h) => h.conflicts.length > 0)!;
    expect(disputed.conflicts[0]!.values.map((v) => v.by).sort()).toEqual(['Nguyễn Thị Hoa', 'Nguyễn Văn Tâm']);
    const kon = withHouseholds.find((u) => name(u.unitId) === 'Làng Kon Sơ Lăl')!;
    const konReg = (await (await ctx.call('GET', `/api/units/${kon.unitId}/households`, { token })).json()) as { households: Household[] };
    expect(konReg.households.filter((h) => h.status === 'merged')).toHaveLength(1);
  });
  });
});
