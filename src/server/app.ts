/**
 * createApp(deps) → the Hono app: security headers, optional CORS, every area from the route
 * registry under /api, the one error shape, and (when configured) the built PWA with SPA
 * fallback. Everything it needs comes in through deps, so tests build their own.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { cors } from 'hono/cors';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import type { AppDeps, AppEnv } from './context';
import { ApiError, errorResponse } from './http/errors';
import { mountArea } from './http/registry';
import { AREAS } from './routes';
import { serveSite } from './http/static-site';
import type { ErrorCode } from '../shared/errors';

export interface AppOptions {
  /** Directory of the built client (dist/); when set, non-/api paths serve it. */
  siteRoot?: string;
}

const CSP = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'request.invalid',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'not_found',
  413: 'request.too_large',
  415: 'request.unsupported_encoding',
};

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('principal', null);
    const requestId = randomUUID();
    c.set('requestId', requestId);
    await next();
    // Lets a user's "chi tiết" line be matched with the server's log.
    c.res.headers.set('X-Request-Id', requestId);
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CSP,
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
      crossOriginOpenerPolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
    }),
  );
  if (deps.config.corsOrigins.length > 0) {
    app.use('/api/*', cors({ origin: [...deps.config.corsOrigins], allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-App-Version'], maxAge: 600 }));
  }
  if (deps.logger) {
    const logger = deps.logger;
    app.use('/api/*', async (c, next) => {
      const started = performance.now();
      await next();
      logger.info('request', {
        requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    });
  }

  // Phones work on 3G: the app's scripts, a first sync or a batch's receipts are tens of KB of
  // text that gzip cuts to a fraction. Small answers (under 1 KB) are sent as they are.
  app.use('*', compress({ encoding: 'gzip' }));
  for (const area of AREAS) app.route(`/api${area.prefix}`, mountArea(area));
  app.all('/api/*', (c) => errorResponse(c, 'not_found'));
  if (options.siteRoot) serveSite(app, options.siteRoot);

  app.notFound((c) => errorResponse(c, 'not_found'));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error.code, error.path, error.details);
    if (error instanceof HTTPException && STATUS_CODES[error.status]) return errorResponse(c, STATUS_CODES[error.status]!);
    deps.logger?.error('unhandled', {
      requestId: c.get('requestId'), path: c.req.path, error: error instanceof Error ? error.stack : String(error),
    });
    return errorResponse(c, 'server.error');
  });
  return app;
}
