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
  syncHorizon: () => sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
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
