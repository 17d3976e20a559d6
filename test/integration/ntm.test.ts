/**
 * The NTM tracker through the API, on SQLite and PostgreSQL: the office picks a set (and a
 * commune group for the 2026–2030 set), records indicators and sees "đạt x/y tiêu chí" follow;
 * household-share indicators take their figure from the registers; every recording is kept;
 * bad input gets its code and field; other communes, other villages and the operator see only
 * what they may; `criteriaMetCount` (the plan target seam) agrees with the tracker.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { createOperator, insertHousehold, newHousehold, seedCommune, type Commune, type TestUser } from './support/fixtures';
import { inTransaction } from '../../src/server/db/handle';
import { syncAll } from './support/sync';
import type { NtmStateRecord, NtmTrackerRecord } from '../../src/shared/schemas/ntm';
import { criteriaMetCount } from '../../src/server/ntm/tracker';
import { uuidv7 } from '../../src/shared/ids';
import type { TrackerView } from '../../src/shared/schemas/ntm';

const SET_2021 = 'criteria-ntm-xa-2021-2025';
const SET_2026 = 'criteria-ntm-xa-2026-2030';
const NTM_HO = 'checklist-ntm-ho-2022';

async function choose(ctx: TestContext, token: string, criteriaSetId: string, group: number | null) {
  return ctx.call('PUT', '/api/ntm/tracker-choice', { token, body: { criteriaSetId, group } });
}
async function record(ctx: TestContext, token: string, code: string, body: Record<string, unknown>) {
  return ctx.call('PUT', `/api/ntm/indicators/${code}`, { token, body: { level: 'commune', state: 'met', figure: null, note: '', ...body } });
}
async function tracker(ctx: TestContext, token: string, query = ''): Promise<TrackerView | null> {
  const res = await ctx.call('GET', `/api/ntm/tracker${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { tracker: TrackerView | null }).tracker;
}
/** The name seedCommune's users carry (support/fixtures.ts createUser). */
const nameOf = (u: TestUser) => `Người dùng ${u.username}`;
const indicator = (t: TrackerView, code: string) => t.criteria.flatMap((c) => c.indicators).find((i) => i.code === code)!;

/** Households of one village with clean water ticked for `withWater` of them (ntm-ho checklist). */
async function registerWithWater(ctx: TestContext, c: Commune, villageIndex: number, total: number, withWater: number) {
  const village = c.villages[villageIndex]!;
  for (let i = 0; i < total; i++) {
    const h = newHousehold(village.id, `Hộ thử ${i}`);
    await insertHousehold(ctx.db, c.communeId, h);
    await inTransaction(ctx.db, (tx) => tx.kysely.insertInto('assessments').values({
      id: uuidv7(), household_id: h.id, unit_id: village.id, commune_id: c.communeId, checklist_id: NTM_HO, checklist_version: '2022',
      period_id: c.periods[0]!.id, items_json: JSON.stringify({ 'nuoc-sach': i < withWater, bhyt: true, 'nha-ve-sinh': true }), by_name: 'Trưởng thôn', at: '2025-05-01T00:00:00.000Z',
    }).execute());
  }
}

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  let operator: TestUser;

  beforeEach(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
    other = await seedCommune(ctx.db, { villages: 1 });
    operator = await createOperator(ctx.db);
  });

  describe('đạt x/y tiêu chí', () => {
    it('2021–2025: from nothing to "đạt 13/19" as the office records indicators', async () => {
      expect(await tracker(ctx, c.office.token)).toBeNull(); // nothing chosen yet: the screen offers the choice
      expect((await choose(ctx, c.office.token, SET_2021, null)).status).toBe(200);
      const start = (await tracker(ctx, c.office.token))!;
      expect([start.met, start.total]).toEqual([0, 19]);
      expect(start.set.source).toContain('318/QĐ-TTg');

      // Criteria 1..13 get every indicator met; 14..19 all but their last.
      let last: TrackerView | null = null;
      for (const criterion of start.criteria) {
        const inds = criterion.indicators;
        for (const [k, i] of inds.entries()) {
          const met = Number(criterion.code) <= 13 || k < inds.length - 1;
          const res = await record(ctx, c.office.token, i.code, { state: met ? 'met' : 'notMet', note: `Minh chứng ${i.code}` });
          expect(res.status).toBe(200);
          last = ((await res.json()) as { tracker: TrackerView }).tracker;
        }
      }
      expect([last!.met, last!.total]).toEqual([13, 19]);
      const i21 = indicator(last!, '2.1');
      expect(i21.recorded).toMatchObject({ state: 'met', note: 'Minh chứng 2.1', by: nameOf(c.office) });
      expect(await criteriaMetCount(ctx.db, c.communeId, null, 'ntm-xa-2021-2025')).toEqual({ met: 13, total: 19 });

      // One indicator turned back to not met: one criterion less.
      await record(ctx, c.office.token, '1.1', { state: 'notMet', note: 'Quy hoạch hết hạn' });
      expect((await tracker(ctx, c.office.token))!.met).toBe(12);
      expect(await criteriaMetCount(ctx.db, c.communeId, null, 'ntm-xa-2021-2025')).toEqual({ met: 12, total: 19 });
    });

    it('2026–2030: needs a commune group, and counts x/10', async () => {
      const noGroup = await choose(ctx, c.office.token, SET_2026, null);
      expect(noGroup.status).toBe(400);
      expect(await noGroup.json()).toMatchObject({ code: 'ntm.group_required', path: 'group' });
      expect((await choose(ctx, c.office.token, SET_2026, 2)).status).toBe(200);
      const t = (await tracker(ctx, c.office.token))!;
      expect([t.met, t.total, t.choice.group]).toEqual([0, 10, 2]);
      for (const i of t.criteria[0]!.indicators) await record(ctx, c.office.token, i.code, {});
      for (const i of t.criteria[3]!.indicators) await record(ctx, c.office.token, i.code, {});
      expect((await tracker(ctx, c.office.token))!.met).toBe(2);
      expect(await criteriaMetCount(ctx.db, c.communeId, null, 'ntm-xa-2026-2030')).toEqual({ met: 2, total: 10 });
      // Unconfirmed indicators say so.
      expect(t.criteria.flatMap((x) => x.indicators).every((i) => i.confirmed === false)).toBe(true);
    });

    it('an unknown set code counts nothing (the target shows no progress rather than a wrong one)', async () => {
      expect(await criteriaMetCount(ctx.db, c.communeId, null, 'khong-co')).toEqual({ met: 0, total: 0 });
    });
  });

  describe('household-share indicators', () => {
    it('take their figure from the registers of the commune\'s villages, against the threshold', async () => {
      await choose(ctx, c.office.token, SET_2021, null);
      await registerWithWater(ctx, c, 0, 6, 6);
      await registerWithWater(ctx, c, 1, 4, 2); // 8/10 = 80% < 90%
      await record(ctx, c.office.token, '17.1', { state: 'met', note: 'Theo báo cáo của trạm cấp nước' });
      let water = indicator((await tracker(ctx, c.office.token))!, '17.1');
      expect(water.share).toEqual({ meeting: 8, total: 10, share: 0.8 });
      expect(water).toMatchObject({ verdict: 'notMet', computed: true });
      expect(water.recorded?.state).toBe('met'); // what was recorded is kept, the register decides

      await registerWithWater(ctx, c, 1, 10, 10); // 18/20 = 90%
      water = indicator((await tracker(ctx, c.office.token))!, '17.1');
      expect(water.share).toEqual({ meeting: 18, total: 20, share: 0.9 });
      expect(water.verdict).toBe('met');
      // Another commune's register does not count here.
      await registerWithWater(ctx, other, 0, 5, 0);
      expect(indicator((await tracker(ctx, c.office.token))!, '17.1').share?.total).toBe(20);
    });
  });

  describe('history', () => {
    it('keeps every recording (latest in force) and audits it', async () => {
      await choose(ctx, c.office.token, SET_2021, null);
      await record(ctx, c.office.token, '4.1', { state: 'notMet', figure: 80, note: 'Còn 2 trạm biến áp quá tải' });
      await ctx.clock.advance(60_000);
      await record(ctx, c.admin.token, '4.1', { state: 'met', figure: 100, note: 'Đã thay trạm biến áp' });
      const rows = await ctx.db.kysely.selectFrom('ntm_indicator_states').selectAll().where('commune_id', '=', c.communeId).where('indicator_code', '=', '4.1').orderBy('at').execute();
      expect(rows.map((r) => [r.state, Number(r.figure), r.by_name])).toEqual([['notMet', 80, nameOf(c.office)], ['met', 100, nameOf(c.admin)]]);
      const i = indicator((await tracker(ctx, c.office.token))!, '4.1');
      expect(i).toMatchObject({ changes: 2, recorded: { state: 'met', figure: 100, note: 'Đã thay trạm biến áp', by: nameOf(c.admin) } });
      const audit = await ctx.db.kysely.selectFrom('audit_log').select('action').where('commune_id', '=', c.communeId).where('action', '=', 'ntm.indicator.record').execute();
      expect(audit).toHaveLength(2);
    });
  });

  describe('bad input', () => {
    it.each<[string, () => Promise<Response>, number, string, string | undefined]>([
      ['unknown set', () => choose(ctx, c.office.token, 'khong-co', null), 400, 'ntm.unknown_set', 'criteriaSetId'],
      ['group on an ungrouped set', () => choose(ctx, c.office.token, SET_2021, 1), 400, 'ntm.group_not_used', 'group'],
      ['group 4', () => choose(ctx, c.office.token, SET_2026, 4), 400, 'value.invalid', 'group'],
      ['recording before a set is chosen', () => record(ctx, c.office.token, '1.1', {}), 409, 'ntm.no_tracker', 'level'],
    ])('%s', async (_name, send, status, code, path) => {
      const res = await send();
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.code).toBe(code);
      expect(body.path).toBe(path);
      expect(body.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    });

    it('after choosing: unknown indicator, bad state, a note too long, a village set without a village', async () => {
      await choose(ctx, c.office.token, SET_2021, null);
      const cases: [Response, number, string, string][] = [
        [await record(ctx, c.office.token, '99.9', {}), 400, 'ntm.unknown_indicator', 'code'],
        [await record(ctx, c.office.token, '1.1', { state: 'dat' }), 400, 'value.', 'state'],
        [await record(ctx, c.office.token, '1.1', { note: 'x'.repeat(1001) }), 400, 'value.', 'note'],
        [await record(ctx, c.office.token, '1.1', { level: 'village' }), 409, 'ntm.no_tracker', 'level'],
        [await ctx.call('POST', '/api/ntm/criteria-sets', { token: c.office.token, body: { ...villageSet('a'), level: 'commune' } }), 400, 'value.', 'level'],
        [await ctx.call('POST', '/api/ntm/criteria-sets', { token: c.office.token, body: villageSet('b', true) }), 400, 'ntm.duplicate_code', 'criteria.0.indicators.1.code'],
      ];
      for (const [res, status, code, path] of cases) {
        const body = await res.json();
        expect([res.status, body.path], JSON.stringify(body)).toEqual([status, path]);
        expect(String(body.code).startsWith(code), JSON.stringify(body)).toBe(true);
      }
    });
  });

  describe('village-level sets', () => {
    it('the office adds one, records per village; the village head reads only their own village', async () => {
      const created = await ctx.call('POST', '/api/ntm/criteria-sets', { token: c.office.token, body: villageSet('2025') });
      expect(created.status).toBe(201);
      const set = (await created.json()) as { id: string; confirmed: boolean };
      expect(set.confirmed).toBe(false);
      const again = await ctx.call('POST', '/api/ntm/criteria-sets', { token: c.office.token, body: villageSet('2025') });
      expect([again.status, (await again.json()).code]).toEqual([409, 'ntm.set_exists']);
      // Another commune cannot follow this commune's own set.
      expect((await (await choose(ctx, other.office.token, set.id, null)).json()).code).toBe('ntm.unknown_set');
      expect((await choose(ctx, c.office.token, set.id, null)).status).toBe(200);

      const [v0, v1] = c.villages as [Commune['villages'][0], Commune['villages'][0]];
      const noVillage = await record(ctx, c.office.token, '1.1', { level: 'village' });
      expect((await noVillage.json())).toMatchObject({ code: 'ntm.village_required', path: 'unitId' });
      const foreign = await record(ctx, c.office.token, '1.1', { level: 'village', unitId: other.villages[0]!.id });
      expect(foreign.status).toBe(404);
      for (const code of ['1.1', '1.2', '2.1']) expect((await record(ctx, c.office.token, code, { level: 'village', unitId: v0.id })).status).toBe(200);

      const office = (await tracker(ctx, c.office.token, `?level=village&unitId=${v0.id}`))!;
      expect([office.met, office.total, office.unit.id]).toEqual([2, 2, v0.id]);
      expect(office.villages.map((v) => [v.id, v.met])).toEqual(expect.arrayContaining([[v0.id, 2], [v1.id, 0]]));

      const head = (await tracker(ctx, c.villageUsers[0]!.token, '?level=village'))!;
      expect([head.met, head.total, head.unit.id, head.villages]).toEqual([2, 2, v0.id, []]);
      expect(indicator(head, '1.1').recorded?.state).toBe('met');
      expect((await ctx.call('GET', `/api/ntm/tracker?level=village&unitId=${v1.id}`, { token: c.villageUsers[0]!.token })).status).toBe(404);
      expect((await ctx.call('GET', '/api/ntm/tracker?level=commune', { token: c.villageUsers[0]!.token })).status).toBe(403);
      expect(await criteriaMetCount(ctx.db, c.communeId, v0.id, 'lang-ntm-thu')).toEqual({ met: 2, total: 2 });
      expect(await criteriaMetCount(ctx.db, c.communeId, v1.id, 'lang-ntm-thu')).toEqual({ met: 0, total: 2 });
    });
  });

  describe('sync to phones', () => {
    it('a village head gets the village-level set and their own village\'s states only; the operator no states', async () => {
      const created = (await (await ctx.call('POST', '/api/ntm/criteria-sets', { token: c.office.token, body: villageSet(`s-${uuidv7().slice(-6)}`) })).json()) as { id: string };
      await choose(ctx, c.office.token, created.id, null);
      await choose(ctx, c.office.token, SET_2021, null);
      await record(ctx, c.office.token, '1.1', { note: 'Ghi của xã' });
      await record(ctx, c.office.token, '1.1', { level: 'village', unitId: c.villages[0]!.id, note: 'Thôn một' });
      await record(ctx, c.office.token, '1.2', { level: 'village', unitId: c.villages[1]!.id, note: 'Thôn hai' });

      const { pages } = await syncAll(ctx, c.villageUsers[0]!.token);
      const trackers = pages.flatMap((p) => p.ntm_trackers) as NtmTrackerRecord[];
      expect(trackers.map((t) => t.level).sort()).toEqual(['commune', 'village']);
      expect(trackers.find((t) => t.level === 'village')!.set.criteria.map((x) => x.code)).toEqual(['1', '2']);
      expect(trackers.find((t) => t.level === 'commune')!.checklists.map((x) => x.code)).toEqual(['ntm-ho']); // household shares counted on the phone
      const states = pages.flatMap((p) => p.ntm_indicator_states) as NtmStateRecord[];
      expect(states.map((x) => [x.unitId, x.note])).toEqual([[c.villages[0]!.id, 'Thôn một']]);

      const office = (await syncAll(ctx, c.office.token)).pages.flatMap((p) => p.ntm_indicator_states);
      expect(office).toHaveLength(3);
      const op = await syncAll(ctx, operator.token);
      expect(op.pages.flatMap((p) => p.ntm_indicator_states)).toEqual([]);
      expect(JSON.stringify(op.pages)).not.toContain('Thôn một');
    });
  });

  describe('scope', () => {
    it('another commune\'s office reads its own (empty) tracker; the operator reads counts without notes or names', async () => {
      await choose(ctx, c.office.token, SET_2021, null);
      await record(ctx, c.office.token, '5', { note: 'Hộ ông Nguyễn Văn Riêng hiến đất' });
      expect(await tracker(ctx, other.office.token, `?communeId=${c.communeId}`)).toBeNull();
      expect((await record(ctx, other.office.token, '5', {})).status).toBe(409); // its own commune chose nothing

      const res = await ctx.call('GET', `/api/ntm/tracker?communeId=${c.communeId}`, { token: operator.token });
      const text = await res.text();
      expect(text).not.toContain('Nguyễn Văn Riêng');
      expect(text).not.toContain(nameOf(c.office));
      const seen = (JSON.parse(text) as { tracker: TrackerView }).tracker;
      expect(indicator(seen, '5')).toMatchObject({ verdict: 'met', recorded: null });
      expect(seen.total).toBe(19);
      expect((await record(ctx, operator.token, '5', {})).status).toBe(403);
    });
  });
});

function villageSet(version: string, duplicate = false) {
  return {
    code: 'lang-ntm-thu', version, name: 'Bộ tiêu chí làng nông thôn mới (thử)', source: 'Quyết định của UBND tỉnh', level: 'village',
    validFrom: '2025-01-01', validTo: null,
    criteria: [
      { code: '1', name: 'Đường làng', indicators: [{ code: '1.1', name: 'Đường trục thôn được cứng hóa' }, { code: duplicate ? '1.1' : '1.2', name: 'Đường ngõ sạch' }] },
      { code: '2', name: 'Nhà văn hóa', indicators: [{ code: '2.1', name: 'Thôn có nhà văn hóa' }] },
    ],
  };
}
