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
});

const COMPONENTS: Record<string, z.ZodMiniType> = {
  ErrorBody: ErrorBodySchema,
  ReportSubmission: S.ReportSubmission,
  StoredReport: S.StoredReport,
  ReportResult: S.ReportResult,
  ReportsBatchResult: S.ReportsBatchResult,
  ReviewRequest: S.ReviewRequest,
  Review: S.Review,
  SyncResponse: S.SyncResponse,
  Unit: S.Unit,
  Plan: S.Plan,
  Period: S.Period,
  Target: S.Target,
  Assignment: S.Assignment,
  Household: S.Household,
  PublicUser: S.PublicUser,
  LoginRequest: S.LoginRequest,
  LoginResponse: S.LoginResponse,
  EnrollRequest: S.EnrollRequest,
  EnrollResponse: S.EnrollResponse,
  EnrollmentCode: S.EnrollmentCode,
};

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  const doc = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete doc.$schema;
  return doc;
}

function refOrInline(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  for (const [name, candidate] of Object.entries(COMPONENTS)) {
    if (candidate === schema) return { $ref: `#/components/schemas/${name}` };
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
    if (spec.access !== 'public') op.security = [{ bearer: [] }];
    (paths[openApiPath(route.path)] ??= {})[spec.method] = op;
  }
  const schemas: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(COMPONENTS)) {
    schemas[name] = jsonSchema(schema, name.endsWith('Request') || name === 'ReportSubmission' ? 'input' : 'output');
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sổ Thi Đua API',
      version,
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
