import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createOperator, seedCommune, type Commune, type TestUser } from './support/fixtures';
import { makeReport } from './support/reports';
import { currentReports } from '../../src/shared/progress';
import type { StoredReport } from '../../src/shared/schemas/reports';

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  let operator: TestUser;
  beforeAll(async () => {
    c = await seedCommune(ctx.db);
    other = await seedCommune(ctx.db);
    operator = await createOperator(ctx.db);
  });

  const submit = async (village = 0, extra: Parameters<typeof makeReport>[1] = {}) => {
    const report = makeReport(c, { village, ...extra });
    const res = await ctx.call('POST', '/api/reports', { token: c.villageUsers[village]!.token, body: { reports: [report] } });
    expect(res.status).toBe(200);
    return report;
  };
  const review = (id: string, token: string, body: unknown) => ctx.call('POST', `/api/reports/${id}/review`, { token, body });
  const code = async (res: Response) => ((await res.json()) as { code: string }).code;

  it('approves a report once; a second decision is 409 review.already_decided', async () => {
    const report = await submit();
    ctx.clock.set('2025-06-20T01:02:03.000Z');
    const res = await review(report.id, c.office.token, { decision: 'approve' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: StoredReport; review: { reportId: string; decision: string; by: string; at: string; reason: null } };
    expect(body.report).toMatchObject({ id: report.id, state: 'approved' });
    expect(body.review).toMatchObject({ reportId: report.id, decision: 'approve', reason: null, at: '2025-06-20T01:02:03.000Z' });
    expect(body.review.by).toContain('Người dùng');
    const again = await review(report.id, c.admin.token, { decision: 'return', reason: 'Sai' });
    expect(again.status).toBe(409);
    expect(await code(again)).toBe('review.already_decided');
  });

  it('needs a reason to return a report', async () => {
    const report = await submit();
    for (const body of [{ decision: 'return' }, { decision: 'return', reason: '   ' }, { decision: 'return', reason: null }]) {
      const res = await review(report.id, c.office.token, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'review.reason_required', path: 'reason' });
    }
    const ok = await review(report.id, c.office.token, { decision: 'return', reason: 'Thiếu số liệu BHYT' });
    expect(ok.status).toBe(200);
    const stored = await ctx.db.kysely.selectFrom('reviews').selectAll().where('report_id', '=', report.id).execute();
    expect(stored).toEqual([expect.objectContaining({ decision: 'return', reason: 'Thiếu số liệu BHYT', reviewer_id: c.office.id })]);
  });

  it('lets only the office of the report’s commune decide; others get 403 or 404', async () => {
    const report = await submit();
    expect(await code(await review(report.id, c.villageUsers[0]!.token, { decision: 'approve' }))).toBe('auth.forbidden');
    expect(await code(await review(report.id, operator.token, { decision: 'approve' }))).toBe('auth.forbidden');
    const foreign = await review(report.id, other.office.token, { decision: 'approve' });
    expect(foreign.status).toBe(404);
    expect(await code(foreign)).toBe('not_found');
    const missing = await review('01900000-0000-7000-8000-000000000000', c.office.token, { decision: 'approve' });
    expect(missing.status).toBe(404);
    const stored = await ctx.db.kysely.selectFrom('reports').select('state').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(stored.state).toBe('submitted');
  });

  it('decides a report once when two reviewers click at the same moment', async () => {
    const report = await submit();
    const results = await Promise.all([
      review(report.id, c.office.token, { decision: 'approve' }),
      review(report.id, c.admin.token, { decision: 'return', reason: 'Sai' }),
      review(report.id, c.office.token, { decision: 'approve' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const reviews = await ctx.db.kysely.selectFrom('reviews').select('id').where('report_id', '=', report.id).execute();
    expect(reviews).toHaveLength(1);
  });

  it('keeps the approved figure current while its correction waits, and makes the correction current once approved', async () => {
    const period = c.periods[1]!.id;
    const original = await submit(1, { periodId: period });
    await review(original.id, c.office.token, { decision: 'approve' });
    const correction = await submit(1, { periodId: period, supersedes: original.id, values: [{ targetId: c.targets.quantity.id, value: 20 }] });
    const list = async () => {
      const res = await ctx.call('GET', `/api/reports?periodId=${encodeURIComponent(period)}&unitId=${c.villages[1]!.id}`, { token: c.office.token });
      expect(res.status).toBe(200);
      return ((await res.json()) as { reports: StoredReport[] }).reports;
    };
    const before = await list();
    expect(before.find((r) => r.id === correction.id)).toMatchObject({ state: 'submitted', correctionOf: original.id });
    // What counts while the correction waits: the approved figure (pending corrections are not in force).
    const inForce = (reports: StoredReport[]) =>
      currentReports(reports.filter((r) => r.state === 'approved'), c.plan.id, period).get(c.villages[1]!.id)?.id;
    expect(inForce(before)).toBe(original.id);

    const res = await review(correction.id, c.office.token, { decision: 'approve' });
    expect(res.status).toBe(200);
    const after = await list();
    expect(inForce(after)).toBe(correction.id);
    expect(currentReports(after, c.plan.id, period).get(c.villages[1]!.id)?.id).toBe(correction.id);
  });

  it('lists the commune’s reports with filters and paging, never another commune’s', async () => {
    for (let i = 0; i < 5; i++) await submit(0, { periodId: c.periods[1]!.id });
    const seen: string[] = [];
    let after = '';
    for (let page = 0; page < 10; page++) {
      const res = await ctx.call('GET', `/api/reports?state=submitted&limit=2${after ? `&after=${after}` : ''}`, { token: c.office.token });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { reports: StoredReport[]; next: string | null };
      expect(body.reports.length).toBeLessThanOrEqual(2);
      for (const r of body.reports) expect(r.state).toBe('submitted');
      seen.push(...body.reports.map((r) => r.id));
      if (!body.next) break;
      after = body.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const foreign = await ctx.call('GET', '/api/reports', { token: other.office.token });
    expect(((await foreign.json()) as { reports: unknown[] }).reports).toEqual([]);
    expect((await ctx.call('GET', '/api/reports', { token: c.villageUsers[0]!.token })).status).toBe(403);
  });
});
