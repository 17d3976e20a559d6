/**
 * Moving a commune: export from one engine, import into the other, and back — every row of
 * every table, with its ids, arrives unchanged; the moved phones' tokens work and a sync from
 * the start returns the commune's records; an import into a database that already holds the
 * commune is refused and writes nothing; and every table the migrations create has a rule.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDatabase, openFresh, postgresAvailable, TEST_CONFIG, type DatabaseKind, type Opened } from './support/databases';
import { insertHousehold, newHousehold, seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { migrateToLatest } from '../../src/server/db/migrate';
import { exportCommune, importCommune, listTables, readExport, TransferError } from '../../src/server/db/commune-transfer';
import { MIGRATOR_TABLES, TRANSFER_RULES } from '../../src/server/db/transfer-rules';
import { createApp } from '../../src/server/app';
import { uuidv7 } from '../../src/shared/ids';
import type { Database } from '../../src/server/db/database';

const dir = mkdtempSync(join(tmpdir(), 'sothidua-transfer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(file: string) {
  const { header, rows } = await readExport(file);
  return { communeId: header.communeId, rows: Object.fromEntries([...rows].map(([t, list]) => [t, list])) };
}

async function syncAs(db: Database, token: string) {
  const app = createApp({ db, clock: () => new Date('2025-06-10T03:00:00Z'), config: TEST_CONFIG });
  const res = await app.request('/api/sync', { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { reports?: { id: string }[]; units?: { id: string }[]; households?: { id: string }[] } };
}

forEachDatabase((ctx) => {
  const other: DatabaseKind = ctx.kind === 'sqlite' ? 'postgres' : 'sqlite';
  const opened: Opened[] = [];
  let a: Commune;
  let b: Commune;
  let reportIds: string[];

  async function fresh(kind: DatabaseKind): Promise<Database> {
    const o = await openFresh(kind);
    opened.push(o);
    await migrateToLatest(o.db);
    return o.db;
  }

  beforeAll(async () => {
    if (other === 'postgres' && !postgresAvailable) throw new Error('the round trip needs PostgreSQL');
    a = await seedCommune(ctx.db);
    b = await seedCommune(ctx.db);
    const reports = [makeReport(a, { village: 0 }), makeReport(a, { village: 1 }), makeReport(a, { village: 0 })];
    const push = await ctx.call('POST', '/api/reports', { token: a.villageUsers[0]!.token!, body: { reports: [reports[0], reports[2]] } });
    expect(push.status).toBe(200);
    const push2 = await ctx.call('POST', '/api/reports', { token: a.villageUsers[1]!.token!, body: { reports: [reports[1]] } });
    expect(push2.status).toBe(200);
    const review = await ctx.call('POST', `/api/reports/${reports[2]!.id}/review` /* the unit's newest: only the current report is approved */, { token: a.office.token!, body: { decision: 'approve', reason: null } });
    expect(review.status).toBe(200);
    await insertHousehold(ctx.db, a.communeId, newHousehold(a.villages[0]!.id, 'Nguyễn Văn Hộ', { address: 'Xóm 1', members: 5, updatedAt: '2025-06-01T00:00:00.000Z' }));
    reportIds = reports.map((r) => r.id);
  });
  afterAll(async () => {
    for (const o of opened) await o.cleanup();
  });

  it(`moves a commune to ${other} and back with every row and id`, async () => {
    const f1 = join(dir, `${ctx.kind}-1.jsonl.gz`);
    const counts = await exportCommune(ctx.db, a.communeId, f1);
    expect(counts).toMatchObject({ reports: 3, reviews: 1, households: 1, plans: 1 });
    expect(counts.units).toBe(1 + a.villages.length + 2);

    const target = await fresh(other);
    const imported = await importCommune(target, f1);
    expect(imported.communeId).toBe(a.communeId);
    const f2 = join(dir, `${ctx.kind}-2.jsonl.gz`);
    await exportCommune(target, a.communeId, f2);
    const original = await rowsOf(f1);
    expect(await rowsOf(f2)).toEqual(original);
    // Nothing of the other commune travelled.
    expect(JSON.stringify(original.rows)).not.toContain(b.communeId);

    // The phones' tokens moved: a sync from the start on the new database finds the commune's records.
    const synced = await syncAs(target, a.villageUsers[0]!.token!);
    expect(synced.status).toBe(200);
    expect(synced.body.reports?.map((r) => r.id).sort()).toEqual([reportIds[0], reportIds[2]].sort());
    expect(synced.body.households).toHaveLength(1);
    const office = await syncAs(target, a.office.token!);
    expect(office.body.reports?.map((r) => r.id).sort()).toEqual([...reportIds].sort());

    const back = await fresh(ctx.kind);
    await importCommune(back, f2);
    const f3 = join(dir, `${ctx.kind}-3.jsonl.gz`);
    await exportCommune(back, a.communeId, f3);
    expect(await rowsOf(f3)).toEqual(original);
  });

  it('refuses an import into a database that already holds the commune, writing nothing', async () => {
    const file = join(dir, `${ctx.kind}-again.jsonl.gz`);
    await exportCommune(ctx.db, a.communeId, file);
    const before = await ctx.db.kysely.selectFrom('changes').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(importCommune(ctx.db, file)).rejects.toThrow(TransferError);
    await expect(importCommune(ctx.db, file)).rejects.toThrow(/đã có xã/);
    const after = await ctx.db.kysely.selectFrom('changes').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a truncated or foreign file', async () => {
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const truncated = join(dir, `${ctx.kind}-truncated.jsonl.gz`);
    const full = join(dir, `${ctx.kind}-full.jsonl.gz`);
    await exportCommune(ctx.db, b.communeId, full);
    const { gunzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const lines = gunzipSync(readFileSync(full)).toString().trim().split('\n');
    writeFileSync(truncated, gzipSync(lines.slice(0, -3).join('\n') + '\n'));
    const target = await fresh(ctx.kind);
    await expect(importCommune(target, truncated)).rejects.toThrow(/cắt ngang|truncated/);
    const foreign = join(dir, `${ctx.kind}-foreign.jsonl.gz`);
    writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
    await expect(importCommune(target, foreign)).rejects.toThrow(/not a commune export/);
    expect(await target.kysely.selectFrom('units').selectAll().execute()).toEqual([]);
  });

  it('has an export rule for every table of the schema', async () => {
    const tables = (await listTables(ctx.db)).filter((t) => !MIGRATOR_TABLES.includes(t));
    const ruled = TRANSFER_RULES.map((r) => r.table);
    const missing = tables.filter((t) => !ruled.includes(t));
    expect(missing, 'add a rule in src/server/db/transfer-rules.ts for each of these tables').toEqual([]);
    expect(ruled.filter((t) => !tables.includes(t)), 'rules for tables that do not exist').toEqual([]);
  });
});
