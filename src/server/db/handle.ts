/**
 * What queries take: Kysely (or a transaction of it) plus the dialect seam. `inTransaction`
 * runs work in one transaction and reruns it when PostgreSQL reports a deadlock or a
 * serialization failure, so callers never see those as errors.
 */
import type { Kysely } from 'kysely';
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
