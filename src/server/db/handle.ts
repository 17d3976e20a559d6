/**
 * What queries take: Kysely (or a transaction of it) plus the dialect seam. `inTransaction`
 * runs work in one transaction and reruns it when PostgreSQL reports a deadlock or a
 * serialization failure, so callers never see those as errors; `underSavepoint` lets one
 * statement fail inside it without losing the rest. Callers outside db/ control
 * transactions only through these two (the wall check keeps raw BEGIN/SAVEPOINT here).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';
import type { DialectSeam } from './dialect';

export interface DbHandle {
  kysely: Kysely<DB>;
  dialect: DialectSeam;
}

const MAX_ATTEMPTS = 5;

export async function inTransaction<T>(db: DbHandle, work: (tx: DbHandle) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.kysely.transaction().execute((trx) => work({ kysely: trx, dialect: db.dialect }));
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !db.dialect.isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

/**
 * Runs `work` under a SAVEPOINT of the open transaction `tx`. When it throws an error that
 * `recoverable` accepts, the transaction rolls back to the savepoint and carries on (null);
 * any other error propagates, and a retryable one (deadlock, serialization) without touching
 * the savepoint, since the whole transaction reruns.
 */
export async function underSavepoint<T>(
  tx: DbHandle, name: string, work: () => Promise<T>, recoverable: (error: unknown) => boolean,
): Promise<{ value: T } | null> {
  const point = sql.id(name);
  await sql`savepoint ${point}`.execute(tx.kysely);
  try {
    const value = await work();
    await sql`release savepoint ${point}`.execute(tx.kysely);
    return { value };
  } catch (error) {
    if (tx.dialect.isRetryable(error)) throw error;
    await sql`rollback to savepoint ${point}`.execute(tx.kysely);
    if (!recoverable(error)) throw error;
    return null;
  }
}
