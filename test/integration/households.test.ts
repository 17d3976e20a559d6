/**
 * Household registers through the API, on SQLite and PostgreSQL: a phone's changes applied and
 * synced back, stored once however often or however concurrently they are sent, two phones
 * editing one household (ordered by when it was typed, disputes kept with both values),
 * checklist versions that never rewrite old ticks, the register's export, the office's import,
 * and erasing a person on request.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { forEachDatabase, type TestContext } from './support/databases';
import { createOperator, seedCommune, type Commune } from './support/fixtures';
import { syncAll } from './support/sync';
import { uuidv7 } from '../../src/shared/ids';
import type { Assessment, Household, HouseholdChangeResult } from '../../src/shared/schemas/registers';

const FIVE_NO = 'checklist-5k3s-2014';
let clockAt = Date.parse('2025-06-01T01:00:00.000Z');
/** Changes typed one after another, a second apart. */
const typedAt = () => new Date((clockAt += 1000)).toISOString();

interface Change {
  id?: string;
  householdId: string;
  kind: 'create' | 'field' | 'item' | 'move' | 'merge';
  value: unknown;
  baseRevision?: number;
  createdAt?: string;
  [k: string]: unknown;
}
const change = (c: Change) => ({ id: uuidv7(), baseRevision: 0, createdAt: typedAt(), ...c });

async function push(ctx: TestContext, token: string, changes: unknown[]): Promise<HouseholdChangeResult[]> {
  const res = await ctx.call('POST', '/api/households/changes', { token, body: { changes } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: HouseholdChangeResult[] }).results;
}

async function register(ctx: TestContext, token: string, unitId: string): Promise<{ households: Household[]; assessments: Assessment[] }> {
  const res = await ctx.call('GET', `/api/units/${unitId}/households`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { households: Household[]; assessments: Assessment[] };
}

async function countRows(ctx: TestContext, table: 'household_changes' | 'households' | 'assessments', householdId: string): Promise<number> {
  const column = table === 'households' ? 'id' : 'household_id';
  const row = await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', householdId).executeTakeFirstOrThrow();
  return Number(row.n);
}

forEachDatabase((ctx) => {
  let c: Commune;
  let head: string;
  let periodId: string;
  const createFor = (unitId: string, headName = 'Nguyễn Văn Bình', extra: object = {}) => change({
    householdId: uuidv7(), kind: 'create', value: { unitId, headName, hamlet: 'Xóm Đông', members: 4, ...extra },
  });

  beforeEach(async () => {
    c = await seedCommune(ctx.db);
    head = c.villageUsers[0]!.token;
    periodId = c.periods[0]!.id;
  });

  it('applies a phone\'s create, field and item changes and syncs them back to that village only', async () => {
    const create = createFor(c.villages[0]!.id);
    const hid = create.householdId;
    const results = await push(ctx, head, [
      create,
      change({ householdId: hid, kind: 'field', field: 'members', value: 5, baseRevision: 1 }),
      change({ householdId: hid, kind: 'item', checklistId: FIVE_NO, periodId, itemId: 'sach-nha', value: true, baseRevision: 2 }),
    ]);
    expect(results.map((r) => [r.status, r.revision])).toEqual([['accepted', 1], ['accepted', 2], ['accepted', 3]]);

    const own = await syncAll(ctx, head);
    const h = own.pages.flatMap((p) => p.households).find((x) => x.id === hid) as Household;
    expect(h).toMatchObject({ headName: 'Nguyễn Văn Bình', hamlet: 'Xóm Đông', members: 5, status: 'active', revision: 3, conflicts: [] });
    const a = own.pages.flatMap((p) => p.assessments).find((x) => (x as Assessment).householdId === hid) as Assessment;
    expect(a).toMatchObject({ checklistId: FIVE_NO, checklistVersion: '2014', periodId, by: expect.stringContaining('village') });
    expect(a.items['sach-nha']).toBe(true);
    expect(a.items['sach-bep']).toBeNull();

    const neighbour = JSON.stringify((await syncAll(ctx, c.villageUsers[1]!.token)).pages);
    expect(neighbour).not.toContain('Nguyễn Văn Bình');
    expect(neighbour).not.toContain(hid);
    const operator = await createOperator(ctx.db);
    const op = (await syncAll(ctx, operator.token)).pages;
    expect(op.flatMap((p) => [...p.households, ...p.assessments])).toEqual([]);
  });

  it('stores each change once when the same batch arrives five times at once, and answers a resend as duplicate', async () => {
    const create = createFor(c.villages[0]!.id);
    const batch = [create, change({ householdId: create.householdId, kind: 'field', field: 'poor', value: true, baseRevision: 1 })];
    const answers = await Promise.all(Array.from({ length: 5 }, () => push(ctx, head, batch)));
    for (const i of [0, 1]) {
      const statuses = answers.map((a) => a[i]!.status).sort();
      expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(4);
    }
    expect(await countRows(ctx, 'household_changes', create.householdId)).toBe(2);
    expect(await countRows(ctx, 'households', create.householdId)).toBe(1);
    const h = (await register(ctx, head, c.villages[0]!.id)).households.find((x) => x.id === create.householdId)!;
    expect(h).toMatchObject({ poor: true, revision: 2 });

    // The answer was lost: the phone sends again. Nothing changes.
    expect((await push(ctx, head, batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    // The same id with other content is not a resend.
    expect((await push(ctx, head, [{ ...batch[1], value: false }]))[0]).toMatchObject({ status: 'rejected', code: 'household.change_conflict', path: 'id' });
  });

  it('orders two phones\' edits of one field by when they were typed, keeps both values in dispute, and lets the unit confirm one', async () => {
    const create = createFor(c.villages[0]!.id);
    await push(ctx, head, [create]);
    const hid = create.householdId;
    // Both phones saw revision 1. Phone A typed 5 first; phone B typed 6 later but was online first.
    const typedByA = change({ householdId: hid, kind: 'field', field: 'members', value: 5, baseRevision: 1 });
    const typedByB = change({ householdId: hid, kind: 'field', field: 'members', value: 6, baseRevision: 1 });
    expect((await push(ctx, head, [typedByB]))[0]).toMatchObject({ status: 'accepted', revision: 2 });
    expect((await push(ctx, head, [typedByA]))[0]).toMatchObject({ status: 'accepted', conflict: true });

    let h = (await register(ctx, head, c.villages[0]!.id)).households.find((x) => x.id === hid)!;
    expect(h.members).toBe(6); // the later-typed value stays in force
    expect(h.conflicts).toHaveLength(1);
    expect(h.conflicts[0]!.key).toBe('field:members');
    expect(h.conflicts[0]!.values.map((v) => v.value).sort()).toEqual([5, 6]);

    // A field nobody else touched is no dispute, even from an old revision.
    expect((await push(ctx, head, [change({ householdId: hid, kind: 'field', field: 'hamlet', value: 'Xóm Tây', baseRevision: 1 })]))[0]).not.toHaveProperty('conflict');

    // The village head confirms 5.
    const confirm = change({ householdId: hid, kind: 'field', field: 'members', value: 5, baseRevision: h.revision, resolve: true });
    expect((await push(ctx, head, [confirm]))[0]!.status).toBe('accepted');
    h = (await register(ctx, head, c.villages[0]!.id)).households.find((x) => x.id === hid)!;
    expect(h).toMatchObject({ members: 5, hamlet: 'Xóm Tây', conflicts: [] });
  });

  it('keeps ticks made under one checklist version when the commune adds a new one', async () => {
    const create = createFor(c.villages[0]!.id);
    await push(ctx, head, [create, change({ householdId: create.householdId, kind: 'item', checklistId: FIVE_NO, periodId, itemId: 'khong-sinh-con-thu-ba', value: true, baseRevision: 1 })]);
    const res = await ctx.call('POST', '/api/checklists', { token: c.office.token, body: {
      code: '5k3s', version: '2026-xa', name: '5 không 3 sạch (xã)', source: 'Hướng dẫn của Hội LHPN huyện', validFrom: '2026-01-01', validTo: null,
      items: [{ code: 'khong-doi-ngheo', label: 'Không đói nghèo' }, { code: 'sach-nha', label: 'Sạch nhà' }],
    } });
    expect(res.status).toBe(201);
    const again = await ctx.call('POST', '/api/checklists', { token: c.office.token, body: {
      code: '5k3s', version: '2026-xa', name: 'x', source: '', validFrom: '2026-01-01', validTo: null, items: [{ code: 'a', label: 'a' }],
    } });
    expect(again.status).toBe(409);
    const { assessments } = await register(ctx, head, c.villages[0]!.id);
    expect(assessments).toHaveLength(1);
    expect(assessments[0]).toMatchObject({ checklistId: FIVE_NO, checklistVersion: '2014' });
    expect(assessments[0]!.items['khong-sinh-con-thu-ba']).toBe(true);
    const list = (await (await ctx.call('GET', '/api/checklists', { token: head })).json()) as { checklists: { code: string; version: string }[] };
    expect(list.checklists.filter((s) => s.code === '5k3s').map((s) => s.version).sort()).toEqual(['2014', '2025', '2026-xa']);
  });

  it('refuses what a field user may not touch with the same answer as what does not exist', async () => {
    const theirs = createFor(c.villages[1]!.id);
    await push(ctx, c.villageUsers[1]!.token, [theirs]);
    const mine = await push(ctx, head, [
      change({ householdId: theirs.householdId, kind: 'field', field: 'members', value: 9, baseRevision: 1 }),
      change({ householdId: uuidv7(), kind: 'field', field: 'members', value: 9, baseRevision: 1 }),
      createFor(c.villages[1]!.id),
    ]);
    expect(mine.map((r) => r.code)).toEqual(['household.unknown', 'household.unknown', 'household.unknown_unit']);
    // The neighbour's change id is taken, but not "ours": no duplicate, no hint.
    expect((await push(ctx, head, [theirs]))[0]).toMatchObject({ status: 'rejected', code: 'household.change_conflict' });
    expect((await ctx.call('GET', `/api/units/${c.villages[1]!.id}/households`, { token: head })).status).toBe(404);
  });

  it('rejects bad changes one by one with a code and a path, storing the good ones', async () => {
    const create = createFor(c.villages[0]!.id);
    const results = await push(ctx, head, [
      create,
      change({ householdId: create.householdId, kind: 'field', field: 'members', value: -1, baseRevision: 1 }),
      change({ householdId: create.householdId, kind: 'field', value: 3, baseRevision: 1 }),
      change({ householdId: create.householdId, kind: 'item', checklistId: FIVE_NO, periodId, itemId: 'khong-co', value: true, baseRevision: 1 }),
      change({ householdId: create.householdId, kind: 'item', checklistId: FIVE_NO, periodId, itemId: 'sach-nha', value: 'có', baseRevision: 1 }),
      { id: 'khong-phai-uuid', householdId: create.householdId, kind: 'field' },
      change({ householdId: create.householdId, kind: 'move', value: { reason: '' }, baseRevision: 1 }),
    ]);
    expect(results.map((r) => [r.status, r.code ?? null, r.path ?? null])).toEqual([
      ['accepted', null, null],
      ['rejected', 'value.invalid', 'value'],
      ['rejected', 'value.required', 'field'],
      ['rejected', 'household.unknown_item', 'itemId'],
      ['rejected', 'value.invalid', 'value'],
      ['rejected', 'value.invalid', 'id'],
      ['rejected', expect.any(String), 'value.reason'],
    ]);
    expect(results.every((r) => r.status === 'accepted' || /\p{L}/u.test(r.message ?? ''))).toBe(true);
    expect(await countRows(ctx, 'household_changes', create.householdId)).toBe(1);
  });

  it('marks a household moved away or merged, never deletes it, and stops new ticks on it', async () => {
    const a = createFor(c.villages[0]!.id, 'Trần Thị Lan');
    const b = createFor(c.villages[0]!.id, 'Trần Văn Hùng');
    await push(ctx, head, [a, b]);
    const results = await push(ctx, head, [
      change({ householdId: a.householdId, kind: 'move', value: { reason: 'Chuyển vào Bình Dương' }, baseRevision: 1 }),
      change({ householdId: b.householdId, kind: 'merge', value: { into: a.householdId }, baseRevision: 1 }),
      change({ householdId: a.householdId, kind: 'item', checklistId: FIVE_NO, periodId, itemId: 'sach-nha', value: true, baseRevision: 2 }),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(['accepted', 'household.bad_merge', 'household.not_active']);
    const { households } = await register(ctx, head, c.villages[0]!.id);
    expect(households.find((h) => h.id === a.householdId)).toMatchObject({ status: 'moved', statusReason: 'Chuyển vào Bình Dương' });
    expect(households).toHaveLength(2);
  });

  describe('the office', () => {
    it('exports a unit\'s register with names for that unit, and nobody else gets it', async () => {
      await push(ctx, head, [createFor(c.villages[0]!.id, 'Lê Thị Hoa'), createFor(c.villages[0]!.id, 'Đặng Văn An')]);
      const csv = await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households/export?format=csv`, { token: head });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads UTF-8 only with a BOM
      const rows = parse(new TextDecoder().decode(bytes), { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.map((r) => r['Chủ hộ'])).toEqual(['Đặng Văn An', 'Lê Thị Hoa']); // Vietnamese order
      const xlsx = await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households/export?format=xlsx`, { token: c.office.token });
      expect(xlsx.status).toBe(200);
      expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
      expect((await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households/export?format=csv`, { token: c.villageUsers[1]!.token })).status).toBe(404);
      const other = await seedCommune(ctx.db);
      expect((await ctx.call('GET', `/api/units/${c.villages[0]!.id}/households/export?format=csv`, { token: other.office.token })).status).toBe(404);
    });

    it('previews an import flagging likely duplicates without diacritics, writes nothing until confirmed, then creates the new ones', async () => {
      await push(ctx, head, [createFor(c.villages[0]!.id, 'Nguyễn Văn Bình')]);
      const rows = [
        { headName: 'nguyen van binh', hamlet: 'xom dong' },
        { headName: 'Phạm Thị Mai', hamlet: 'Xóm Tây', members: 3, poor: true },
        { headName: 'Phạm Thị Mai', hamlet: 'Xóm Tây' },
        { headName: '', hamlet: 'Xóm Tây' },
      ];
      const path = `/api/units/${c.villages[0]!.id}/households/import`;
      const preview = (await (await ctx.call('POST', path, { token: c.office.token, body: { rows, dryRun: true } })).json()) as { rows: { status: string; duplicateOf?: unknown }[]; created: number };
      expect(preview.rows.map((r) => r.status)).toEqual(['duplicate', 'new', 'duplicate', 'invalid']);
      expect(preview.rows[2]!.duplicateOf).toEqual({ row: 1 });
      expect(preview.created).toBe(0);
      expect((await register(ctx, head, c.villages[0]!.id)).households).toHaveLength(1);

      const done = (await (await ctx.call('POST', path, { token: c.office.token, body: { rows, dryRun: false } })).json()) as { created: number };
      expect(done.created).toBe(1);
      const after = (await register(ctx, head, c.villages[0]!.id)).households;
      expect(after.map((h) => h.headName).sort()).toEqual(['Nguyễn Văn Bình', 'Phạm Thị Mai']);
      expect(after.find((h) => h.headName === 'Phạm Thị Mai')).toMatchObject({ members: 3, poor: true });
      expect((await ctx.call('POST', path, { token: head, body: { rows, dryRun: true } })).status).toBe(403);
    });

    it('erases a person\'s name and address on request everywhere, keeping the counts', async () => {
      const create = createFor(c.villages[0]!.id, 'Hoàng Thị Riêng', { address: 'Số 9 đường Bí Mật', poor: true });
      await push(ctx, head, [create, change({ householdId: create.householdId, kind: 'item', checklistId: FIVE_NO, periodId, itemId: 'sach-nha', value: true, baseRevision: 1 })]);
      expect((await ctx.call('POST', `/api/households/${create.householdId}/anonymise`, { token: head })).status).toBe(403);
      const res = await ctx.call('POST', `/api/households/${create.householdId}/anonymise`, { token: c.office.token });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ headName: 'Hộ đã ẩn danh', address: null, poor: true, members: 4 });
      const everything = JSON.stringify([
        await ctx.db.kysely.selectFrom('household_changes').selectAll().execute(),
        await ctx.db.kysely.selectFrom('households').selectAll().execute(),
        (await syncAll(ctx, head)).pages,
      ]);
      expect(everything).not.toContain('Hoàng Thị Riêng');
      expect(everything).not.toContain('Bí Mật');
      expect((await register(ctx, head, c.villages[0]!.id)).assessments[0]!.items['sach-nha']).toBe(true);
    });
  });
});
