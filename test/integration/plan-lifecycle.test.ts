/**
 * Issue 8, the plan's life and the rules on what a report means: activation checks, drafts
 * never reaching phones, closing, late and daysLate at the deadline's edges and across a lock,
 * the wrong phone clock, the target-change rule, and the plausibility rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { uuidv7 } from '../../src/shared/ids';
import type { ReportSubmission, StoredReport } from '../../src/shared/schemas/reports';

const json = async (res: Response | Promise<Response>) => (await res).json();

async function send(ctx: TestContext, token: string, report: ReportSubmission) {
  const res = await ctx.call('POST', '/api/reports', { token, body: { reports: [report] } });
  expect(res.status).toBe(200);
  return (await res.json()).results[0] as { status: string; code?: string; path?: string };
}

async function stored(ctx: TestContext, c: Commune, id: string): Promise<StoredReport> {
  const res = await ctx.call('GET', `/api/reports/${id}`, { token: c.office.token });
  expect(res.status).toBe(200);
  return (await res.json()).report;
}

async function syncAll(ctx: TestContext, token: string, cursor = '') {
  const records: Record<string, { id: string; deleted?: boolean; planId?: string }[]> = {};
  let body;
  do {
    body = await json(ctx.call('GET', `/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token }));
    for (const k of ['plans', 'periods', 'targets', 'assignments']) (records[k] ??= []).push(...body[k]);
    cursor = body.cursor;
  } while (body.more);
  return { cursor, records };
}

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
  });

  describe('activation', () => {
    it('refuses while a target is carried by nobody, warns on shares, and only then reaches the phones', async () => {
      ctx.clock.set('2025-03-01T02:00:00.000Z');
      const v = c.villageUsers[0]!;
      const start = (await syncAll(ctx, v.token)).cursor;
      const plan = await json(ctx.call('POST', '/api/plans', { token: c.office.token, body: {
        number: '1/KH', issuedOn: null, year: 2025, title: 'Kế hoạch nháp', theme: '', rounds: [], reporting: ['year'],
      } }));
      expect(plan).toMatchObject({ status: 'draft', graceDays: 0, closedAt: null });
      const base = { parentId: null, area: 'economy', comparator: 'atLeast', valueMax: null, outOf: null, measure: 'quantity' };
      const { targets } = await json(ctx.call('POST', `/api/plans/${plan.id}/targets`, { token: c.office.token, body: { targets: [
        { ...base, label: 'Hộ nuôi bò', unit: 'hộ', value: 10 },
        { ...base, label: 'Kinh phí xã', unit: 'triệu đồng', value: 500 },
      ] } }));
      // "Số nguyên" is on by default for counted units only.
      expect(targets.map((t: { wholeNumber: boolean }) => t.wholeNumber)).toEqual([true, false]);

      const refused = await ctx.call('POST', `/api/plans/${plan.id}/activate`, { token: c.office.token });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({
        code: 'plan.not_ready',
        details: { missing: [{ targetId: targets[0].id, label: 'Hộ nuôi bò' }, { targetId: targets[1].id, label: 'Kinh phí xã' }] },
      });

      // A draft is never on a phone, and takes no report.
      const period = (await json(ctx.call('GET', `/api/plans/${plan.id}`, { token: c.office.token }))).periods[0];
      const draftSync = await syncAll(ctx, v.token, start);
      for (const k of ['plans', 'periods', 'targets', 'assignments']) {
        expect(draftSync.records[k]!.every((r) => r.deleted === true), k).toBe(true);
      }
      const early = makeReport(c, { planId: plan.id, periodId: period.id, values: [] });
      expect(await send(ctx, v.token, early)).toMatchObject({ status: 'rejected', code: 'plan.not_active', path: 'planId' });

      await ctx.call('PUT', `/api/targets/${targets[0].id}/assignments`, { token: c.office.token, body: { assignments: [
        { unitId: c.villages[0]!.id, share: 4 }, { unitId: c.villages[1]!.id, share: 5 },
      ] } });
      expect((await ctx.call('PATCH', `/api/targets/${targets[1].id}`, { token: c.office.token, body: { communeOnly: true } })).status).toBe(200);
      const ok = await ctx.call('POST', `/api/plans/${plan.id}/activate`, { token: c.office.token });
      expect(ok.status).toBe(200);
      const body = await ok.json();
      expect(body.plan.status).toBe('active');
      expect(body.warnings).toEqual([{ code: 'plan.shares_mismatch', message: expect.any(String), targetId: targets[0].id }]);

      const live = await syncAll(ctx, v.token, draftSync.cursor);
      expect(live.records.plans!.map((p) => p.id)).toEqual([plan.id]);
      expect(live.records.periods!.map((p) => p.id)).toContain(period.id);
      expect(live.records.targets!.map((t) => t.id).sort()).toEqual([targets[0].id, targets[1].id].sort());
      expect(live.records.assignments).toEqual([expect.objectContaining({ targetId: targets[0].id, unitId: c.villages[0]!.id, share: 4 })]);
      expect(await send(ctx, v.token, { ...early, id: uuidv7(), values: [{ targetId: targets[0].id, value: 3 }] })).toMatchObject({ status: 'accepted' });
    });

    it('PATCH does not bypass activation or closing', async () => {
      const plan = await json(ctx.call('POST', '/api/plans', { token: c.office.token, body: {
        number: '', issuedOn: null, year: 2025, title: 'Nháp khác', theme: '', rounds: [], reporting: ['year'],
      } }));
      const res = await ctx.call('PATCH', `/api/plans/${plan.id}`, { token: c.office.token, body: { status: 'active' } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'value.invalid', path: 'status' });
      expect((await ctx.call('POST', `/api/plans/${plan.id}/close`, { token: c.office.token })).status).toBe(400);
    });
  });

  describe('late and locked', () => {
    const deadlineEdge = '2025-06-20T17:00:00.000Z'; // 00:00 on 21/06 in Vietnam; h1's deadline is 20/06
    const at = async (instant: string, over: Partial<ReportSubmission> = {}, village = 0) => {
      ctx.clock.set(instant);
      const report = makeReport(c, { village, createdAt: new Date(Date.parse(instant) - 60_000).toISOString(), ...over });
      expect(await send(ctx, c.villageUsers[village]!.token, report)).toMatchObject({ status: 'accepted' });
      return stored(ctx, c, report.id);
    };

    it('is on time through the whole deadline day and late from the next Vietnamese midnight', async () => {
      expect(c.periods[0]!.deadline).toBe('2025-06-20');
      expect(await at('2025-06-20T16:59:59.000Z')).toMatchObject({ late: false, daysLate: 0 });
      expect(await at(deadlineEdge)).toMatchObject({ late: true, daysLate: 1 });
      expect(await at('2025-06-25T03:00:00.000Z')).toMatchObject({ late: true, daysLate: 5 });
    });

    it('gives the plan\'s grace days', async () => {
      expect((await ctx.call('PATCH', `/api/plans/${c.plan.id}`, { token: c.office.token, body: { graceDays: 2 } })).status).toBe(200);
      expect(await at('2025-06-22T16:59:00.000Z')).toMatchObject({ late: false, daysLate: 0 });
      expect(await at('2025-06-22T17:00:00.000Z')).toMatchObject({ late: true, daysLate: 3 });
      await ctx.call('PATCH', `/api/plans/${c.plan.id}`, { token: c.office.token, body: { graceDays: 0 } });
    });

    it('marks what arrives after a lock late (accepted, waiting for review), and nothing before it', async () => {
      const period = c.periods[0]!.id;
      ctx.clock.set('2025-06-10T05:00:00.000Z');
      const locked = await json(ctx.call('POST', `/api/periods/${period}/lock`, { token: c.office.token }));
      expect(locked.period).toMatchObject({ id: period, lockedAt: '2025-06-10T05:00:00.000Z' });
      const after = await at('2025-06-10T05:00:01.000Z');
      expect(after).toMatchObject({ late: true, daysLate: 0, state: 'submitted' });
      const unlocked = await json(ctx.call('POST', `/api/periods/${period}/unlock`, { token: c.office.token }));
      expect(unlocked.period.lockedAt).toBeNull();
      expect(await at('2025-06-10T06:00:00.000Z')).toMatchObject({ late: false });
      // Judged at receipt: unlocking does not rewrite what arrived while it was locked.
      expect((await stored(ctx, c, after.id)).late).toBe(true);
      // The phone hears the lock through sync.
      const { records } = await syncAll(ctx, c.villageUsers[0]!.token);
      expect(records.periods!.find((p) => p.id === period)).toMatchObject({ lockedAt: null });
    });

    it('ranks a report from a phone with a wrong clock by its receipt', async () => {
      ctx.clock.set('2025-05-10T03:00:00.000Z');
      const wrong = makeReport(c, { village: 1, createdAt: '2025-09-01T00:00:00.000Z' });
      expect(await send(ctx, c.villageUsers[1]!.token, wrong)).toMatchObject({ status: 'accepted' });
      ctx.clock.set('2025-05-10T04:00:00.000Z');
      const right = makeReport(c, { village: 1, createdAt: '2025-05-10T03:30:00.000Z' });
      expect(await send(ctx, c.villageUsers[1]!.token, right)).toMatchObject({ status: 'accepted' });
      const w = await stored(ctx, c, wrong.id);
      expect(w).toMatchObject({ clockSkew: true, newerReportId: right.id });
      expect(await stored(ctx, c, right.id)).toMatchObject({ clockSkew: false, newerReportId: null });
      const res = await ctx.call('POST', `/api/reports/${wrong.id}/review`, { token: c.office.token, body: { decision: 'approve' } });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'review.not_current', details: { newerReportId: right.id } });
    });
  });

  describe('closing', () => {
    it('takes reports made before the close (late) and refuses later ones', async () => {
      const c2 = await seedCommune(ctx.db, { villages: 1 });
      ctx.clock.set('2025-12-31T10:00:00.000Z');
      const closed = await json(ctx.call('POST', `/api/plans/${c2.plan.id}/close`, { token: c2.office.token }));
      expect(closed.plan).toMatchObject({ status: 'closed', closedAt: '2025-12-31T10:00:00.000Z' });
      ctx.clock.set('2026-01-05T01:00:00.000Z');
      const before = makeReport(c2, { createdAt: '2025-12-31T09:59:59.000Z', periodId: c2.periods[1]!.id });
      const later = makeReport(c2, { createdAt: '2025-12-31T10:00:01.000Z', periodId: c2.periods[1]!.id });
      const v = c2.villageUsers[0]!.token;
      expect(await send(ctx, v, before)).toMatchObject({ status: 'accepted' });
      expect(await send(ctx, v, later)).toMatchObject({ status: 'rejected', code: 'plan.closed' });
      expect(await stored(ctx, c2, before.id)).toMatchObject({ late: true });
      // Still on the phones: a closed plan is history they may read.
      const { records } = await syncAll(ctx, v);
      expect(records.plans!.find((p) => p.id === c2.plan.id)).toMatchObject({ status: 'closed' });
    });
  });

  describe('the target-change rule', () => {
    it('refuses changing what a stored value meant; label, comparator and value change freely, audited', async () => {
      const c3 = await seedCommune(ctx.db, { villages: 1 });
      ctx.clock.set('2025-06-01T01:00:00.000Z');
      expect(await send(ctx, c3.villageUsers[0]!.token, makeReport(c3))).toMatchObject({ status: 'accepted' });
      const patch = (id: string, body: unknown) => ctx.call('PATCH', `/api/targets/${id}`, { token: c3.office.token, body });
      const cases: [string, unknown, string][] = [
        [c3.targets.quantity.id, { measure: 'rank' }, 'measure'],
        [c3.targets.xOfY.id, { outOf: 20 }, 'outOf'],
        [c3.targets.child.id, { parentId: null }, 'parentId'],
        [c3.targets.quantity.id, { wholeNumber: true }, 'wholeNumber'],
      ];
      for (const [id, body, path] of cases) {
        const res = await patch(id, body);
        expect(res.status, JSON.stringify(body)).toBe(409);
        const error = await res.json();
        expect(error).toMatchObject({ code: 'target.has_reports', path });
        expect(error.message).toMatch(/thêm chỉ tiêu mới/);
      }
      const ok = await patch(c3.targets.quantity.id, { label: 'Hộ có nhà tiêu hợp vệ sinh', comparator: 'atMost', value: 20 });
      expect(ok.status).toBe(200);
      const { entries } = await json(ctx.call('GET', `/api/audit?entity=target&entityId=${c3.targets.quantity.id}`, { token: c3.office.token }));
      expect(entries[0]).toMatchObject({ action: 'target.update', before: { label: c3.targets.quantity.label, value: 10 }, after: { label: 'Hộ có nhà tiêu hợp vệ sinh', value: 20 } });
      // A target nobody reported on may still change shape; turning "số nguyên" off is always fine.
      expect((await patch(c3.targets.associationOnly.id, { measure: 'rank' })).status).toBe(200);
      expect((await patch(c3.targets.quantity.id, { wholeNumber: false })).status).toBe(200);
    });
  });

  describe('plausibility', () => {
    it('refuses fractions on whole-number targets and figures beyond 10^12; warns above 3× the share', async () => {
      const c4 = await seedCommune(ctx.db, { villages: 1 });
      ctx.clock.set('2025-06-01T01:00:00.000Z');
      expect((await ctx.call('PATCH', `/api/targets/${c4.targets.quantity.id}`, { token: c4.office.token, body: { wholeNumber: true } })).status).toBe(200);
      const v = c4.villageUsers[0]!.token;
      const value = (n: number) => makeReport(c4, { values: [{ targetId: c4.targets.quantity.id, value: n }] });
      expect(await send(ctx, v, value(12.5))).toMatchObject({ status: 'rejected', code: 'value.not_integer', path: 'values.0.value' });
      expect(await send(ctx, v, value(2e12))).toMatchObject({ status: 'rejected', code: 'value.too_large', path: 'values.0.value' });
      // Above the commune's whole target (10): a warning, not a refusal.
      const big = value(11);
      expect(await send(ctx, v, big)).toMatchObject({ status: 'accepted' });
      expect((await stored(ctx, c4, big.id)).warnings).toEqual([{ code: 'value.above_target', message: expect.any(String), targetId: c4.targets.quantity.id }]);
      // The association's share is 32: 97 is more than three times it.
      const a = c4.associationUser.token;
      const assoc = makeReport(c4, { unitId: c4.association.id, values: [{ targetId: c4.targets.associationOnly.id, value: 97 }] });
      expect(await send(ctx, a, assoc)).toMatchObject({ status: 'accepted' });
      expect((await stored(ctx, c4, assoc.id)).warnings).toMatchObject([{ code: 'value.above_share' }]);
      const fine = makeReport(c4, { unitId: c4.association.id, values: [{ targetId: c4.targets.associationOnly.id, value: 9 }] });
      expect(await send(ctx, a, fine)).toMatchObject({ status: 'accepted' });
      expect((await stored(ctx, c4, fine.id)).warnings).toEqual([]);
    });
  });
});
