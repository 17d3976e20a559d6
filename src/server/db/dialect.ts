/**
 * The ONLY place where SQLite and PostgreSQL differ. Everything else in db/ is written once.
 * The differences are about time and order: which transaction wrote a change (`txid`) and up
 * to where every writer has finished (`horizon`) — see queries/sync.ts for why that matters.
 */
import { sql, type RawBuilder } from 'kysely';

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
  syncHorizon(): RawBuilder<number>;
  /** The SQLSTATEs that mean "run the whole transaction again". */
  isRetryable(error: unknown): boolean;
}

export const sqliteSeam: DialectSeam = {
  name: 'sqlite',
  autoIncrementPrimaryKey: 'integer',
  currentTxid: () => sql<number>`(select coalesce(max(txid), 0) + 1 from changes)`,
  syncHorizon: () => sql<number>`(select coalesce(max(txid), 0) + 1 from changes)`,
  isRetryable: (error) => (error as { code?: string })?.code === 'SQLITE_BUSY',
};

export const postgresSeam: DialectSeam = {
  name: 'postgres',
  autoIncrementPrimaryKey: 'bigserial',
  currentTxid: () => sql<number>`pg_current_xact_id()::text::bigint`,
  // The oldest write transaction still running IN THIS DATABASE (pg_snapshot_xmin would count
  // every database of the cluster, so a long transaction elsewhere — another app, a
  // maintenance job — would stall every phone's sync). pg_stat_activity gives 32-bit xids;
  // they are widened to xid8 with the epoch of the snapshot's xmax (one epoch back when the
  // 32-bit value is above xmax's). Running transactions at or above xmax need no listing:
  // the horizon never passes xmax. Safe because sync reads its window in a LATER statement
  // than this one: a transaction missing from the list has finished by then.
  syncHorizon: () => sql<number>`(
    select coalesce(min(
      (((s.xmax >> 32) - case when a.backend_xid::text::bigint > (s.xmax & 4294967295) then 1 else 0 end) << 32)
        | a.backend_xid::text::bigint
    ), s.xmax)
    from (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax) s
    left join pg_stat_activity a on a.datname = current_database() and a.backend_xid is not null
    group by s.xmax
  )`,
  // 40001 serialization failure, 40P01 deadlock detected.
  isRetryable: (error) => ['40001', '40P01'].includes((error as { code?: string })?.code ?? ''),
};

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
