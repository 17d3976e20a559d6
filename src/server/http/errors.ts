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
  return c.json(errorBody(code, path, undefined, details), errorStatus(code) as 400);
}
