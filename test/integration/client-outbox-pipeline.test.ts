/**
 * The outbox's faster paths keep its guarantees: the next batch goes out while the previous
 * one is on the wire (never the same report twice, every one receipted before it leaves), a
 * 413 mid-push still delivers everything in the same push, and a save that replaces a period's
 * waiting report leaves one already on the wire alone. Real server on SQLite and PostgreSQL,
 * the phone's IndexedDB on fake-indexeddb.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { enrolledPhone, storedReportCounts } from './client/phone';
import { queueReport } from '../../src/client/data/outbox';
import { pushOutbox } from '../../src/client/data/push';
import type { FetchLike } from '../../src/client/data/http';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
  });

  it('G2/G3: batches overlap on the wire, yet each report is sent once and leaves only with its receipt', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const reports = Array.from({ length: 9 }, () => makeReport(c, { village: 0 }));
    for (const r of reports) await queueReport(phone.db, r);
    let inFlight = 0;
    let mostInFlight = 0;
    const slow: FetchLike = async (input, init) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        await new Promise((ok) => setTimeout(ok, 30));
        return await phone.network.fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const outcome = await pushOutbox({ db: phone.db, fetch: slow, batchSize: 2 });
    expect(outcome).toMatchObject({ delivered: 9, rejected: 0, remaining: 0, failure: null });
    expect(mostInFlight).toBe(2);
    const sent = phone.network.calls.filter((call) => call.method === 'POST').flatMap((call) => call.reportIds);
    expect(sent.sort()).toEqual(reports.map((r) => r.id).sort());
    expect(await phone.db.outbox.count()).toBe(0);
    const counts = await storedReportCounts(ctx, reports.map((r) => r.id));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('G2: after a 413 the smaller batches still deliver every report in the same push', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[1]!);
    const reports = Array.from({ length: 8 }, () => makeReport(c, { village: 1 }));
    for (const r of reports) await queueReport(phone.db, r);
    let refusals = 0;
    const picky: FetchLike = async (input, init) => {
      const response = await phone.network.fetch(input, init);
      const ids = phone.network.calls.at(-1)!.reportIds;
      // A proxy with a small body limit: refuses batches over 2 before the server sees them.
      if (ids.length > 2) {
        refusals++;
        return new Response(JSON.stringify({ code: 'request.too_large', message: 'Quá lớn' }), { status: 413 });
      }
      return response;
    };
    // The refused batches reach the server anyway here (the proxy answers after it): harmless,
    // and the reports count once each.
    const outcome = await pushOutbox({ db: phone.db, fetch: picky, batchSize: 4 });
    expect(refusals).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ delivered: 8, remaining: 0, failure: null });
    expect(await phone.db.outbox.count()).toBe(0);
    const counts = await storedReportCounts(ctx, reports.map((r) => r.id));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("G2: a newer save replaces the period's waiting report but never one on the wire", async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const first = makeReport(c, { village: 0 });
    await queueReport(phone.db, first);
    await phone.db.outbox.update(first.id, { status: 'sending' });
    const second = makeReport(c, { village: 0, periodId: first.periodId });
    await queueReport(phone.db, second, { replacePending: true });
    const third = makeReport(c, { village: 0, periodId: first.periodId });
    await queueReport(phone.db, third, { replacePending: true });
    expect((await phone.db.outbox.toArray()).map((i) => i.id).sort()).toEqual([first.id, third.id].sort());
  });
});
