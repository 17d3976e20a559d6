/**
 * The ONLY place where SQLite and PostgreSQL differ. Everything else in db/ is written once.
 * The differences are about time and order: which transaction wrote a change (`txid`) and up
 * to where every writer has finished (`horizon`) — see queries/sync.ts for why that matters.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectSeam {
  name: DialectName;
  /** Column type of `changes.seq`. */
  autoIncrementPrimaryKey: 'integer' | 'bigserial';
  /**
   * The value stored in `changes.txid` for a row written now.
   * PostgreSQL: the writing transaction's id. SQLite allows one writer at a time and commits
   * in the order rows were written, so a counter that only grows is enough.
   */
  currentTxid(): RawBuilder<number>;
  /**
   * Every change with txid below the horizon is committed and visible, and no transaction
   * that can still commit will write a txid below it.
   */
  syncHorizon(kysely: Kysely<DB>): Promise<number>;
  /** The SQLSTATEs that mean "run the whole transaction again". */
  isRetryable(error: unknown): boolean;
}

export const sqliteSeam: DialectSeam = {
  name: 'sqlite',
  autoIncrementPrimaryKey: 'integer',
  currentTxid: () => sql<number>`(select coalesce(max(txid), 0) + 1 from changes)`,
  syncHorizon: async (kysely) => {
    const row = await sql<{ h: number }>`select coalesce(max(txid), 0) + 1 as h from changes`.execute(kysely);
    return Number(row.rows[0]!.h);
  },
  isRetryable: (error) => (error as { code?: string })?.code === 'SQLITE_BUSY',
};

export const postgresSeam: DialectSeam = {
  name: 'postgres',
  autoIncrementPrimaryKey: 'bigserial',
  currentTxid: () => sql<number>`pg_current_xact_id()::text::bigint`,
  // The oldest write transaction still running IN THIS DATABASE (pg_snapshot_xmin would count
  // every database of the cluster, so a long transaction elsewhere — another app, a
  // maintenance job — would stall every phone's sync). Two statements, in this order: the
  // snapshot's xmax first, then the running transactions. A transaction missing from the
  // later list has finished by then; read the other way round, one that took its xid between
  // the two reads would be below xmax yet unlisted, and the horizon would pass it. Sync reads
  // its window in a still later statement, so everything below the horizon is visible to it.
  syncHorizon: async (kysely) => {
    const snap = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(kysely);
    const running = await sql<{ xid: string }>`
      select backend_xid::text as xid from pg_stat_activity
      where datname = current_database() and backend_xid is not null`.execute(kysely);
    return horizonBelow(BigInt(snap.rows[0]!.xmax), running.rows.map((r) => BigInt(r.xid)));
  },
  // 40001 serialization failure, 40P01 deadlock detected.
  isRetryable: (error) => ['40001', '40P01'].includes((error as { code?: string })?.code ?? ''),
};

const XID32 = 1n << 32n;

/**
 * The horizon from a snapshot's xmax (xid8) and the 32-bit xids pg_stat_activity lists for
 * this database's running transactions. A 32-bit xid is widened by its distance BELOW xmax,
 * modulo 2^32 (PostgreSQL keeps every live xid within 2^31 of the next one, so the distance is
 * unambiguous and an epoch boundary between the two needs no special case). A transaction at
 * or past xmax began after the snapshot: whatever it writes gets a txid at or above xmax, so it
 * needs no listing, and the horizon never passes xmax. (Taking such an xid as the previous
 * epoch's is what once gave negative horizons, or jumped them back by 2^32.)
 */
export function horizonBelow(xmax: bigint, running32: readonly bigint[]): number {
  let horizon = xmax;
  for (const xid of running32) {
    const below = (((xmax - xid) % XID32) + XID32) % XID32;
    if (below === 0n || below >= XID32 / 2n) continue;
    const full = xmax - below;
    if (full < horizon) horizon = full;
  }
  return Number(horizon);
}

/** Unique-key violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Foreign-key violation, on either engine (a plan or period deleted between check and write). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * `SELECT … FOR UPDATE` where it exists: on PostgreSQL a read that decides a write must lock
 * the rows it read; SQLite has one writer at a time, so its transactions are already serial.
 */
export function forUpdate<Q extends { forUpdate(): Q }>(seam: DialectSeam, query: Q): Q {
  return seam.name === 'postgres' ? query.forUpdate() : query;
}

/**
 * How a read that decides a write holds the rows it read until the transaction ends:
 * 'update' when this transaction will change them (or must be the only one deciding on them),
 * 'share' when it only relies on them staying as read (a unit not replaced meanwhile).
 */
export type LockMode = 'update' | 'share';

export function locked<Q extends { forUpdate(): Q; forShare(): Q }>(seam: DialectSeam, query: Q, mode: LockMode | undefined): Q {
  if (!mode || seam.name !== 'postgres') return query;
  return mode === 'update' ? query.forUpdate() : query.forShare();
}
