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
import { routePath } from 'hono/route';
import { randomUUID } from 'node:crypto';
import type { AppDeps, AppEnv } from './context';
import { ApiError, errorResponse } from './http/errors';
import { mountArea } from './http/registry';
import { RequestAborted } from './http/body';
import { AREAS } from './routes';
import { isForeignKeyViolation, isUniqueViolation } from './db/dialect';
import { serveSite } from './http/static-site';
import { parseTrustedProxies, requestOrigin } from './http/client-address';
import type { ErrorCode } from '../shared/errors';

export interface AppOptions {
  /** Directory of the built client (dist/); when set, non-/api paths serve it. */
  siteRoot?: string;
}

const CSP = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  // No 'unsafe-inline': an injected style attribute or <style> cannot restyle the page (e.g.
  // hide a warning). The app sets its few computed styles through CSSOM, which CSP allows.
  styleSrc: ["'self'"],
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

/** Two years, subdomains included: what browsers' preload lists ask for. */
const HSTS = 'max-age=63072000; includeSubDomains';

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const trusted = parseTrustedProxies(deps.config.trustProxy ?? []);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('principal', null);
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const origin = requestOrigin(c, trusted);
    c.set('clientAddress', origin.address);
    c.set('https', origin.https);
    await next();
    // Lets a user's "chi tiết" line be matched with the server's log.
    c.res.headers.set('X-Request-Id', requestId);
    // HSTS over plain HTTP is ignored by browsers at best; on a LAN address reached over http
    // it would, if ever honoured, lock phones out of the app. Only over HTTPS, then.
    if (origin.https) c.res.headers.set('Strict-Transport-Security', HSTS);
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CSP,
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
      crossOriginOpenerPolicy: 'same-origin',
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      strictTransportSecurity: false,
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
      // The route pattern (/api/reports/:id/review), never the query string: enrollment
      // codes and invitation tokens may travel there. No bodies, no headers.
      const principal = c.get('principal');
      const status = c.res.status;
      const fields = {
        requestId: c.get('requestId'), method: c.req.method, route: routePath(c), status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        role: principal?.role ?? null, unitId: principal?.unitId ?? null, communeId: principal?.communeId ?? null,
        address: c.get('clientAddress'),
      };
      if (status >= 500) logger.error('request', fields);
      else logger.info('request', fields);
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
    if (error instanceof RequestAborted) {
      const logger = deps.logger;
      (logger?.warn ?? logger?.info)?.call(logger, 'client aborted the request', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path });
      return errorResponse(c, 'request.invalid');
    }
    // Last resort, not the rule: a route decides its races inside its transaction (locks or
    // upserts, docs/architecture.md); a unique or foreign-key violation that still escapes
    // one is a lost race, answered 409 and logged so the route gets fixed.
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) {
      const logger = deps.logger;
      (logger?.warn ?? logger?.info)?.call(logger, 'write lost a race the route did not handle', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, code: (error as { code?: string }).code });
      return errorResponse(c, 'conflict.concurrent');
    }
    deps.logger?.error('unhandled', {
      requestId: c.get('requestId'), path: c.req.path, error: error instanceof Error ? error.stack : String(error),
    });
    return errorResponse(c, 'server.error');
  });
  return app;
}
