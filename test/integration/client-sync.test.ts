/**
 * The sync client against the real server (SQLite and PostgreSQL), phones on fake-indexeddb:
 * enrollment, cursor paging across many pages (and resuming after a dropped page), tombstones,
 * the server's clock for deadlines, reports from another device of the same unit, the office's
 * decision coming back, and revocation.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createUser, seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { enrolledPhone, newPhone, storedReportCounts } from './client/phone';
import { pullSync } from '../../src/client/data/sync';
import { queueReport } from '../../src/client/data/outbox';
import { pushOutbox } from '../../src/client/data/push';
import { enrollDevice } from '../../src/client/data/enroll';
import { HttpFailure } from '../../src/client/data/http';
import { getMeta } from '../../src/client/data/meta';
import { loadUnitData } from '../../src/client/data/unit-data';
import { openPeriods, reportStatus } from '../../src/client/model/unit-work';
import { prepareForm } from '../../src/client/model/report-form';
import { readForm } from '../../src/client/form/reading';
import { issueEnrollmentCode } from '../../src/server/office/enrollment';
import { revokeDevice } from '../../src/server/db/queries/auth';
import { inTransaction } from '../../src/server/db/handle';
import { targetToRow } from '../../src/server/db/queries/records';
import { uuidv7 } from '../../src/shared/ids';
import { TEST_CONFIG } from './support/databases';
import type { Target } from '../../src/shared/schemas';

const DAY = 86_400_000;

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
  });

  it('enrolls with a real code (typed loosely), then the first sync brings the unit\'s plan, periods, targets and assignments', async () => {
    const head = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId, name: 'Ông Ba' });
    const issued = await issueEnrollmentCode(ctx.db, { userId: head.id, issuedBy: null, now: ctx.clock.now(), ttlMs: TEST_CONFIG.enrollmentCodeTtlMs, publicUrl: TEST_CONFIG.publicUrl, withQr: false });
    const phone = newPhone(ctx);
    const wrong = await enrollDevice(phone.deps, 'AAAA-BBBB', 'Android · Chrome').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(HttpFailure);
    expect((wrong as HttpFailure).kind).toBe('client');
    expect((wrong as HttpFailure).body).toMatchObject({ code: 'enroll.invalid_code', message: expect.stringContaining('Mã kích hoạt') });

    const enrolled = await enrollDevice(phone.deps, ` ${issued.code.toLowerCase()} `, 'Android · Chrome');
    expect(enrolled.user).toMatchObject({ id: head.id, unitId: c.villages[0]!.id, role: 'village' });
    expect(await getMeta(phone.db, 'token')).toBe(enrolled.token);

    const outcome = await pullSync(phone.deps);
    expect(outcome.failure).toBeNull();
    expect(await phone.db.plans.get(c.plan.id)).toMatchObject({ title: c.plan.title });
    expect((await phone.db.periods.toArray()).map((p) => p.id).sort()).toEqual(c.periods.map((p) => p.id).sort());
    const assigned = await phone.db.assignments.toArray();
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.every((a) => a.unitId === c.villages[0]!.id)).toBe(true);
    expect(await getMeta(phone.db, 'cursor')).toBeTruthy();
  });

  it('counts deadlines with the server\'s clock when the phone\'s clock is three days behind', async () => {
    ctx.clock.set('2025-06-10T03:00:00.000Z');
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const phoneNow = Date.parse('2025-06-07T03:00:00.000Z');
    await pullSync({ ...phone.deps, now: () => phoneNow });
    const offset = (await getMeta(phone.db, 'serverOffsetMs'))!;
    expect(Math.abs(offset - 3 * DAY)).toBeLessThan(1000);
    const data = await loadUnitData(phone.db);
    const h1 = openPeriods(data, phoneNow, offset).find((card) => card.period.id === c.periods[0]!.id)!;
    // Half-year 1 is due on 20/06: ten days from the server's 10/06, not thirteen from the phone's 07/06.
    expect(h1.period.deadline).toBe('2025-06-20');
    expect(h1.daysLeft).toBe(10);
    expect(await getMeta(phone.db, 'lastSyncAt')).toBe(phoneNow);
  });

  it('pages through 2,500 new targets with the cursor, resumes after a dropped page, and applies tombstones', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[1]!);
    await pullSync(phone.deps);
    const before = await phone.db.targets.count();

    const many: Target[] = Array.from({ length: 2500 }, (_, i) => ({
      id: uuidv7(), planId: c.plan.id, parentId: null, position: 100 + i, area: 'other', label: `Chỉ tiêu phụ ${i + 1}`,
      unit: 'hộ', comparator: 'atLeast', value: i, valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum',
      assigneeUnitId: null, source: null,
    }));
    await inTransaction(ctx.db, async (tx) => {
      for (let i = 0; i < many.length; i += 250) {
        await tx.kysely.insertInto('targets').values(many.slice(i, i + 250).map((t) => targetToRow(t, c.communeId))).execute();
      }
    });

    // The second page's answer is lost: what the first page brought stays, and so does its cursor.
    phone.network.faults.push('none', 'unreachable');
    const cursorBefore = await getMeta(phone.db, 'cursor');
    const broken = await pullSync(phone.deps);
    expect(broken).toMatchObject({ pages: 1, failure: 'network' });
    const cursorAfterOne = await getMeta(phone.db, 'cursor');
    expect(cursorAfterOne).not.toBe(cursorBefore);
    const afterOne = await phone.db.targets.count();
    expect(afterOne).toBeGreaterThan(before);
    expect(afterOne).toBeLessThan(before + 2500);

    const pages: number[] = [];
    const resumed = await pullSync({ ...phone.deps, onPage: (p) => pages.push(p.pages) });
    expect(resumed.failure).toBeNull();
    expect(resumed.pages).toBeGreaterThanOrEqual(2);
    expect(1 + resumed.pages).toBeGreaterThanOrEqual(3);
    expect(await phone.db.targets.count()).toBe(before + 2500);
    // Every request after the first asked from the cursor the previous page gave.
    const syncCalls = phone.network.calls.filter((call) => call.path.startsWith('/api/sync'));
    expect(new Set(syncCalls.map((call) => call.path)).size).toBe(syncCalls.length - 1); // only the failed page was asked twice

    // Deleting on the server reaches the phone as a tombstone.
    const gone = many[7]!;
    await inTransaction(ctx.db, async (tx) => {
      await tx.kysely.deleteFrom('targets').where('id', '=', gone.id).execute();
    });
    await pullSync(phone.deps);
    expect(await phone.db.targets.get(gone.id)).toBeUndefined();
    expect(await phone.db.targets.count()).toBe(before + 2499);
  });

  it('another device of the same unit sees the first device\'s report after its next sync', async () => {
    const second = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId, device: true });
    const phoneA = await enrolledPhone(ctx, c.villageUsers[0]!);
    const phoneB = await enrolledPhone(ctx, second, 'Phó thôn');
    await pullSync(phoneB.deps);
    const report = makeReport(c, { village: 0 });
    await queueReport(phoneA.db, report);
    expect((await pushOutbox(phoneA.deps)).delivered).toBe(1);
    expect(await phoneB.db.reports.get(report.id)).toBeUndefined();
    await pullSync(phoneB.deps);
    expect(await phoneB.db.reports.get(report.id)).toMatchObject({ id: report.id, unitId: c.villages[0]!.id, state: 'submitted' });
  });

  it('a returned report comes back with the reason, opens pre-filled, and the correction supersedes it (both kept)', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[1]!);
    await pullSync(phone.deps);
    const original = makeReport(c, { village: 1, periodId: c.periods[1]!.id });
    await queueReport(phone.db, original);
    await pushOutbox(phone.deps);

    const reason = 'Số hộ BHYT chưa khớp với danh sách của trạm y tế';
    const review = await ctx.call('POST', `/api/reports/${original.id}/review`, { token: c.office.token, body: { decision: 'return', reason } });
    expect(review.status).toBe(200);
    await pullSync(phone.deps);

    const data = await loadUnitData(phone.db);
    const status = reportStatus(data, original.periodId);
    expect(status).toMatchObject({ kind: 'returned', reason });
    const form = prepareForm(data, original.periodId, undefined)!;
    expect(form.returnedReason).toBe(reason);
    expect(form.supersedes).toBe(original.id);
    // Pre-filled with what was sent, typed the Vietnamese way.
    expect(form.fields[c.targets.child.id]).toBe('1.110');
    const reading = readForm(form.items, { ...form.fields, [c.targets.quantity.id]: '13' });
    expect(reading.problems.filter((p) => p.severity === 'error')).toEqual([]);

    const correction = { ...makeReport(c, { village: 1, periodId: original.periodId }), values: reading.values, supersedes: original.id };
    await queueReport(phone.db, correction, { replacePending: true });
    expect((await pushOutbox(phone.deps)).delivered).toBe(1);
    await pullSync(phone.deps);
    const after = await loadUnitData(phone.db);
    expect(reportStatus(after, original.periodId)).toMatchObject({ kind: 'submitted', report: { id: correction.id } });
    const counts = await storedReportCounts(ctx, [original.id, correction.id]);
    expect([...counts.values()]).toEqual([1, 1]);
  });

  it('a revoked device learns it on its next sync and keeps its unsent reports', async () => {
    const user = await createUser(ctx.db, { role: 'village', unitId: c.villages[1]!.id, communeId: c.communeId, device: true });
    const phone = await enrolledPhone(ctx, user);
    await pullSync(phone.deps);
    await queueReport(phone.db, makeReport(c, { village: 1 }));
    await revokeDevice(ctx.db, user.deviceId!, new Date().toISOString());
    const outcome = await pullSync(phone.deps);
    expect(outcome.failure).toBe('revoked');
    expect(await getMeta(phone.db, 'revoked')).toBe(true);
    expect(await phone.db.outbox.count()).toBe(1);
  });
});
