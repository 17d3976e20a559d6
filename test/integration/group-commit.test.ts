/**
 * Group commit (db/group-commit.ts) on both engines: concurrent small pushes share commits,
 * each push's per-report results are exactly what it would get alone (accepted, duplicate,
 * conflict, rejected), a job that fails is rolled back alone, and an answer comes only after
 * the commit that holds it (another connection already sees the rows when the answer arrives).
 */
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport, type BatchResult } from './support/reports';
import { uuidv7 } from '../../src/shared/ids';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 4 });
  });

  const send = async (village: number, reports: unknown[]) => {
    const res = await ctx.call('POST', '/api/reports', { token: c.villageUsers[village]!.token, body: { reports } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: BatchResult[] }).results;
  };

  it('lets concurrent one-report pushes share commits, each answered after its commit', async () => {
    const other = ctx.openAnother();
    const before = { ...ctx.db.writes.stats };
    const reports = Array.from({ length: 24 }, (_, i) => makeReport(c, { village: i % 4 }));
    const seenAtAnswer = await Promise.all(reports.map(async (r, i) => {
      const [result] = await send(i % 4, [r]);
      expect(result).toMatchObject({ id: r.id, status: 'accepted' });
      // Answered → committed: a separate connection sees the row already.
      const row = await other.kysely.selectFrom('reports').select('id').where('id', '=', r.id).executeTakeFirst();
      return row?.id;
    }));
    expect(seenAtAnswer).toEqual(reports.map((r) => r.id));
    const groups = ctx.db.writes.stats.groups - before.groups;
    const jobs = ctx.db.writes.stats.jobs - before.jobs;
    expect(jobs).toBe(24);
    expect(groups).toBeLessThan(jobs);
  });

  it('answers each push of a shared group exactly as if it were alone', async () => {
    const original = makeReport(c);
    expect((await send(0, [original]))[0]!.status).toBe('accepted');
    const fresh = makeReport(c);
    const twice = makeReport(c, { village: 1 });
    const invalid = makeReport(c, { values: [{ targetId: c.targets.rate.id, numerator: 5, denominator: 4 }] });
    const conflicting = { ...original, note: 'khác' };
    const [a, b, d, e, f] = await Promise.all([
      send(0, [fresh, original]),
      send(1, [twice]),
      send(1, [twice]), // the same report from two requests in one group: stored once
      send(0, [conflicting, invalid]),
      send(2, [makeReport(c, { village: 0 })]), // another village's unit
    ]);
    expect(a.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    expect([b[0]!.status, d[0]!.status].sort()).toEqual(['accepted', 'duplicate']);
    expect(e.map((r) => [r.status, r.code])).toEqual([['rejected', 'report.conflict'], ['rejected', 'value.numerator_exceeds_denominator']]);
    expect(f[0]).toMatchObject({ status: 'rejected', code: 'report.unit_forbidden' });
    const stored = await ctx.db.kysely.selectFrom('reports').select('id').where('id', 'in', [twice.id, fresh.id]).execute();
    expect(stored).toHaveLength(2);
    const changes = await ctx.db.kysely.selectFrom('changes').select('entity_id').where('entity_id', '=', twice.id).execute();
    expect(changes).toHaveLength(1);
  });

  it('rolls back a failing job alone; the others in its group commit', async () => {
    const writes = ctx.db.writes;
    const ok1 = makeReport(c);
    const ok2 = makeReport(c, { village: 1 });
    const ghost = uuidv7();
    const [r1, failed, r2] = await Promise.allSettled([
      send(0, [ok1]),
      writes.run(async (trx) => {
        await trx.insertInto('changes').values({ txid: 1, commune_id: null, unit_id: null, entity: 'units', entity_id: ghost }).execute();
        await sql`select * from no_such_table`.execute(trx);
      }),
      send(1, [ok2]),
    ]);
    expect(r1.status === 'fulfilled' && r1.value[0]!.status).toBe('accepted');
    expect(r2.status === 'fulfilled' && r2.value[0]!.status).toBe('accepted');
    expect(failed.status).toBe('rejected');
    expect(await ctx.db.kysely.selectFrom('changes').select('entity_id').where('entity_id', '=', ghost).execute()).toEqual([]);
    expect(await ctx.db.kysely.selectFrom('reports').select('id').where('id', 'in', [ok1.id, ok2.id]).execute()).toHaveLength(2);
  });
});
