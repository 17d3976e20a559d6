import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport, type BatchResult } from './support/reports';
import { findReport } from '../../src/server/db/queries/reports';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db);
  });

  const send = async (token: string, reports: unknown[]) => {
    const res = await ctx.call('POST', '/api/reports', { token, body: { reports } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: BatchResult[] }).results;
  };
  const count = async (ids: string[]) =>
    Number((await ctx.db.kysely.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).where('id', 'in', ids).executeTakeFirstOrThrow()).n);

  it('accepts a report, then answers a resend as duplicate with the original receivedAt', async () => {
    const report = makeReport(c);
    ctx.clock.set('2025-06-10T03:00:00.000Z');
    const [first] = await send(c.villageUsers[0]!.token, [report]);
    expect(first).toEqual({ id: report.id, status: 'accepted', receivedAt: '2025-06-10T03:00:00.000Z' });

    ctx.clock.set('2025-06-11T05:00:00.000Z');
    const [again] = await send(c.villageUsers[0]!.token, [report]);
    expect(again).toEqual({ id: report.id, status: 'duplicate', receivedAt: '2025-06-10T03:00:00.000Z' });

    const stored = await findReport(ctx.db, report.id);
    expect(stored).toMatchObject({ state: 'submitted', submitted_by: c.villageUsers[0]!.id, device_id: c.villageUsers[0]!.deviceId, received_at: '2025-06-10T03:00:00.000Z' });
    expect(JSON.parse(stored!.values_json)).toEqual(report.values);
    expect(await count([report.id])).toBe(1);
  });

  it('treats null and a missing note as the same submission (canonical content)', async () => {
    const report = makeReport(c, { note: null });
    await send(c.villageUsers[0]!.token, [report]);
    const { note: _dropped, ...withoutNote } = report;
    const [again] = await send(c.villageUsers[0]!.token, [withoutNote]);
    expect(again!.status).toBe('duplicate');
  });

  it('rejects the same id with different content as report.conflict and keeps the original', async () => {
    const report = makeReport(c);
    await send(c.villageUsers[0]!.token, [report]);
    const changed = { ...report, values: [{ targetId: c.targets.quantity.id, value: 99 }] };
    const [result] = await send(c.villageUsers[0]!.token, [changed]);
    expect(result).toMatchObject({ id: report.id, status: 'rejected', code: 'report.conflict', path: 'id' });
    expect(result!.message).toMatch(/báo cáo/);
    expect(JSON.parse((await findReport(ctx.db, report.id))!.values_json)).toEqual(report.values);
  });

  it('keeps results in order and lets one bad report not block the others; nothing partial is stored', async () => {
    const good1 = makeReport(c);
    const bad = makeReport(c, { values: [{ targetId: c.targets.quantity.id, value: 5 }, { targetId: c.targets.rate.id, numerator: 5, denominator: 4 }] });
    const good2 = makeReport(c);
    const results = await send(c.villageUsers[0]!.token, [good1, bad, good2]);
    expect(results.map((r) => [r.id, r.status])).toEqual([[good1.id, 'accepted'], [bad.id, 'rejected'], [good2.id, 'accepted']]);
    expect(results[1]).toMatchObject({ code: 'value.numerator_exceeds_denominator', path: 'values.1.numerator' });
    expect(await count([good1.id, good2.id])).toBe(2);
    expect(await count([bad.id])).toBe(0);
    const changes = await ctx.db.kysely.selectFrom('changes').select('entity_id').where('entity_id', '=', bad.id).execute();
    expect(changes).toEqual([]);
  });

  it('stores a report sent twice in one batch once: the second copy is a duplicate', async () => {
    const report = makeReport(c);
    const results = await send(c.villageUsers[0]!.token, [report, report]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    expect(results[1]!.receivedAt).toBe(results[0]!.receivedAt);
    expect(await count([report.id])).toBe(1);
  });

  it('sends a report that arrives after an approval to review as a correction; the approved one stays in force until then', async () => {
    const period = c.periods[1]!.id;
    const original = makeReport(c, { village: 1, periodId: period });
    await send(c.villageUsers[1]!.token, [original]);
    const approve = await ctx.call('POST', `/api/reports/${original.id}/review`, { token: c.office.token, body: { decision: 'approve' } });
    expect(approve.status).toBe(200);

    const correction = makeReport(c, { village: 1, periodId: period, supersedes: original.id });
    const [result] = await send(c.villageUsers[1]!.token, [correction]);
    expect(result!.status).toBe('accepted');
    const stored = await findReport(ctx.db, correction.id);
    expect(stored).toMatchObject({ state: 'submitted', correction_of: original.id, supersedes: original.id });
    expect((await findReport(ctx.db, original.id))!.state).toBe('approved');

    const second = await ctx.call('POST', `/api/reports/${correction.id}/review`, { token: c.office.token, body: { decision: 'approve' } });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { report: { state: string; correctionOf: string } }).report).toMatchObject({ state: 'approved', correctionOf: original.id });
  });

  it('accepts a supersedes chain (also within one batch) and refuses supersedes of another unit or period', async () => {
    const r1 = makeReport(c);
    const r2 = makeReport(c, { supersedes: r1.id });
    const r3 = makeReport(c, { supersedes: r2.id });
    const results = await send(c.villageUsers[0]!.token, [r1, r2, r3]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

    const otherUnit = makeReport(c, { village: 1 });
    await send(c.villageUsers[1]!.token, [otherUnit]);
    const wrongUnit = makeReport(c, { supersedes: otherUnit.id });
    const wrongPeriod = makeReport(c, { periodId: c.periods[1]!.id, supersedes: r3.id });
    const unknown = makeReport(c, { supersedes: '01900000-0000-7000-8000-000000000000' });
    const refused = await send(c.villageUsers[0]!.token, [wrongUnit, wrongPeriod, unknown]);
    for (const r of refused) expect(r).toMatchObject({ status: 'rejected', code: 'report.unknown_supersedes', path: 'supersedes' });
  });

  it('stores each report once when the same batch is sent 5 times at once, with no 500', async () => {
    const batch = Array.from({ length: 40 }, () => makeReport(c));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => ctx.call('POST', '/api/reports', { token: c.villageUsers[0]!.token, body: { reports: batch } })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const all = await Promise.all(responses.map(async (r) => ((await r.json()) as { results: BatchResult[] }).results));
    for (let i = 0; i < batch.length; i++) {
      const statuses = all.map((results) => results[i]!.status).sort();
      expect(statuses).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
      expect(new Set(all.map((results) => results[i]!.receivedAt)).size).toBe(1);
    }
    expect(await count(batch.map((r) => r.id))).toBe(batch.length);
    const changes = await ctx.db.kysely.selectFrom('changes').select('entity_id').where('entity_id', 'in', batch.map((r) => r.id)).execute();
    expect(changes).toHaveLength(batch.length);
  });

  it('lets the office file a report for a village of its commune (importing a phone export), not for the office itself', async () => {
    const forVillage = makeReport(c, { village: 1 });
    const forOffice = makeReport(c, { unitId: c.officeUnit.id });
    const results = await send(c.office.token, [forVillage, forOffice]);
    expect(results[0]!.status).toBe('accepted');
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'report.unit_forbidden', path: 'unitId' });
  });

  it('lets a village head report only for their own village', async () => {
    const [r] = await send(c.villageUsers[0]!.token, [makeReport(c, { village: 1 })]);
    expect(r).toMatchObject({ status: 'rejected', code: 'report.unit_forbidden', path: 'unitId' });
  });
});

forEachDatabase((ctx) => {
  // previousNewest (db/queries/reports.ts): the report that was its group's newest must reach
  // the phones again, now pointing at its successor, and only that one.
  it('syncs the previous newest report of the group again with newerReportId when a newer one is stored', async () => {
    const c = await seedCommune(ctx.db);
    const token = c.villageUsers[0]!.token;
    const sync = async (cursor = '') => {
      let body: { cursor: string; more: boolean; reports: { id: string; newerReportId?: string | null }[] };
      const reports: { id: string; newerReportId?: string | null }[] = [];
      do {
        const res = await ctx.call('GET', `/api/sync${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
        expect(res.status).toBe(200);
        body = await res.json();
        reports.push(...body.reports);
        cursor = body.cursor;
      } while (body.more);
      return { cursor, reports };
    };
    const oldest = makeReport(c, { createdAt: '2025-06-01T01:00:00.000Z' });
    const older = makeReport(c, { createdAt: '2025-06-01T02:00:00.000Z' });
    const otherPeriod = makeReport(c, { periodId: c.periods[1]!.id, createdAt: '2025-06-01T01:30:00.000Z' });
    for (const r of [oldest, older, otherPeriod]) {
      const res = await ctx.call('POST', '/api/reports', { token, body: { reports: [r] } });
      expect(((await res.json()) as { results: BatchResult[] }).results[0]!.status).toBe('accepted');
    }
    const { cursor } = await sync();
    const newest = makeReport(c, { createdAt: '2025-06-01T03:00:00.000Z' });
    const res = await ctx.call('POST', '/api/reports', { token, body: { reports: [newest] } });
    expect(((await res.json()) as { results: BatchResult[] }).results[0]!.status).toBe('accepted');
    const after = await sync(cursor);
    expect(after.reports.map((r) => r.id).sort()).toEqual([older.id, newest.id].sort());
    expect(after.reports.find((r) => r.id === older.id)!.newerReportId).toBe(newest.id);
  });
});
