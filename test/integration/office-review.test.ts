/**
 * Issue 8, review completed: the detail with every target the unit carries, "Nhập thay" (also
 * for commune-only targets, as the commune's own report), a comment kept with an approval,
 * only the current report approvable, and bulk approve skipping what needs a look.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import type { ReportSubmission } from '../../src/shared/schemas/reports';

const json = async (res: Response | Promise<Response>) => (await res).json();

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 3 });
    other = await seedCommune(ctx.db, { villages: 1 });
    ctx.clock.set('2025-06-01T02:00:00.000Z');
  });
  const send = async (token: string, report: ReportSubmission) =>
    (await json(ctx.call('POST', '/api/reports', { token, body: { reports: [report] } }))).results[0];
  const detail = (id: string, token = c.office.token) => ctx.call('GET', `/api/reports/${id}`, { token });

  it('opens a report with every target the unit carries, empty ones as null, and the report before it', async () => {
    const first = makeReport(c, { village: 0, values: [{ targetId: c.targets.quantity.id, value: 4 }] });
    const second = makeReport(c, { village: 0, values: [{ targetId: c.targets.quantity.id, value: 6 }, { targetId: c.targets.child.id, value: 2 }] });
    expect((await send(c.villageUsers[0]!.token, first)).status).toBe('accepted');
    expect((await send(c.villageUsers[0]!.token, second)).status).toBe('accepted');
    const res = await detail(second.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.report).toMatchObject({ id: second.id, late: false, daysLate: 0, clockSkew: false, enteredBy: null, newerReportId: null, warnings: [] });
    expect(body.review).toBeNull();
    expect(body.unit).toMatchObject({ id: c.villages[0]!.id });
    const lines = new Map(body.targets.map((l: { target: { id: string }; value: unknown; share: unknown }) => [l.target.id, l]));
    // Assigned: quantity, rate, xOfY, status, rank, parent — and the parent's breakdown (child).
    for (const t of ['quantity', 'rate', 'xOfY', 'status', 'rank', 'parent', 'child'] as const) expect(lines.has(c.targets[t].id), t).toBe(true);
    expect(lines.has(c.targets.associationOnly.id)).toBe(false);
    expect(lines.get(c.targets.quantity.id)).toMatchObject({ value: { targetId: c.targets.quantity.id, value: 6 }, share: null });
    expect(lines.get(c.targets.rate.id)).toMatchObject({ value: null });
    expect(body.previous).toMatchObject({ id: first.id, newerReportId: second.id });
    // The older one says there is a newer one, and cannot be approved.
    const older = await json(detail(first.id));
    expect(older.report.newerReportId).toBe(second.id);
    const refused = await ctx.call('POST', `/api/reports/${first.id}/review`, { token: c.office.token, body: { decision: 'approve' } });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'review.not_current', details: { newerReportId: second.id } });
    // Another commune's office: not found.
    expect((await detail(second.id, other.office.token)).status).toBe(404);
    expect((await detail(second.id, c.villageUsers[0]!.token)).status).toBe(403);
  });

  it('keeps a comment typed before "Duyệt" with the approval', async () => {
    const report = makeReport(c, { village: 1 });
    await send(c.villageUsers[1]!.token, report);
    const res = await ctx.call('POST', `/api/reports/${report.id}/review`, { token: c.office.token, body: { decision: 'approve', comment: 'Số liệu khớp sổ sách' } });
    expect(res.status).toBe(200);
    expect((await res.json()).review).toMatchObject({ decision: 'approve', reason: 'Số liệu khớp sổ sách' });
    expect((await json(detail(report.id))).review).toMatchObject({ reason: 'Số liệu khớp sổ sách' });
  });

  it('"Nhập thay": the office reports for a village, stamped with who entered it, and it waits for review', async () => {
    const report = makeReport(c, { village: 2 });
    expect((await send(c.office.token, report)).status).toBe('accepted');
    const body = await json(detail(report.id));
    expect(body.report).toMatchObject({ state: 'submitted', enteredBy: { userId: c.office.id, name: expect.any(String) }, submittedBy: c.office.id });
    // The village's own list shows it like any other (it is the village's report).
    const list = await json(ctx.call('GET', `/api/reports?unitId=${c.villages[2]!.id}`, { token: c.office.token }));
    expect(list.reports.map((r: { id: string }) => r.id)).toContain(report.id);
  });

  it('commune-only targets are reported by the office as the commune\'s own report, and by no unit', async () => {
    const t = c.targets.rank.id;
    expect((await ctx.call('PATCH', `/api/targets/${t}`, { token: c.office.token, body: { communeOnly: true } })).status).toBe(200);
    const own = makeReport(c, { unitId: c.communeId, values: [{ targetId: t, value: 2 }] });
    expect(await send(c.office.token, own)).toMatchObject({ status: 'accepted' });
    const body = await json(detail(own.id));
    expect(body.unit).toMatchObject({ id: c.communeId, kind: 'commune' });
    expect(body.targets.map((l: { target: { id: string } }) => l.target.id)).toEqual([t]);
    // A village cannot report for the commune, nor the office give the commune a village's target.
    expect(await send(c.villageUsers[0]!.token, makeReport(c, { unitId: c.communeId, values: [{ targetId: t, value: 1 }] })))
      .toMatchObject({ status: 'rejected', code: 'report.unit_forbidden' });
    expect(await send(c.office.token, makeReport(c, { unitId: c.communeId, values: [{ targetId: c.targets.quantity.id, value: 1 }] })))
      .toMatchObject({ status: 'rejected', code: 'report.target_not_assigned' });
    await ctx.call('PATCH', `/api/targets/${t}`, { token: c.office.token, body: { communeOnly: false } });
  });

  it('bulk approve approves what raises nothing and skips warnings, older reports and decided ones', async () => {
    const c2 = await seedCommune(ctx.db, { villages: 3 });
    // Within the commune's target of 10: nothing to warn about.
    const values = [{ targetId: c2.targets.quantity.id, value: 5 }];
    const clean = makeReport(c2, { village: 0, values });
    const warned = makeReport(c2, { village: 1, values: [{ targetId: c2.targets.quantity.id, value: 500 }] });
    const older = makeReport(c2, { village: 2, values });
    const newer = makeReport(c2, { village: 2, values });
    for (const [i, r] of [[0, clean], [1, warned], [2, older], [2, newer]] as const) {
      expect((await send(c2.villageUsers[i]!.token, r)).status).toBe('accepted');
    }
    const res = await ctx.call('POST', '/api/reports/bulk-approve', {
      token: c2.office.token, body: { ids: [clean.id, warned.id, older.id, newer.id, clean.id, other.plan.id.replace(/.$/, '0')] },
    });
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results).toEqual([
      { id: clean.id, status: 'approved' },
      { id: warned.id, status: 'skipped', code: 'review.has_warnings' },
      { id: older.id, status: 'skipped', code: 'review.not_current' },
      { id: newer.id, status: 'approved' },
      { id: expect.any(String), status: 'skipped', code: 'not_found' },
    ]);
    const again = await json(ctx.call('POST', '/api/reports/bulk-approve', { token: c2.office.token, body: { ids: [clean.id] } }));
    expect(again.results).toEqual([{ id: clean.id, status: 'skipped', code: 'review.already_decided' }]);
    const tooMany = await ctx.call('POST', '/api/reports/bulk-approve', { token: c2.office.token, body: { ids: Array.from({ length: 501 }, () => clean.id) } });
    expect(tooMany.status).toBe(400);
  });
});

