/**
 * The server's one way to fail on purpose: throw `ApiError(code, path?)` with a code from the
 * shared catalogue; app.onError turns it into `{ code, message, path? }` with the catalogue's
 * status. Anything else thrown becomes a 500 `server.error` without a stack trace.
 */
import type { Context } from 'hono';
import { errorBody, errorStatus, type ErrorCode } from '../../shared/errors';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly path?: string,
    /** Sent as `details`: what the screen needs to act on it (e.g. `{ missing: [...] }`). */
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'ApiError';
  }

  get status(): number {
    return errorStatus(this.code);
  }
}

export function errorResponse(c: Context, code: ErrorCode, path?: string, details?: unknown): Response {
  return jsonResponse(c, errorBody(code, path, undefined, details), errorStatus(code));
}

/**
 * `c.json` with a Content-Length. Hono's compress() can only tell a small answer by that
 * header; without it every JSON answer went through a gzip stream, ~0.3 ms of CPU for a
 * one-report receipt of 100 bytes that gzip does not even shrink. With it, answers under
 * 1 KB go as they are (app.ts) and larger ones are still gzipped for phones that accept it.
 */
export function jsonResponse(c: Context, value: unknown, status = 200): Response {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return c.json(value as object, status as 200); // as before, for a handler returning nothing
  return c.body(text, status as 200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
}
