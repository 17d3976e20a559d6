/**
 * The sync horizon under concurrent writers (issue 12, finding 0): with eight short write
 * transactions running all the time, every horizon read is positive, never above the xmax of
 * a snapshot taken after it, and never moves backwards. The old widening took a transaction
 * that got its xid after the statement's snapshot for the previous epoch's: a negative
 * horizon, and every phone's cursor refused from then on.
 */
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDatabase } from './support/databases';
import { currentHorizon } from '../../src/server/db/queries/sync';
import { recordChanges } from '../../src/server/db/queries/changes';
import { inTransaction } from '../../src/server/db/handle';
import { uuidv7 } from '../../src/shared/ids';

forEachDatabase((ctx) => {
  it('stays positive, at or below xmax and monotonic under 8 concurrent writers', async () => {
    const writers = Array.from({ length: 4 }, () => ctx.openAnother());
    let running = true;
    let writes = 0;
    const writer = async (w: number) => {
      const db = writers[w % writers.length]!;
      while (running) {
        await inTransaction(db, async (tx) => {
          await recordChanges(tx, [{ entity: 'units', entityId: uuidv7(), communeId: null }]);
          if (Math.random() < 0.5) await new Promise((r) => setImmediate(r));
        });
        writes++;
      }
    };
    const loops = Array.from({ length: 8 }, (_, w) => writer(w));
    const reads: number[] = [];
    try {
      const until = Date.now() + 2_000;
      let previous = 0;
      while (Date.now() < until) {
        const horizon = await currentHorizon(ctx.db);
        const { rows } = await sql<{ xmax: number }>`select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax`.execute(ctx.db.kysely);
        expect(horizon).toBeGreaterThan(0);
        expect(horizon).toBeLessThanOrEqual(Number(rows[0]!.xmax));
        expect(horizon).toBeGreaterThanOrEqual(previous);
        previous = horizon;
        reads.push(horizon);
      }
    } finally {
      running = false;
      await Promise.all(loops);
    }
    expect(writes).toBeGreaterThan(50);
    expect(reads.length).toBeGreaterThan(50);
  });
}, ['postgres']);
