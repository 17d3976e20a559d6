/**
 * Opens the database: SQLite (one file, WAL, synchronous=FULL so an acknowledged report
 * survives a power cut) or PostgreSQL (a pool; several stateless app servers may share it).
 * The returned `Database` is what createApp receives: Kysely plus the dialect seam.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './schema';
import { postgresSeam, sqliteSeam, type DialectSeam } from './dialect';
import { DEFAULT_MAX_GROUP, GroupCommit } from './group-commit';

export interface Database {
  kysely: Kysely<DB>;
  dialect: DialectSeam;
  /** The report ingest's writer: concurrent pushes share a commit (group-commit.ts). */
  writes: GroupCommit;
  close(): Promise<void>;
}

export interface WriteOptions {
  /** Jobs per group commit (default 32); 1 = one transaction per request, no grouping. */
  maxGroup?: number;
}

export function openSqlite(file: string, opts: WriteOptions = {}): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cachePreparedStatements(sqlite);
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: sqliteSeam, writes: new GroupCommit(kysely, sqliteSeam, opts.maxGroup ?? DEFAULT_MAX_GROUP), close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a
 * small insert. Statements are reused by SQL text (Kysely runs one statement at a time on
 * this connection and never iterates two at once, so sharing one is safe). Texts that vary
 * (`in (?, ?, …)` lists) are bounded by the cap.
 */
function cachePreparedStatements(sqlite: SQLite.Database, cap = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= cap) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

// BIGINT (int8) arrives as a string from pg; our bigints (seq, txid) stay far below 2^53.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions extends WriteOptions {
  connectionString: string;
  /** e.g. `-c search_path=t_abc` for a test's private schema. */
  options?: string;
  max?: number;
}

export function openPostgres(opts: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    types,
    ...(opts.options ? { options: opts.options } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: postgresSeam, writes: new GroupCommit(kysely, postgresSeam, opts.maxGroup ?? DEFAULT_MAX_GROUP), close: () => kysely.destroy() };
}
