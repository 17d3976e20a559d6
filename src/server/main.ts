/**
 * The only file that reads process.env. Everything else receives its settings through
 * createApp(deps) or runServer(settings), so tests and CLI commands can build their own.
 * Every variable is checked here, once, at start: a typo in a systemd unit must stop the
 * server with a sentence naming the variable, not run it with a silent default.
 * The variables and their defaults are listed in README.md (Configuration).
 */
import { resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { AppConfig } from './context';
import { openPostgres, openSqlite, type Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { ENROLLMENT_CODE_TTL_MS, SESSION_TTL_MS } from './auth/tokens';
import { parseTrustedProxies } from './http/client-address';
import { LOG_LEVELS, type LogLevel } from './log-levels';

export const DEFAULT_SQLITE_FILE = 'data/sothidua.sqlite';

export interface ServerSettings {
  port: number;
  /** postgres://… ; undefined = SQLite at sqliteFile. */
  databaseUrl?: string;
  sqliteFile: string;
  pgPoolSize: number;
  /** A prebuilt client directory to serve as is (browser tests serve their own builds). */
  siteRoot?: string;
  logLevel: LogLevel;
  shutdownTimeoutMs: number;
  backupDir: string;
  backupKeep: number;
  app: AppConfig;
}

/** A bad setting: the message names the variable, the value and what is expected. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks every setting; throws ConfigError listing all bad values at once. */
export function readSettings(env: Env = process.env): ServerSettings {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: cần một số nguyên từ ${min} đến ${max} (an integer ${min}–${max})`);
      return fallback;
    }
    return n;
  };
  const positive = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      problems.push(`${name}=${JSON.stringify(raw)}: cần một số dương (a positive number)`);
      return fallback;
    }
    return n;
  };
  const httpUrl = (name: string, raw: string): string => {
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    problems.push(`${name}=${JSON.stringify(raw)}: cần một địa chỉ http:// hoặc https:// (an http(s) URL)`);
    return raw;
  };

  const port = integer('PORT', 8080, 1, 65535);
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // The value may hold a password: name the problem, not the value.
    problems.push('DATABASE_URL: cần dạng postgres://người-dùng@máy:5432/tên-csdl (a postgres:// URL); bỏ trống để dùng SQLite');
  }
  const publicUrl = httpUrl('PUBLIC_URL', value('PUBLIC_URL') ?? `http://localhost:${port}`);
  const corsOrigins = (value('CORS_ORIGINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    let ok = false;
    try {
      const url = new URL(origin);
      ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin.replace(/\/$/, '');
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`CORS_ORIGINS: ${JSON.stringify(origin)} không phải một origin như https://vanphong.example.vn (not an origin)`);
  }
  const hours = positive('SESSION_TTL_HOURS', SESSION_TTL_MS / 3_600_000);
  const days = positive('ENROLLMENT_CODE_TTL_DAYS', ENROLLMENT_CODE_TTL_MS / 86_400_000);
  const rawLevel = value('LOG_LEVEL');
  let logLevel: LogLevel = 'info';
  if (rawLevel !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as LogLevel;
    else problems.push(`LOG_LEVEL=${JSON.stringify(rawLevel)}: cần một trong ${LOG_LEVELS.join(', ')}`);
  }
  // LOG=0 (the old switch) still means quiet, whatever LOG_LEVEL says.
  if (value('LOG') === '0') logLevel = 'silent';
  let trustProxy: string[] = [];
  try {
    trustProxy = parseTrustedProxies(value('TRUST_PROXY') ?? '').entries;
  } catch (error) {
    problems.push(`TRUST_PROXY: ${(error as Error).message}`);
  }
  const settings: ServerSettings = {
    port,
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    sqliteFile: resolve(value('SQLITE_FILE') ?? DEFAULT_SQLITE_FILE),
    pgPoolSize: integer('PG_POOL_SIZE', 10, 1, 1000),
    ...(value('SITE_ROOT') !== undefined ? { siteRoot: resolve(value('SITE_ROOT')!) } : {}),
    logLevel,
    shutdownTimeoutMs: positive('SHUTDOWN_TIMEOUT_S', 10) * 1000,
    backupDir: resolve(value('BACKUP_DIR') ?? 'backups'),
    backupKeep: integer('BACKUP_KEEP', 14, 1, 100_000),
    app: {
      publicUrl,
      corsOrigins,
      version: pkg.version,
      sessionTtlMs: hours * 3_600_000,
      enrollmentCodeTtlMs: days * 86_400_000,
      trustProxy,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

let cachedSettings: ServerSettings | undefined;
function settings(): ServerSettings {
  cachedSettings ??= readSettings();
  return cachedSettings;
}

export function portFromEnv(): number {
  return settings().port;
}

export function configFromEnv(): AppConfig {
  return settings().app;
}

/** A prebuilt client directory to serve as is (browser tests serve their own builds). */
export function siteRootFromEnv(): string | undefined {
  return settings().siteRoot;
}

/** Opens the database the settings name, without migrating (backup and restore need that). */
export function openDatabase(s: ServerSettings = settings()): Database {
  return s.databaseUrl ? openPostgres({ connectionString: s.databaseUrl, max: s.pgPoolSize }) : openSqlite(s.sqliteFile);
}

/** Opens (and migrates) the database the environment names. */
export async function openDatabaseFromEnv(): Promise<Database> {
  const db = openDatabase();
  await migrateToLatest(db);
  return db;
}

/** The settings the environment gives; a ConfigError is printed by the CLI that asked. */
export function settingsFromEnv(): ServerSettings {
  return settings();
}
