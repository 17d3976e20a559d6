/**
 * The route registry: every route is declared once with `defineRoute` — method, path, who
 * may call it, its request and response schemas — and that one declaration both mounts it
 * on Hono (with validation and the access check) and feeds GET /api/openapi.json. The
 * scope-matrix test iterates `allRoutes()`, so a route without an access rule cannot hide.
 *
 * @example
 * export default defineArea('/things', 'Things', [
 *   defineRoute({ method: 'get', path: '/:id', access: ['office', 'admin'], summary: 'Một thứ',
 *     request: { params: z.object({ id: Id }) }, responses: { 200: Thing } },
 *     async ({ params, principal, deps }) => loadThing(deps.db, params.id)),
 * ]);
 */
import { Hono, type Context } from 'hono';
import type * as z from 'zod/mini';
import type { Role } from '../../shared/schemas/users';
import type { AppDeps, AppEnv } from '../context';
import type { Principal } from '../auth/policy';
import { authenticate } from '../auth/authenticate';
import { ApiError, jsonResponse } from './errors';
import { DEFAULT_BODY_LIMIT, readJsonBody } from './body';
import { firstError, nulPath } from './validation';

type Schema = z.ZodMiniType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Access = 'public' | readonly Role[];

export interface RouteSpec<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  A extends Access = Access,
> {
  method: Method;
  /** Relative to the area's prefix, Hono syntax: `/:id/review`. */
  path: string;
  /** 'public', or the roles allowed (further scope checks happen in the handler via policy.ts). */
  access: A;
  summary: string;
  request?: {
    body?: B;
    query?: Q;
    params?: P;
    /** Bytes after decompression; default 1 MB. */
    maxBodyBytes?: number;
  };
  /** Status → response body schema (null = no body). Error statuses use ErrorBody. */
  responses: Record<number, Schema | null>;
  /**
   * What the OpenAPI document should show for the body when the handler validates it itself
   * (the handler then also refuses NUL characters in it, per item; see validate()).
   */
  documentedBody?: Schema;
  /** Media types of a 200 that is a file rather than JSON (the OpenAPI document lists them). */
  fileResponse?: readonly string[];
}

export interface RouteInput<B, Q, P, A extends Access> {
  c: Context<AppEnv>;
  deps: AppDeps;
  principal: A extends 'public' ? null : Principal;
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
}

/** A handler returns data (sent as 200 JSON) or a Response (any status). */
export type RouteHandler<B, Q, P, A extends Access> = (input: RouteInput<B, Q, P, A>) => Promise<unknown> | unknown;

export interface RouteDef {
  spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Access>;
  handler: RouteHandler<any, any, any, any>;
}

export interface RouteArea {
  /** Mounted under /api: '/reports' → /api/reports. */
  prefix: string;
  /** OpenAPI tag. */
  tag: string;
  routes: readonly RouteDef[];
}

export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  const A extends Access = Access,
>(spec: RouteSpec<B, Q, P, A>, handler: RouteHandler<B, Q, P, A>): RouteDef {
  return { spec: spec as RouteDef['spec'], handler: handler as RouteDef['handler'] };
}

export function defineArea(prefix: string, tag: string, routes: readonly RouteDef[]): RouteArea {
  return { prefix, tag, routes };
}

function validate(schema: Schema, input: unknown, pathPrefix?: string, refuseNul = true): unknown {
  const result = (schema as z.ZodMiniType).safeParse(input);
  if (result.success) {
    // A NUL in any string fails the statement on PostgreSQL (a 500): refuse it here as a bad value.
    const nul = refuseNul ? nulPath(result.data) : null;
    if (nul !== null) throw new ApiError('value.invalid', [pathPrefix, nul].filter(Boolean).join('.') || undefined);
    return result.data;
  }
  const error = firstError(result.error, input);
  const path = [pathPrefix, error.path].filter(Boolean).join('.') || undefined;
  throw new ApiError(error.code, path);
}

/** Builds the Hono sub-app of one area. */
export function mountArea(area: RouteArea): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const { spec, handler } of area.routes) {
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const deps = c.get('deps');
      let principal: Principal | null = null;
      if (spec.access !== 'public') {
        principal = await authenticate(deps.db, c.req.header('authorization'), deps.clock());
        if (!spec.access.includes(principal.role)) throw new ApiError('auth.forbidden');
        c.set('principal', principal);
      }
      const req = spec.request ?? {};
      const params = req.params ? validate(req.params, c.req.param()) : undefined;
      const query = req.query ? validate(req.query, c.req.query()) : undefined;
      let body: unknown;
      if (req.body) {
        const raw = await readJsonBody(c.req.raw, req.maxBodyBytes ?? DEFAULT_BODY_LIMIT);
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError('request.invalid');
        body = validate(req.body, raw, undefined, spec.documentedBody === undefined);
      }
      const result = await handler({ c, deps, principal, body, query, params });
      return result instanceof Response ? result : jsonResponse(c, result);
    });
  }
  return app;
}

/** Flattened list of every route with its full path, for OpenAPI and the scope-matrix test. */
export interface RegisteredRoute {
  method: Method;
  /** Full Hono path, e.g. /api/reports/:id/review */
  path: string;
  access: Access;
  spec: RouteDef['spec'];
  tag: string;
}

export function listRoutes(areas: readonly RouteArea[]): RegisteredRoute[] {
  return areas.flatMap((area) =>
    area.routes.map(({ spec }) => ({
      method: spec.method,
      path: `/api${area.prefix}${spec.path === '/' ? '' : spec.path}`,
      access: spec.access,
      spec,
      tag: area.tag,
    })),
  );
}
