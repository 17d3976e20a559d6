/**
 * The sync horizon on PostgreSQL under concurrent writers. Eight pools each run short write
 * transactions in a loop while a reader takes horizons: transactions that take their xid
 * after the reader's snapshot used to be widened into the previous epoch, which made almost
 * every horizon negative (on a young cluster) and stranded every phone. Every horizon must be
 * non-negative, never above the xmax of a snapshot taken after it, and never move backwards.
 */
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDatabase } from './support/databases';
import { currentHorizon } from '../../src/server/db/queries/sync';

forEachDatabase((ctx) => {
  it('is never negative, never above xmax and never moves backwards under 8 concurrent short write transactions', async () => {
    const pools = Array.from({ length: 8 }, () => ctx.openAnother());
    let stop = false;
    let commits = 0;
    const writers = pools.map(async (pool) => {
      while (!stop) {
        await pool.kysely.transaction().execute(async (tx) => {
          await sql`select pg_current_xact_id()`.execute(tx); // takes an xid, like any write
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        });
        commits++;
      }
    });
    const horizons: number[] = [];
    const problems: string[] = [];
    try {
      const until = Date.now() + 2500;
      while (Date.now() < until) {
        const h = await currentHorizon(ctx.db);
        const { rows } = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(ctx.db.kysely);
        const xmaxAfter = Number(rows[0]!.xmax);
        if (h < 0) problems.push(`negative ${h}`);
        if (h > xmaxAfter) problems.push(`${h} above xmax ${xmaxAfter}`);
        const previous = horizons[horizons.length - 1];
        if (previous !== undefined && h < previous) problems.push(`${h} after ${previous}`);
        horizons.push(h);
      }
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(horizons.length).toBeGreaterThan(50);
    expect(commits).toBeGreaterThan(100);
    expect(horizons[horizons.length - 1]!).toBeGreaterThan(horizons[0]!);
  });
}, ['postgres']);
