/**
 * The case a plain sequence cursor gets wrong on PostgreSQL: a transaction takes its
 * sequence number, stays open while a later one commits and a phone syncs past it, then
 * commits. With the (txid, horizon) cursor the phone still receives it.
 */
import { beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { forEachDatabase, TEST_DATABASE_URL } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { syncAll, idsOf } from './support/sync';
import { uuidv7 } from '../../src/shared/ids';
import { unitToRow } from '../../src/server/db/queries/records';
import type { DbHandle } from '../../src/server/db/handle';
import type { Unit } from '../../src/shared/schemas/units';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db);
  });

  const village = (name: string): Unit => ({
    id: uuidv7(), parentId: c.communeId, kind: 'village', name, communeId: c.communeId, successorId: null, replacedOn: null,
  });
  const writeUnit = async (tx: DbHandle, unit: Unit) => {
    await tx.kysely.insertInto('units').values(unitToRow(unit, '2025-06-01T00:00:00.000Z')).execute();
  };

  it('delivers a change whose transaction commits after a later one was already synced', async () => {
    const phone = c.villageUsers[0]!;
    const { cursor: start } = await syncAll(ctx, phone.token);

    const late = village('Thôn Chậm');
    const early = village('Thôn Nhanh');
    const tx1 = await ctx.db.kysely.startTransaction().execute();
    await writeUnit({ kysely: tx1, dialect: ctx.db.dialect }, late); // takes its seq first, stays open

    const tx2 = await ctx.db.kysely.startTransaction().execute();
    await writeUnit({ kysely: tx2, dialect: ctx.db.dialect }, early);
    await tx2.commit().execute();

    const seqs = await ctx.db.kysely.selectFrom('changes').select(['entity_id', 'seq']).where('entity_id', 'in', [early.id]).execute();
    expect(seqs).toHaveLength(1); // tx1's row is not visible yet

    const during = await syncAll(ctx, phone.token, start);
    const seenDuring = idsOf(during.pages, 'units');
    expect(seenDuring).not.toContain(late.id);

    await tx1.commit().execute();
    const rows = await ctx.db.kysely.selectFrom('changes').select(['entity_id', 'seq']).where('entity_id', 'in', [late.id, early.id]).execute();
    const seqOf = (id: string) => Number(rows.find((r) => r.entity_id === id)!.seq);
    // The dangerous order: the late commit holds the SMALLER sequence number.
    expect(seqOf(late.id)).toBeLessThan(seqOf(early.id));

    // The horizon counts this database's write transactions only (each test file has its own
    // database), so the very next sync brings the late commit.
    const after = await syncAll(ctx, phone.token, during.cursor);
    const seenAfter = idsOf(after.pages, 'units');
    expect(seenAfter).toContain(late.id);
    // Nothing lost, nothing twice: together the two syncs hold both units exactly once.
    const both = [...seenDuring, ...seenAfter].filter((id) => id === late.id || id === early.id);
    expect(both.sort()).toEqual([late.id, early.id].sort());
  });

  it('is not held back by a write transaction left open in another database of the cluster', async () => {
    const phone = c.villageUsers[0]!;
    const { cursor: start } = await syncAll(ctx, phone.token);
    const elsewhere = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await elsewhere.connect();
    try {
      await elsewhere.query('begin');
      await elsewhere.query('select pg_current_xact_id()'); // takes an xid, stays open
      const unit = village('Thôn Bên Kia');
      const tx = await ctx.db.kysely.startTransaction().execute();
      await writeUnit({ kysely: tx, dialect: ctx.db.dialect }, unit);
      await tx.commit().execute();
      const next = await syncAll(ctx, phone.token, start);
      expect(idsOf(next.pages, 'units')).toContain(unit.id);
    } finally {
      await elsewhere.query('rollback').catch(() => {});
      await elsewhere.end();
    }
  });
}, ['postgres']);
