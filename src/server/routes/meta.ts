/** Health and the API's own description. */
import * as z from 'zod/mini';
import { defineArea, defineRoute } from '../http/registry';
import { buildOpenApi } from '../http/openapi';
import { allRoutes } from './index';
import { pingDatabase } from '../db/queries/health';

export const Health = z.object({ ok: z.literal(true), db: z.enum(['sqlite', 'postgres']), version: z.string() });

export const healthArea = defineArea('/health', 'Hệ thống', [
  defineRoute(
    { method: 'get', path: '/', access: 'public', summary: 'Máy chủ còn chạy và đọc được cơ sở dữ liệu', responses: { 200: Health } },
    async ({ deps }) => {
      await pingDatabase(deps.db);
      return { ok: true, db: deps.db.dialect.name, version: deps.config.version };
    },
  ),
]);

let cached: { version: string; doc: unknown } | null = null;

export const openApiArea = defineArea('/openapi.json', 'Hệ thống', [
  defineRoute(
    { method: 'get', path: '/', access: 'public', summary: 'Tài liệu OpenAPI 3.1 của API', responses: { 200: z.record(z.string(), z.unknown()) } },
    ({ deps }) => {
      if (cached?.version !== deps.config.version) cached = { version: deps.config.version, doc: buildOpenApi(allRoutes(), deps.config.version) };
      return cached.doc;
    },
  ),
]);
