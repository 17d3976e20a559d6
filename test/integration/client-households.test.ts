/**
 * The phone's household change queue (src/client/data/household-changes.ts, household-push.ts)
 * on fake-indexeddb against the real server, on SQLite and PostgreSQL. Named after what they
 * prove: on disk before "saved", pushed once whatever the network does, refusals kept and shown,
 * and two phones of one unit disputing a value see it and settle it.
 */
import { beforeEach, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { createUser, seedCommune, type Commune } from './support/fixtures';
import { enrolledPhone, type Phone } from './client/phone';
import { FieldDb } from '../../src/client/data/db';
import { createHousehold, editHousehold, tickItem, moveHousehold, mergeHousehold, confirmConflictValue } from '../../src/client/data/household-changes';
import { pushHouseholdChanges, pushEverything } from '../../src/client/data/household-push';
import { pullSync } from '../../src/client/data/sync';
import { loadRegister } from '../../src/client/data/register-data';
import { openFieldData } from '../../src/client/data/field-data';
import { meetsChecklist } from '../../src/shared/registers';
import type { Household } from '../../src/shared/schemas';

const FIVE_NO = 'checklist-5k3s-2014';

async function storedChanges(ctx: TestContext, ids: string[]): Promise<number> {
  const rows = await ctx.db.kysely.selectFrom('household_changes').select('id').where('id', 'in', ids).execute();
  return rows.length;
}

async function serverRegister(ctx: TestContext, token: string, unitId: string) {
  const res = await ctx.call('GET', `/api/units/${unitId}/households`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { households: Household[]; assessments: Array<{ householdId: string; items: Record<string, boolean | null> }> };
}

const queuedIds = async (phone: Phone) => (await phone.db.householdOutbox.orderBy('queuedAt').toArray()).map((i) => i.id);

forEachDatabase((ctx) => {
  let c: Commune;
  let periodId: string;
  beforeEach(async () => {
    c = await seedCommune(ctx.db);
    periodId = c.periods[0]!.id;
  });

  it('a household typed offline is in IndexedDB, with its change queued, before "saved"; survives a reload; is pushed once', async () => {
    const phone = await enrolledPhone(ctx, c.associationUser, 'Chi hội trưởng');
    phone.network.always = 'unreachable';
    const id = await createHousehold(phone.db, c.association.id, { headName: 'Nguyễn Thị Hoà', hamlet: 'Xóm Đông', members: 4 });
    expect((await tickItem(phone.db, id, FIVE_NO, periodId, 'sach-nha', true)).status).toBe('queued');
    // A second connection, as after the tab was killed and opened again.
    const reopened = new FieldDb(phone.db.name);
    try {
      expect(await reopened.households.get(id)).toMatchObject({ headName: 'Nguyễn Thị Hoà', hamlet: 'Xóm Đông', members: 4, revision: 2 });
      const [a] = await reopened.assessments.where('householdId').equals(id).toArray();
      expect(a?.items['sach-nha']).toBe(true);
      expect((await reopened.householdOutbox.orderBy('queuedAt').toArray()).map((i) => [i.change.kind, i.status])).toEqual([['create', 'queued'], ['item', 'queued']]);
    } finally {
      reopened.close();
    }
    // The same tap again changes nothing and queues nothing.
    expect((await tickItem(phone.db, id, FIVE_NO, periodId, 'sach-nha', true)).status).toBe('unchanged');

    const offline = await pushHouseholdChanges(phone.deps);
    expect(offline).toMatchObject({ failure: 'network', remaining: 2, delivered: 0 });
    const ids = await queuedIds(phone);
    expect(await storedChanges(ctx, ids)).toBe(0);

    phone.network.always = 'none';
    expect(await pushHouseholdChanges(phone.deps)).toMatchObject({ delivered: 2, failure: null, remaining: 0 });
    expect(await phone.db.householdOutbox.count()).toBe(0);
    expect(await storedChanges(ctx, ids)).toBe(2);
    const server = await serverRegister(ctx, c.office.token, c.association.id);
    expect(server.households.find((h) => h.id === id)).toMatchObject({ headName: 'Nguyễn Thị Hoà', revision: 2 });
    expect(server.assessments.find((a) => a.householdId === id)?.items['sach-nha']).toBe(true);

    // The sync brings the server's copies; the local stand-in assessment gives way to the server's.
    expect((await pullSync(phone.deps)).failure).toBeNull();
    const assessments = await phone.db.assessments.where('householdId').equals(id).toArray();
    expect(assessments).toHaveLength(1);
    expect(assessments[0]!.id.startsWith('local:')).toBe(false);
    expect(await phone.db.checklists.get(FIVE_NO)).toMatchObject({ code: '5k3s' });
  });

  it('lost response → the push fails, the changes stay; the resend is a duplicate and removes them; each stored once', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const id = await createHousehold(phone.db, c.villages[0]!.id, { headName: 'Trần Văn Bình' });
    await editHousehold(phone.db, id, 'members', 5);
    const ids = await queuedIds(phone);
    phone.network.faults.push('lost-response');
    expect((await pushHouseholdChanges(phone.deps)).failure).toBe('network');
    expect(await storedChanges(ctx, ids)).toBe(2);
    expect(await queuedIds(phone)).toEqual(ids);
    expect((await phone.db.householdOutbox.toArray()).every((i) => i.status === 'queued')).toBe(true);

    const answers: string[] = [];
    const realFetch = phone.network.fetch;
    const watching: typeof realFetch = async (input, init) => {
      const res = await realFetch(input, init);
      const body = (await res.clone().json()) as { results: Array<{ status: string }> };
      answers.push(...body.results.map((r) => r.status));
      return res;
    };
    expect(await pushHouseholdChanges({ db: phone.db, fetch: watching })).toMatchObject({ delivered: 2, remaining: 0 });
    expect(answers).toEqual(['duplicate', 'duplicate']);
    expect(await phone.db.householdOutbox.count()).toBe(0);
    expect(await storedChanges(ctx, ids)).toBe(2);
  });

  it('server gone mid-push (processed, then 502; then unreachable): nothing lost, nothing doubled, delivered when it returns', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const id = await createHousehold(phone.db, c.villages[0]!.id, { headName: 'Lê Thị Cúc' });
    for (const item of ['sach-nha', 'sach-bep', 'sach-ngo']) await tickItem(phone.db, id, FIVE_NO, periodId, item, true);
    const ids = await queuedIds(phone);
    phone.network.faults.push('processed-502');
    expect((await pushHouseholdChanges(phone.deps)).failure).toBe('server');
    phone.network.always = 'unreachable';
    expect((await pushEverything(phone.deps)).failure).toBe('network');
    expect(await queuedIds(phone)).toEqual(ids);
    phone.network.always = 'none';
    expect(await pushEverything(phone.deps)).toMatchObject({ failure: null, remaining: 0 });
    expect(await storedChanges(ctx, ids)).toBe(4);
    const a = (await serverRegister(ctx, c.office.token, c.villages[0]!.id)).assessments.find((x) => x.householdId === id)!;
    expect([a.items['sach-nha'], a.items['sach-bep'], a.items['sach-ngo']]).toEqual([true, true, true]);
  });

  it('the same queued changes pushed 5× in parallel (five copies of the phone) are stored once, and leave every copy', async () => {
    const first = await enrolledPhone(ctx, c.villageUsers[1]!);
    const id = await createHousehold(first.db, c.villages[1]!.id, { headName: 'Phạm Văn Dũng', hamlet: 'Xóm Tây' });
    await tickItem(first.db, id, FIVE_NO, periodId, 'khong-doi-ngheo', true);
    const items = await first.db.householdOutbox.toArray();
    const copies = [first];
    for (let i = 0; i < 4; i++) {
      const p = await enrolledPhone(ctx, c.villageUsers[1]!);
      await p.db.householdOutbox.bulkAdd(items);
      copies.push(p);
    }
    const outcomes = await Promise.all(copies.map((p) => pushHouseholdChanges(p.deps)));
    expect(outcomes.every((o) => o.failure === null && o.delivered === 2 && o.remaining === 0)).toBe(true);
    expect(await storedChanges(ctx, items.map((i) => i.id))).toBe(2);
    const rows = await ctx.db.kysely.selectFrom('households').select('id').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('a refused change stays in the queue with the Vietnamese message, and its value goes out of the local register', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const id = await createHousehold(phone.db, c.villages[0]!.id, { headName: 'Đỗ Thị Én' });
    await tickItem(phone.db, id, FIVE_NO, periodId, 'khong-co-such-item', true);
    const outcome = await pushHouseholdChanges(phone.deps);
    expect(outcome).toMatchObject({ delivered: 1, rejected: 1, remaining: 0, failure: null });
    const [refused] = await phone.db.householdOutbox.toArray();
    expect(refused).toMatchObject({ status: 'rejected', lastError: { code: 'household.unknown_item', path: 'itemId' } });
    expect(refused!.lastError!.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    const [a] = await phone.db.assessments.where('householdId').equals(id).toArray();
    expect(a?.items['khong-co-such-item'] ?? null).toBeNull();
    // Shown by the register and counted apart from the waiting ones; a later push does not resend it.
    const data = openFieldData(phone.db);
    expect(await data.outboxCounts()).toMatchObject({ householdWaiting: 0, householdRejected: 1 });
    expect((await loadRegister(phone.db)).refused.map((i) => i.id)).toEqual([refused!.id]);
    phone.network.calls.length = 0;
    await pushHouseholdChanges(phone.deps);
    expect(phone.network.calls.filter((call) => call.path.includes('/households/changes'))).toHaveLength(0);
    await data.dismissRefusedChange(refused!.id);
    expect(await phone.db.householdOutbox.count()).toBe(0);
  });

  it('a change made while a sync page is applied is not hidden by the server\'s older copy', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const id = await createHousehold(phone.db, c.villages[0]!.id, { headName: 'Hoàng Văn Giang', members: 3 });
    await pushEverything(phone.deps);
    await editHousehold(phone.db, id, 'members', 7);
    // A pull before the push: the server still says 3.
    expect((await pullSync(phone.deps)).failure).toBeNull();
    expect((await phone.db.households.get(id))?.members).toBe(7);
    await pushEverything(phone.deps);
    await pullSync(phone.deps);
    expect(await phone.db.households.get(id)).toMatchObject({ members: 7, revision: 2, conflicts: [] });
  });

  it('two phones of one unit edit one household offline: after sync both see the dispute with both values; one confirms, both see it settled', async () => {
    const other = await createUser(ctx.db, { role: 'association', unitId: c.association.id, communeId: c.communeId, device: true, name: 'Chi hội phó' });
    const a = await enrolledPhone(ctx, c.associationUser, 'Chi hội trưởng');
    const b = await enrolledPhone(ctx, other, 'Chi hội phó');
    const id = await createHousehold(a.db, c.association.id, { headName: 'Vũ Thị Hạnh', members: 4 });
    await pushEverything(a.deps);
    await pullSync(a.deps);
    await pullSync(b.deps);
    expect((await b.db.households.get(id))?.headName).toBe('Vũ Thị Hạnh');

    // Both offline; A types first, B later; A's phone is online first.
    const t0 = Date.now();
    await editHousehold(a.db, id, 'members', 5, { now: t0 });
    await tickItem(a.db, id, FIVE_NO, periodId, 'sach-ngo', true, { now: t0 });
    await editHousehold(b.db, id, 'members', 6, { now: t0 + 60_000 });
    await pushEverything(a.deps);
    await pushEverything(b.deps);
    for (const p of [a, b]) expect((await pullSync(p.deps)).failure).toBeNull();

    for (const p of [a, b]) {
      const h = (await p.db.households.get(id))!;
      expect(h.members).toBe(6); // the later typed is in force
      expect(h.conflicts).toHaveLength(1);
      expect(h.conflicts[0]!.key).toBe('field:members');
      expect(h.conflicts[0]!.values.map((v) => [v.value, v.by])).toEqual([[5, expect.any(String)], [6, expect.any(String)]]);
      // B's own tick-free edit did not hide A's tick.
      const [assessment] = await p.db.assessments.where('householdId').equals(id).toArray();
      expect(assessment?.items['sach-ngo']).toBe(true);
    }

    // A confirms 5: the dispute is gone on A at once (optimistic), and on the server and B after sync.
    expect((await confirmConflictValue(a.db, id, 'field:members', 5)).status).toBe('queued');
    expect(await a.db.households.get(id)).toMatchObject({ members: 5, conflicts: [] });
    await pushEverything(a.deps);
    for (const p of [a, b]) await pullSync(p.deps);
    for (const p of [a, b]) expect(await p.db.households.get(id)).toMatchObject({ members: 5, conflicts: [] });
    expect((await serverRegister(ctx, c.office.token, c.association.id)).households.find((h) => h.id === id)).toMatchObject({ members: 5, conflicts: [] });
  });

  it('moved away and merged households stay in the register with their reason; the checklist verdict counts on the phone as on the server', async () => {
    const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
    const unit = c.villages[0]!.id;
    const keep = await createHousehold(phone.db, unit, { headName: 'Ngô Văn Khải' });
    const twice = await createHousehold(phone.db, unit, { headName: 'Ngô Văn Khai' });
    const gone = await createHousehold(phone.db, unit, { headName: 'Bùi Thị Lan' });
    await mergeHousehold(phone.db, twice, keep, 'Ghi trùng');
    await moveHousehold(phone.db, gone, 'Vào Bình Dương làm ăn');
    await pushEverything(phone.deps);
    await pullSync(phone.deps);
    const register = await loadRegister(phone.db);
    expect(register.households.map((h) => [h.headName, h.status, h.statusReason, h.mergedInto]).sort()).toEqual([
      ['Bùi Thị Lan', 'moved', 'Vào Bình Dương làm ăn', null],
      ['Ngô Văn Khai', 'merged', 'Ghi trùng', keep],
      ['Ngô Văn Khải', 'active', null, null],
    ]);
    const checklist = register.checklists.find((s) => s.id === FIVE_NO)!;
    for (const item of checklist.items) await tickItem(phone.db, keep, FIVE_NO, periodId, item.code, true);
    const local = (await loadRegister(phone.db)).assessments.find((x) => x.householdId === keep);
    expect(meetsChecklist(checklist, local?.items)).toBe(true);
    await pushEverything(phone.deps);
    const server = (await serverRegister(ctx, c.office.token, unit)).assessments.find((x) => x.householdId === keep);
    expect(meetsChecklist(checklist, server?.items)).toBe(true);
  });
});
