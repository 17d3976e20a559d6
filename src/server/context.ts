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
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For / X-Forwarded-Proto are
   * believed; empty or absent = none (the socket's peer is the client).
   */
  trustProxy?: readonly string[];
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  /** Something went wrong outside the server (a client gone mid-upload); falls back to info. */
  warn?(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** What the process tells the app about its own life: set when SIGTERM arrives, read by /api/ready. */
export interface Lifecycle {
  shuttingDown: boolean;
}

export interface AppDeps {
  db: Database;
  clock: () => Date;
  config: AppConfig;
  logger?: Logger;
  lifecycle?: Lifecycle;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal | null;
    requestId: string;
    /**
     * The caller's address: the socket's peer, or X-Forwarded-For's client when the peer is a
     * trusted proxy (TRUST_PROXY). null under app.request (no socket). Rate limits count by it.
     */
    clientAddress: string | null;
    /** Came over HTTPS (directly, or X-Forwarded-Proto from a trusted proxy). */
    https: boolean;
  };
}
