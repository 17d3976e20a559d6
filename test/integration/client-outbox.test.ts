/**
 * The outbox against the real server (createApp on SQLite and PostgreSQL) with the phone's
 * IndexedDB on fake-indexeddb. Each test is named after the guarantee it proves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { enrolledPhone, storedReportCounts } from './client/phone';
import { FieldDb } from '../../src/client/data/db';
import { queueReport, StorageFullError } from '../../src/client/data/outbox';
import { pushOutbox } from '../../src/client/data/push';
import { retryDelayMs, RETRY_CAP_MS } from '../../src/client/data/retry';
import { saveDraft, loadDraft } from '../../src/client/data/drafts';
import { getMeta } from '../../src/client/data/meta';
import { exportUnsent } from '../../src/client/data/export';
import { revokeDevice } from '../../src/server/db/queries/auth';
import type { ReportSubmission } from '../../src/shared/schemas';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 3 });
  });
  const reportFor = (village = 0, extra: Partial<ReportSubmission> = {}) => makeReport(c, { village, ...extra });

  it('G1: a report is in IndexedDB, committed, before queueReport resolves — and its draft is gone with it', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const report = reportFor(0);
    await saveDraft(phone.db, { periodId: report.periodId, fields: { x: '12' }, note: '', supersedes: null });
    await queueReport(phone.db, report);
    // A second, independent connection (as after the tab is killed and reopened) sees it.
    const reopened = new FieldDb(phone.db.name);
    try {
      const item = await reopened.outbox.get(report.id);
      expect(item?.report).toEqual(report);
      expect(item?.status).toBe('queued');
      expect(await loadDraft(reopened, report.periodId)).toBeUndefined();
    } finally {
      reopened.close();
    }
  });

  it('G2: a report leaves the outbox only with the server receipt for its id; delivered ones appear as the unit\'s reports', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const reports = [reportFor(0), reportFor(0)];
    for (const r of reports) await queueReport(phone.db, r);

    // The server answers, but names only the first report: the second must stay.
    const realFetch = phone.network.fetch;
    let named = '';
    const partial: typeof realFetch = async (input, init) => {
      const res = await realFetch(input, init);
      const body = (await res.json()) as { results: Array<{ id: string }> };
      named = body.results[0]!.id;
      return new Response(JSON.stringify({ results: body.results.slice(0, 1) }), { status: 200 });
    };
    const outcome = await pushOutbox({ db: phone.db, fetch: partial });
    expect(outcome.delivered).toBe(1);
    const unnamed = reports.map((r) => r.id).filter((id) => id !== named);
    expect(unnamed).toHaveLength(1);
    expect((await phone.db.outbox.toArray()).map((i) => i.id)).toEqual(unnamed);
    expect((await phone.db.reports.get(named))?.state).toBe('submitted');

    const again = await pushOutbox(phone.deps);
    expect(again).toMatchObject({ delivered: 1, failure: null, remaining: 0 });
    expect(await phone.db.outbox.count()).toBe(0);
  });

  it('G3: lost response then retry → stored exactly once (the retry is a duplicate, not a second report)', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[1]!);
    const report = reportFor(1);
    await queueReport(phone.db, report);

    phone.network.faults.push('lost-response');
    const first = await pushOutbox(phone.deps);
    expect(first.failure).toBe('network');
    // The server has it, but the phone never heard: it must keep it.
    expect((await storedReportCounts(ctx, [report.id])).get(report.id)).toBe(1);
    expect((await phone.db.outbox.get(report.id))?.status).toBe('queued');

    const retry = await pushOutbox(phone.deps);
    expect(retry).toMatchObject({ delivered: 1, failure: null, remaining: 0 });
    expect((await storedReportCounts(ctx, [report.id])).get(report.id)).toBe(1);
    expect(await phone.db.outbox.count()).toBe(0);
    const lastCall = phone.network.calls.at(-1)!;
    expect(lastCall.status).toBe(200);
  });

  it('G2/G3: a 5xx storm loses nothing — every report is delivered later, each stored once', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[2]!);
    const reports = Array.from({ length: 1200 }, () => reportFor(2));
    for (const r of reports) await queueReport(phone.db, r);
    const ids = reports.map((r) => r.id);

    // Overloaded proxy: refuses some batches, loses the answer of others after the server stored them.
    phone.network.faults.push('503', 'processed-502', 'unreachable', 'processed-502', '503', 'lost-response');
    let rounds = 0;
    for (; rounds < 20 && (await phone.db.outbox.count()) > 0; rounds++) {
      await pushOutbox(phone.deps);
      // At every moment, each report is on the phone or on the server (usually both): nothing lost.
      const onPhone = new Set((await phone.db.outbox.toArray()).map((i) => i.id));
      const onServer = await storedReportCounts(ctx, ids);
      for (const id of ids) expect(onPhone.has(id) || onServer.get(id) === 1).toBe(true);
    }
    expect(await phone.db.outbox.count()).toBe(0);
    const counts = await storedReportCounts(ctx, ids);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Batches of at most 500, gzip'd.
    const posts = phone.network.calls.filter((call) => call.method === 'POST');
    expect(Math.max(...posts.map((p) => p.reportIds.length))).toBe(500);
    expect(posts.every((p) => p.encoding === 'gzip')).toBe(true);
  });

  it('G2: a rejected report is kept, marked with the server\'s Vietnamese message, while the rest of the batch is delivered', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const good = reportFor(0);
    // A target the village does not carry: the server refuses it.
    const bad = reportFor(0, { values: [{ targetId: c.targets.associationOnly.id, value: 5 }] });
    await queueReport(phone.db, good);
    await queueReport(phone.db, bad);
    const outcome = await pushOutbox(phone.deps);
    expect(outcome).toMatchObject({ delivered: 1, rejected: 1, remaining: 0 });
    const kept = await phone.db.outbox.get(bad.id);
    expect(kept?.status).toBe('rejected');
    expect(kept?.lastError).toMatchObject({ code: 'report.target_not_assigned', message: 'Chỉ tiêu này không được giao cho đơn vị của bạn.' });
    expect(kept?.report).toEqual(bad);
    // Not resent automatically (it would be refused again), nor dropped.
    const again = await pushOutbox(phone.deps);
    expect(again.delivered + again.rejected).toBe(0);
    expect(await phone.db.outbox.get(bad.id)).toBeDefined();
    expect((await storedReportCounts(ctx, [bad.id])).get(bad.id)).toBe(0);
  });

  it('G2: a 4xx for the whole batch keeps every report, marked with the message, and a 401 invalid token keeps them queued', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const reports = [reportFor(0), reportFor(0)];
    for (const r of reports) await queueReport(phone.db, r);
    const refusing = async () =>
      new Response(JSON.stringify({ code: 'request.unsupported_encoding', message: 'Kiểu nén dữ liệu không được hỗ trợ.' }), { status: 415 });
    const outcome = await pushOutbox({ db: phone.db, fetch: refusing });
    expect(outcome.rejected).toBe(2);
    for (const r of reports) {
      expect(await phone.db.outbox.get(r.id)).toMatchObject({ status: 'rejected', lastError: { code: 'request.unsupported_encoding', message: 'Kiểu nén dữ liệu không được hỗ trợ.' } });
    }

    const stranger = await enrolledPhone(ctx, { ...c.villageUsers[1]!, token: 'not-a-token' });
    const r = reportFor(1);
    await queueReport(stranger.db, r);
    expect((await pushOutbox(stranger.deps)).failure).toBe('auth');
    expect((await stranger.db.outbox.get(r.id))?.status).toBe('queued');
  });

  it('G8: a revoked device stops pushing, keeps its reports, and the export imports through the normal endpoint with duplicates caught', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[1]!);
    const delivered = reportFor(1);
    await queueReport(phone.db, delivered);
    phone.network.faults.push('lost-response'); // stored on the server, unknown to the phone
    await pushOutbox(phone.deps);
    const unsent = reportFor(1);
    await queueReport(phone.db, unsent);
    await saveDraft(phone.db, { periodId: c.periods[1]!.id, fields: { a: '2.5' }, note: 'dở', supersedes: null });

    await revokeDevice(ctx.db, c.villageUsers[1]!.deviceId!, new Date().toISOString());
    const outcome = await pushOutbox(phone.deps);
    expect(outcome.failure).toBe('revoked');
    expect(await getMeta(phone.db, 'revoked')).toBe(true);
    expect(await phone.db.outbox.count()).toBe(2);
    // Once revoked, it does not even try.
    const calls = phone.network.calls.length;
    expect((await pushOutbox(phone.deps)).failure).toBe('revoked');
    expect(phone.network.calls.length).toBe(calls);

    const file = JSON.parse(JSON.stringify(await exportUnsent(phone.db)));
    expect(file.reports.map((r: ReportSubmission) => r.id).sort()).toEqual([delivered.id, unsent.id].sort());
    expect(file.drafts).toHaveLength(1);
    // The office imports the file as it is.
    const res = await ctx.call('POST', '/api/reports', { token: c.office.token, body: file });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ id: string; status: string }> };
    const byId = Object.fromEntries(results.map((r) => [r.id, r.status]));
    expect(byId[delivered.id]).toBe('duplicate');
    expect(byId[unsent.id]).toBe('accepted');
    const counts = await storedReportCounts(ctx, [delivered.id, unsent.id]);
    expect([...counts.values()]).toEqual([1, 1]);
  });

  it('G8: a full disk is reported, not swallowed: the send fails visibly, the warning shows, and clears after the next good write', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    // IndexedDB refuses the write the way a full phone does.
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    phone.db.outbox.hook('creating', full);
    const report = reportFor(0);
    await expect(queueReport(phone.db, report)).rejects.toBeInstanceOf(StorageFullError);
    expect(await getMeta(phone.db, 'quotaError')).toBe(true);
    expect(await phone.db.outbox.get(report.id)).toBeUndefined();
    phone.db.outbox.hook('creating').unsubscribe(full);
    await queueReport(phone.db, report);
    expect(await getMeta(phone.db, 'quotaError')).toBe(false);
    expect(await phone.db.outbox.get(report.id)).toBeDefined();
  });

  // Two pushes in one JavaScript context, sharing the Web Lock the page and the service worker
  // share: it proves the lock serialises them; test/e2e/push-page-and-worker.test.ts runs the
  // same race in a real page and a real service worker.
  it('G3: two pushes at once, as from the page and the service worker, send each report once', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const reports = Array.from({ length: 20 }, () => reportFor(0));
    for (const r of reports) await queueReport(phone.db, r);
    const before = phone.network.calls.length;
    const [a, b] = await Promise.all([pushOutbox(phone.deps), pushOutbox(phone.deps)]);
    expect(a.delivered + b.delivered).toBe(20);
    const sent = phone.network.calls.slice(before).flatMap((call) => call.reportIds);
    expect(sent.sort()).toEqual(reports.map((r) => r.id).sort());
  });
});

describe('retry delay', () => {
  it('grows exponentially with full jitter and is capped at five minutes', () => {
    expect(retryDelayMs(1, () => 0.999)).toBeLessThan(2_000);
    expect(retryDelayMs(3, () => 0.999)).toBeGreaterThan(7_000);
    expect(retryDelayMs(3, () => 0.999)).toBeLessThan(8_000);
    expect(retryDelayMs(30, () => 0.999)).toBeLessThan(RETRY_CAP_MS);
    expect(retryDelayMs(30, () => 0.999)).toBeGreaterThan(RETRY_CAP_MS - 1_000);
    expect(retryDelayMs(5, () => 0)).toBe(0);
  });
});
