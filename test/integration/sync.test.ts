import { beforeAll, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { forEachDatabase } from './support/databases';
import { createOperator, createUser, insertHousehold, newHousehold, seedCommune, type Commune, type TestUser } from './support/fixtures';
import { makeReport } from './support/reports';
import { idsOf, syncAll, syncOnce } from './support/sync';
import { uuidv7 } from '../../src/shared/ids';
import type { Household } from '../../src/shared/schemas/registers';
import { inTransaction } from '../../src/server/db/handle';
import { householdToRow } from '../../src/server/db/queries/records';
import { SyncResponse } from '../../src/shared/schemas/sync';

const household = (unitId: string, name = 'Nguyễn Văn A'): Household => newHousehold(unitId, name, { updatedAt: '2025-05-01T00:00:00.000Z' });

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  let operator: TestUser;
  let h0: Household;
  let h1: Household;
  beforeAll(async () => {
    c = await seedCommune(ctx.db);
    other = await seedCommune(ctx.db);
    operator = await createOperator(ctx.db);
    h0 = household(c.villages[0]!.id);
    h1 = household(c.villages[1]!.id, 'Trần Thị B');
    await insertHousehold(ctx.db, c.communeId, h0);
    await insertHousehold(ctx.db, c.communeId, h1);
    await insertHousehold(ctx.db, other.communeId, household(other.villages[0]!.id));
  });

  it('gives a village head the commune structure, only their own assignments and households, shaped by the schema', async () => {
    const { pages } = await syncAll(ctx, c.villageUsers[0]!.token);
    for (const page of pages) expect(SyncResponse.safeParse(page).success).toBe(true);
    const units = idsOf(pages, 'units');
    expect(units).toEqual(expect.arrayContaining([c.communeId, ...c.villages.map((v) => v.id), c.association.id]));
    expect(units).not.toContain(other.communeId);
    expect(idsOf(pages, 'plans')).toEqual([c.plan.id]);
    expect(idsOf(pages, 'periods').sort()).toEqual(c.periods.map((p) => p.id).sort());
    expect(idsOf(pages, 'targets')).toHaveLength(Object.keys(c.targets).length);
    const own = c.assignments.filter((a) => a.unitId === c.villages[0]!.id).map((a) => a.id).sort();
    expect(idsOf(pages, 'assignments').sort()).toEqual(own);
    expect(idsOf(pages, 'households')).toEqual([h0.id]);
    const plan = pages.flatMap((p) => p.plans)[0];
    expect(plan).toEqual(c.plan);
  });

  it("shows a unit's reports to every device of that unit and to the office, but not to another village", async () => {
    const secondPhone = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId, device: true });
    const report = makeReport(c);
    const res = await ctx.call('POST', '/api/reports', { token: c.villageUsers[0]!.token, body: { reports: [report] } });
    expect(res.status).toBe(200);

    const seenBySecond = (await syncAll(ctx, secondPhone.token)).pages.flatMap((p) => p.reports);
    expect(seenBySecond).toEqual([expect.objectContaining({ id: report.id, state: 'submitted', values: report.values, note: report.note, deviceId: c.villageUsers[0]!.deviceId })]);
    expect(idsOf((await syncAll(ctx, c.villageUsers[1]!.token)).pages, 'reports')).not.toContain(report.id);
    const officePages = (await syncAll(ctx, c.office.token)).pages;
    expect(idsOf(officePages, 'reports')).toContain(report.id);
    for (const page of officePages) expect(SyncResponse.safeParse(page).error).toBeUndefined();
    expect(idsOf((await syncAll(ctx, other.office.token)).pages, 'reports')).not.toContain(report.id);
  });

  it('gives the office all households of its commune and the operator every commune but no households at all', async () => {
    const office = (await syncAll(ctx, c.office.token)).pages;
    expect(idsOf(office, 'households').sort()).toEqual([h0.id, h1.id].sort());
    const op = (await syncAll(ctx, operator.token)).pages;
    expect(op.flatMap((p) => p.households)).toEqual([]);
    expect(idsOf(op, 'units')).toEqual(expect.arrayContaining([c.communeId, other.communeId]));
    expect(idsOf(op, 'plans')).toEqual(expect.arrayContaining([c.plan.id, other.plan.id]));
  });

  it('sends only what changed since the cursor, and the review back to the phone', async () => {
    const phone = c.villageUsers[1]!;
    const { cursor } = await syncAll(ctx, phone.token);
    const empty = await syncOnce(ctx, phone.token, cursor);
    expect(empty.more).toBe(false);
    expect(idsOf([empty], 'reports')).toEqual([]);

    const report = makeReport(c, { village: 1 });
    await ctx.call('POST', '/api/reports', { token: phone.token, body: { reports: [report] } });
    const returned = await ctx.call('POST', `/api/reports/${report.id}/review`, { token: c.office.token, body: { decision: 'return', reason: 'Thiếu số hộ' } });
    expect(returned.status).toBe(200);
    const next = await syncOnce(ctx, phone.token, cursor);
    expect(next.reports).toEqual([expect.objectContaining({ id: report.id, state: 'returned' })]);
    expect(next.reviews).toEqual([expect.objectContaining({ reportId: report.id, decision: 'return', reason: 'Thiếu số hộ', by: expect.any(String) })]);
    expect(next.units).toEqual([]);
  });

  it('sends deletes as tombstones', async () => {
    const phone = c.villageUsers[0]!;
    const { cursor } = await syncAll(ctx, phone.token);
    const assignment = c.assignments.find((a) => a.unitId === c.villages[0]!.id && a.targetId === c.targets.rank.id)!;
    await inTransaction(ctx.db, async (tx) => {
      await tx.kysely.updateTable('households').set({ deleted: 1 }).where('id', '=', h0.id).execute();
      await tx.kysely.deleteFrom('assignments').where('id', '=', assignment.id).execute();
    });
    const page = await syncOnce(ctx, phone.token, cursor);
    expect(page.households).toEqual([{ id: h0.id, deleted: true }]);
    expect(page.assignments).toEqual([{ id: assignment.id, deleted: true }]);
  });

  it('pages a large window (1,000 records a page) and returns every record exactly once', async () => {
    const phone = c.villageUsers[0]!;
    const { cursor } = await syncAll(ctx, phone.token);
    const many = Array.from({ length: 2345 }, (_, i) => household(c.villages[0]!.id, `Hộ ${i}`));
    const otherUnit = Array.from({ length: 50 }, (_, i) => household(c.villages[1]!.id, `Hộ khác ${i}`));
    // Several transactions, so the window spans many txids.
    for (let i = 0; i < many.length; i += 500) {
      const chunk = [...many.slice(i, i + 500), ...(i === 0 ? otherUnit : [])];
      await inTransaction(ctx.db, async (tx) => {
        for (let j = 0; j < chunk.length; j += 100) {
          await tx.kysely.insertInto('households').values(chunk.slice(j, j + 100).map((h) => householdToRow(h, c.communeId))).execute();
        }
      });
    }
    const { pages } = await syncAll(ctx, phone.token, cursor);
    expect(pages.map((p) => p.more)).toEqual([true, true, false]);
    expect(pages.map((p) => p.households.length)).toEqual([1000, 1000, 345]);
    const ids = idsOf(pages, 'households');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(many.map((h) => h.id).sort());
  });

  it('answers a cursor it cannot use with 409 sync.cursor_reset: garbled, negative, another database\'s, ahead of this one', async () => {
    const token = c.office.token;
    const { cursor } = await syncAll(ctx, token);
    const made = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v: 1; f: number; t: null; l: null; d: string };
    expect(made.d).toEqual(expect.any(String));
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const bad = {
      garbled: 'garbage',
      notAnObject: enc([1]),
      negative: enc({ v: 1, f: -4294895218, t: null, l: null }),
      otherDatabase: enc({ ...made, d: '00000000-0000-4000-8000-000000000000' }),
      ahead: enc({ ...made, f: made.f + 1_000_000 }),
      aheadPaging: enc({ ...made, t: made.f + 1_000_000, l: [made.f, 1] }),
      lastOutsideWindow: enc({ ...made, t: made.f, f: 0, l: [made.f + 5, 1] }),
    };
    for (const [why, text] of Object.entries(bad)) {
      const res = await ctx.call('GET', `/api/sync?cursor=${text}`, { token });
      expect(res.status, why).toBe(409);
      expect(await res.json(), why).toMatchObject({ code: 'sync.cursor_reset', path: 'cursor', message: expect.stringContaining('đồng bộ lại') });
    }
    // Cursors made before they carried the database id still work.
    const { d: _d, ...old } = made;
    expect((await ctx.call('GET', `/api/sync?cursor=${enc(old)}`, { token })).status).toBe(200);
    expect((await ctx.call('GET', `/api/sync?cursor=${cursor}`, { token })).status).toBe(200);
  });

  it('gzips a sync page for a phone that accepts it (3G), and leaves it plain for one that does not', async () => {
    const token = c.villageUsers[0]!.token;
    const zipped = await ctx.call('GET', '/api/sync', { token, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const page = JSON.parse(gunzipSync(bytes).toString('utf8'));
    expect(SyncResponse.safeParse(page).success).toBe(true);
    expect(bytes.length).toBeLessThan(JSON.stringify(page).length / 2);
    const plain = await ctx.call('GET', '/api/sync', { token });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(SyncResponse.safeParse(await plain.json()).success).toBe(true);
  });
});

forEachDatabase((ctx) => {
  // jsonResponse (http/errors.ts): compress() knows an answer's size only from Content-Length.
  it('sends answers under 1 KB (a one-report receipt, an error) plain, with their Content-Length, even to a phone accepting gzip', async () => {
    const c = await seedCommune(ctx.db);
    const token = c.villageUsers[0]!.token;
    const headers = { 'accept-encoding': 'gzip' };
    const receipt = await ctx.call('POST', '/api/reports', { token, headers, body: { reports: [makeReport(c)] } });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-encoding')).toBeNull();
    const text = await receipt.text();
    expect(receipt.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text).results[0].status).toBe('accepted');
    const refused = await ctx.call('GET', '/api/sync', { token: 'x'.repeat(30), headers });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(await refused.json()).toMatchObject({ code: 'auth.invalid_token' });
  });
});
