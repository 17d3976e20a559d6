/**
 * GET /api/openapi.json, generated from the route registry: paths, access (bearer or not),
 * request and response schemas via `z.toJSONSchema` (it works on zod/mini). Shared schemas
 * that clients care about are emitted once as components and referenced.
 */
import * as z from 'zod/mini';
import * as S from '../../shared/schemas';
import { ERRORS } from '../../shared/errors';
import type { RegisteredRoute } from './registry';

export const ErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.optional(z.string()),
  details: z.optional(z.unknown()),
});

/** Shared schemas emitted once under components/schemas and referenced (also when nested). */
const REQUEST_COMPONENTS: Record<string, z.ZodMiniType> = {
  ReportSubmission: S.ReportSubmission,
  ReviewRequest: S.ReviewRequest,
  LoginRequest: S.LoginRequest,
  EnrollRequest: S.EnrollRequest,
};
const RESPONSE_COMPONENTS: Record<string, z.ZodMiniType> = {
  ErrorBody: ErrorBodySchema,
  StoredReport: S.StoredReport,
  ReportResult: S.ReportResult,
  ReportsBatchResult: S.ReportsBatchResult,
  Review: S.Review,
  SyncResponse: S.SyncResponse,
  Unit: S.Unit,
  Plan: S.Plan,
  Period: S.Period,
  Target: S.Target,
  Assignment: S.Assignment,
  Household: S.Household,
  PublicUser: S.PublicUser,
  LoginResponse: S.LoginResponse,
  EnrollResponse: S.EnrollResponse,
  EnrollmentCode: S.EnrollmentCode,
  PlanProgress: S.PlanProgress,
};
const COMPONENTS = { ...REQUEST_COMPONENTS, ...RESPONSE_COMPONENTS };

function registryOf(components: Record<string, z.ZodMiniType>) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  return registry;
}
const ALL_REGISTRY = registryOf(COMPONENTS);
const toComponent = (id: string) => `#/components/schemas/${id}`;

type Json = Record<string, unknown>;

/** zod puts nested named schemas under $defs; ours live in components, so point there. */
function relink(doc: Json): Json {
  delete doc.$schema;
  delete doc.$defs;
  return JSON.parse(JSON.stringify(doc).replace(/"#\/\$defs\/([A-Za-z0-9_]+)"/g, (_m, id: string) => JSON.stringify(toComponent(id))));
}

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  return relink(z.toJSONSchema(schema, { io, unrepresentable: 'any', metadata: ALL_REGISTRY }) as Json);
}

function componentSchemas(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [components, io] of [[REQUEST_COMPONENTS, 'input'], [RESPONSE_COMPONENTS, 'output']] as const) {
    const { schemas } = z.toJSONSchema(registryOf(components), { io, unrepresentable: 'any', uri: toComponent }) as { schemas: Record<string, Json> };
    for (const [id, doc] of Object.entries(schemas)) {
      delete doc.$id;
      out[id] = relink(doc);
    }
  }
  return out;
}

function refOrInline(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  for (const [name, candidate] of Object.entries(COMPONENTS)) {
    if (candidate === schema) return { $ref: toComponent(name) };
  }
  return jsonSchema(schema, io);
}

/** `/api/reports/:id/review` → `/api/reports/{id}/review` */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: RegisteredRoute): Json[] {
  const out: Json[] = [];
  const params = route.spec.request?.params;
  const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const paramProps = params ? ((jsonSchema(params, 'input').properties ?? {}) as Record<string, Json>) : {};
  for (const name of pathNames) {
    out.push({ name, in: 'path', required: true, schema: paramProps[name] ?? { type: 'string' } });
  }
  const query = route.spec.request?.query;
  if (query) {
    const doc = jsonSchema(query, 'input');
    const required = new Set((doc.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((doc.properties ?? {}) as Record<string, Json>)) {
      out.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  return out;
}

export function buildOpenApi(routes: readonly RegisteredRoute[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const { spec } = route;
    const responses: Json = {};
    for (const [status, schema] of Object.entries(spec.responses)) {
      responses[status] = schema
        ? { description: Number(status) < 400 ? 'OK' : 'Lỗi', content: { 'application/json': { schema: refOrInline(schema, 'output') } } }
        : { description: 'Không có nội dung' };
    }
    if (spec.fileResponse) {
      responses['200'] = { description: 'Tệp', content: Object.fromEntries(spec.fileResponse.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) };
    }
    responses['4XX'] = {
      description: 'Lỗi: `{ code, message, path? }`',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
    const op: Json = {
      summary: spec.summary,
      tags: [route.tag],
      operationId: `${spec.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+/g, '_')}`,
      'x-access': spec.access,
      responses,
    };
    const params = parameters(route);
    if (params.length) op.parameters = params;
    const body = spec.documentedBody ?? spec.request?.body;
    if (body) op.requestBody = { required: true, content: { 'application/json': { schema: refOrInline(body, 'input') } } };
    // Public operations say so (`security: []`): an operation without `security` reads as
    // "unspecified" to clients and linters, not as "no token needed".
    op.security = spec.access === 'public' ? [] : [{ bearer: [] }];
    (paths[openApiPath(route.path)] ??= {})[spec.method] = op;
  }
  const schemas = componentSchemas();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sổ Thi Đua API',
      version,
      // The project is private (package.json) and publishes no licence; say so rather than omit it.
      license: { name: 'Proprietary (dự án nội bộ, chưa công bố giấy phép)', identifier: 'LicenseRef-Proprietary' },
      description: `Lỗi luôn có dạng ErrorBody. Mã lỗi: ${Object.keys(ERRORS).join(', ')}.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
