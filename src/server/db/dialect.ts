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
  // each is placed relative to the snapshot's 64-bit xmax by its distance below xmax's low 32
  // bits, modulo 2^32. A transaction that took its xid after the snapshot sits at or past
  // xmax (distance 0, or "negative": ≥ 2^31) and needs no listing, since the horizon never
  // passes xmax; only a running xid 1 … 2^31−1 below xmax holds it back. (Widening by "one
  // epoch back when above xmax's low bits" took those late xids for the previous epoch: a
  // negative horizon in a young cluster, a jump back by 2^32 in an old one.) Safe because
  // sync reads its window in a LATER statement than this one: a transaction missing from
  // the list has finished by then. No session state: works through PgBouncer too.
  syncHorizon: () => sql<number>`(
    select coalesce(min(s.xmax - d.below), s.xmax)
    from (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax) s
    left join lateral (
      select ((s.xmax & 4294967295) - a.backend_xid::text::bigint + 4294967296) % 4294967296 as below
      from pg_stat_activity a
      where a.datname = current_database() and a.backend_xid is not null
    ) d on d.below between 1 and 2147483647
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
