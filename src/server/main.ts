/**
 * The only file that reads process.env. Everything else receives its settings through
 * createApp(deps), so tests and CLI commands can build the app with their own.
 *
 * Environment: PORT (8080), DATABASE_URL (postgres://… → PostgreSQL; unset → SQLite at
 * data/sothidua.sqlite, or the file SQLITE_FILE names), PUBLIC_URL (for enrollment links), CORS_ORIGINS (comma-separated;
 * unset = no CORS), SESSION_TTL_HOURS, ENROLLMENT_CODE_TTL_DAYS, LOG (0 = quiet), SITE_ROOT
 * (serve an already built client from this directory instead of building dist/).
 */
import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
import { createApp } from './app';
import { jsonLogger, type AppConfig } from './context';
import { openPostgres, openSqlite, type Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { ENROLLMENT_CODE_TTL_MS, SESSION_TTL_MS } from './auth/tokens';

export const DEFAULT_SQLITE_FILE = 'data/sothidua.sqlite';

export function portFromEnv(): number {
  const port = Number(process.env.PORT ?? 8080);
  return Number.isInteger(port) && port > 0 ? port : 8080;
}

export function configFromEnv(): AppConfig {
  const port = portFromEnv();
  const hours = Number(process.env.SESSION_TTL_HOURS);
  const days = Number(process.env.ENROLLMENT_CODE_TTL_DAYS);
  return {
    publicUrl: (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    corsOrigins: (process.env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    version: pkg.version,
    sessionTtlMs: hours > 0 ? hours * 3_600_000 : SESSION_TTL_MS,
    enrollmentCodeTtlMs: days > 0 ? days * 86_400_000 : ENROLLMENT_CODE_TTL_MS,
  };
}

/** A prebuilt client directory to serve as is (browser tests serve their own builds). */
export function siteRootFromEnv(): string | undefined {
  return process.env.SITE_ROOT ? resolve(process.env.SITE_ROOT) : undefined;
}

/** Opens (and migrates) the database the environment names. */
export async function openDatabaseFromEnv(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const db = url ? openPostgres({ connectionString: url }) : openSqlite(resolve(process.env.SQLITE_FILE || DEFAULT_SQLITE_FILE));
  await migrateToLatest(db);
  return db;
}

/** Serves the API (and the built client when siteRoot is given) until the process ends. */
export async function runServer(options: { siteRoot?: string } = {}): Promise<void> {
  const db = await openDatabaseFromEnv();
  const config = configFromEnv();
  const logger = process.env.LOG === '0' ? undefined : jsonLogger();
  const app = createApp({ db, clock: () => new Date(), config, logger }, options);
  const port = portFromEnv();
  const server = serve({ fetch: app.fetch, port }, () => {
    console.log(`Sổ Thi Đua đang chạy tại http://localhost:${port} (${db.dialect.name})`);
  });
  const stop = () => {
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runServer().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
