/**
 * The progress API on both databases, through the real ingest and review: the aggregation as a
 * table of cases (sums, rates from parts, x of y, statuses, breakdowns, returned and superseded
 * reports, approved vs submitted basis, a late unit, a merged village), figures that change the
 * moment a report is approved, and who may ask.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createOperator, seedCommune, type Commune, type TestUser } from './support/fixtures';
import { makeReport } from './support/reports';
import type { ReportSubmission, ReportValue } from '../../src/shared/schemas/reports';
import type { PlanProgress } from '../../src/shared/schemas/progress';

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  let operator: TestUser;
  const ids: Record<string, string> = {};

  const send = async (c: Commune, who: number | 'association', values: ReportValue[], extra: Partial<ReportSubmission> = {}) => {
    const user = who === 'association' ? c.associationUser : c.villageUsers[who]!;
    const report = makeReport(c, { unitId: user.unitId!, values, ...extra });
    const res = await ctx.call('POST', '/api/reports', { token: user.token, body: { reports: [report] } });
    const result = (await res.json()).results[0];
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'accepted' });
    return report.id;
  };
  const decide = async (c: Commune, id: string, decision: 'approve' | 'return') => {
    const res = await ctx.call('POST', `/api/reports/${id}/review`, { token: c.office.token, body: { decision, reason: decision === 'return' ? 'Sai số liệu' : null } });
    expect(res.status).toBe(200);
  };
  const progress = async (c: Commune, basis?: string, period = 0, token = c.office.token): Promise<PlanProgress> => {
    const res = await ctx.call('GET', `/api/plans/${c.plan.id}/progress?periodId=${c.periods[period]!.id}${basis ? `&basis=${basis}` : ''}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const of = (p: PlanProgress, targetId: string) => p.targets.find((t) => t.targetId === targetId)!;

  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 3 });
    other = await seedCommune(ctx.db, { villages: 1 });
    operator = await createOperator(ctx.db);
    const t = c.targets;
    ctx.clock.set('2025-06-10T03:00:00.000Z'); // before the 20/06 deadline of the first half-year
    ids.v1 = await send(c, 0, [
      { targetId: t.quantity.id, value: 12 }, { targetId: t.rate.id, numerator: 96, denominator: 100 }, { targetId: t.xOfY.id, value: 13 },
      { targetId: t.status.id, done: true }, { targetId: t.rank.id, value: 1 }, { targetId: t.child.id, value: 1110 },
    ]);
    ids.v2 = await send(c, 1, [
      { targetId: t.quantity.id, value: 5 }, { targetId: t.rate.id, numerator: 40, denominator: 50 }, { targetId: t.xOfY.id, value: 8 },
      { targetId: t.status.id, done: false }, { targetId: t.parent.id, value: 250 }, { targetId: t.child.id, value: 200 },
    ]);
    ids.assoc = await send(c, 'association', [{ targetId: t.quantity.id, value: 3 }, { targetId: t.associationOnly.id, value: 20 }]);
    await decide(c, ids.v1, 'approve');
    await decide(c, ids.v2, 'approve');
    // A correction of village 1 waits for review; one of village 2 was returned.
    ids.v1fix = await send(c, 0, [{ targetId: t.quantity.id, value: 20 }], { supersedes: ids.v1 });
    ids.v2fix = await send(c, 1, [{ targetId: t.quantity.id, value: 50 }], { supersedes: ids.v2 });
    await decide(c, ids.v2fix, 'return');
    ctx.clock.set('2025-06-25T03:00:00.000Z'); // village 3 reports after the deadline
    ids.v3 = await send(c, 2, [{ targetId: t.quantity.id, value: 7 }]);
  });

  describe('the aggregation', () => {
    it('changes the moment a report is approved (no cache)', async () => {
      const before = await progress(c);
      expect(of(before, c.targets.quantity.id).achieved).toBe(17); // 12 + 5
      await decide(c, ids.v3!, 'approve');
      expect(of(await progress(c), c.targets.quantity.id).achieved).toBe(24); // + 7
    });

    const cases: { name: string; basis: string; target: keyof Commune['targets']; expect: Record<string, unknown>; units?: unknown[] }[] = [
      { name: 'a sum of the approved reports; the waiting correction and the returned one do not count', basis: 'approved', target: 'quantity',
        expect: { achieved: 24, percent: 240, verdict: 'exceeded', reportedUnits: 3, expectedUnits: 4 } },
      { name: 'on the submitted basis the waiting correction replaces, and the association counts; the returned one never', basis: 'submitted', target: 'quantity',
        expect: { achieved: 20 + 5 + 7 + 3, reportedUnits: 4 } },
      { name: 'a rate from its parts: Σn/Σd', basis: 'approved', target: 'rate',
        expect: { numerator: 136, denominator: 150, verdict: 'exceeded', reportedUnits: 2 } },
      { name: 'x of y across villages counts the villages at their goal', basis: 'approved', target: 'xOfY',
        expect: { achieved: 1, verdict: 'notMet', expectedUnits: 3 }, units: ['exceeded', 'notMet', 'noData'] },
      { name: 'a status counts the units done; percent does not apply', basis: 'approved', target: 'status',
        expect: { achieved: 1, verdict: 'notMet', percent: null }, units: ['met', 'notMet', 'noData'] },
      { name: "a breakdown's parent is the sum of the children, with a warning where a unit's own figure differs", basis: 'approved', target: 'parent',
        expect: { achieved: 1310, warnings: [{ kind: 'parentDiffers', unitId: '$v2', reported: 250, childrenSum: 200 }] } },
      { name: 'a rank keeps its figure and has no percent', basis: 'approved', target: 'rank', expect: { achieved: 1, verdict: 'met', percent: null } },
    ];
    it.each(cases)('$name', async ({ basis, target, expect: expected, units }) => {
      const p = await progress(c, basis);
      const entry = of(p, c.targets[target].id);
      const resolved = JSON.parse(JSON.stringify(expected).replace(/"\$v2"/g, JSON.stringify(c.villages[1]!.id)));
      expect(entry).toMatchObject(resolved);
      if (target === 'rate') expect(entry.achieved).toBeCloseTo(90.667, 3);
      if (units) expect(entry.units.map((u) => u.verdict)).toEqual(units);
    });

    it('says who reported, who was late and who is missing, per basis', async () => {
      const approved = await progress(c, 'approved');
      expect(approved.completeness).toEqual({ expected: 4, reported: 3, onTime: 2, late: 1, missing: [c.association.id] });
      expect(of(approved, c.targets.quantity.id).units.map((u) => [u.unitId, u.late, u.state])).toEqual([
        [c.villages[0]!.id, false, 'approved'], [c.villages[1]!.id, false, 'approved'], [c.villages[2]!.id, true, 'approved'], [c.association.id, false, null],
      ]);
      const submitted = await progress(c, 'submitted');
      expect(submitted.completeness).toMatchObject({ expected: 4, reported: 4, missing: [] });
      expect(of(submitted, c.targets.quantity.id).units[0]).toMatchObject({ reportId: ids.v1fix, state: 'submitted' });
      expect(submitted).toMatchObject({ planId: c.plan.id, periodId: c.periods[0]!.id, basis: 'submitted', computedAt: expect.any(String) });
    });

    it('a merged village: added to its successor before the merge, the successor alone after', async () => {
      const m = await seedCommune(ctx.db, { villages: 2 });
      const q = m.targets.quantity.id;
      ctx.clock.set('2025-06-10T03:00:00.000Z');
      await decide(m, await send(m, 0, [{ targetId: q, value: 4 }]), 'approve');
      await decide(m, await send(m, 1, [{ targetId: q, value: 6 }]), 'approve');
      ctx.clock.set('2025-07-10T03:00:00.000Z');
      await decide(m, await send(m, 0, [{ targetId: q, value: 9 }], { periodId: m.periods[1]!.id }), 'approve');
      await decide(m, await send(m, 1, [{ targetId: q, value: 8 }], { periodId: m.periods[1]!.id }), 'approve');
      const res = await ctx.call('POST', `/api/units/${m.villages[1]!.id}/replace`, { token: m.office.token, body: { successor: m.villages[0]!.id, on: '2025-07-15' } });
      expect(res.status, await res.clone().text()).toBe(200);
      const h1 = of(await progress(m, 'approved', 0), q);
      expect(h1.units.map((u) => u.unitId)).toEqual([m.villages[0]!.id, m.association.id]);
      expect(h1.achieved).toBe(10);
      const h2 = of(await progress(m, 'approved', 1), q);
      expect(h2.units.map((u) => u.unitId)).toEqual([m.villages[0]!.id, m.association.id]);
      expect(h2.achieved).toBe(9); // never both
    });
  });

  describe('who may ask', () => {
    it('the operator sees the same counts; another commune’s office and a field user are refused', async () => {
      const mine = await progress(c);
      const op = await progress(c, undefined, 0, operator.token);
      expect(op.targets.map((t) => t.achieved)).toEqual(mine.targets.map((t) => t.achieved));
      const foreign = await ctx.call('GET', `/api/plans/${c.plan.id}/progress?periodId=${c.periods[0]!.id}`, { token: other.office.token });
      expect(foreign.status).toBe(404);
      expect(await foreign.json()).toMatchObject({ code: 'not_found' });
      const field = await ctx.call('GET', `/api/plans/${c.plan.id}/progress?periodId=${c.periods[0]!.id}`, { token: c.villageUsers[0]!.token });
      expect(field.status).toBe(403);
      expect(await field.json()).toMatchObject({ code: 'auth.forbidden' });
    });

    it.each([
      ['a period of another plan', () => `/api/plans/${c.plan.id}/progress?periodId=${other.periods[0]!.id}`, 404, { code: 'not_found', path: 'periodId' }],
      ['no period', () => `/api/plans/${c.plan.id}/progress`, 400, { path: 'periodId' }],
      ['an unknown basis', () => `/api/plans/${c.plan.id}/progress?periodId=${c.periods[0]!.id}&basis=all`, 400, { path: 'basis' }],
      ['an unknown export format', () => `/api/plans/${c.plan.id}/export?periodId=${c.periods[0]!.id}&format=pdf`, 400, { path: 'format' }],
    ] as const)('%s → %d', async (_name, path, status, body) => {
      const res = await ctx.call('GET', path(), { token: c.office.token });
      expect(res.status).toBe(status);
      const json = await res.json();
      expect(json).toMatchObject(body);
      expect(json.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    });
  });
});
