/**
 * What the app is built from (createApp(deps)) and what every request carries on the Hono
 * context. Tests build their own deps: a fresh database, a clock they can move.
 */
import type { Database } from './db/database';
import type { Principal } from './auth/policy';

export interface AppConfig {
  /** Base URL for enrollment links and QR codes, e.g. https://thidua.example.gov.vn */
  publicUrl: string;
  /** Allowed CORS origins; empty = no CORS headers at all. */
  corsOrigins: readonly string[];
  /** From package.json, shown by /api/health. */
  version: string;
  /** Session token lifetime (office logins). */
  sessionTtlMs: number;
  /** How long an enrollment code stays usable. */
  enrollmentCodeTtlMs: number;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  /** Something went wrong outside the server (a client gone mid-upload); falls back to info. */
  warn?(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface AppDeps {
  db: Database;
  clock: () => Date;
  config: AppConfig;
  logger?: Logger;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal | null;
    requestId: string;
  };
}

/** A JSON logger for production (one line per event); tests pass none and stay quiet. */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
