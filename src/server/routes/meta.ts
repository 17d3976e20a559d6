/** Health, readiness and the API's own description. */
import * as z from 'zod/mini';
import { defineArea, defineRoute } from '../http/registry';
import { buildOpenApi, ErrorBodySchema } from '../http/openapi';
import { allRoutes } from './index';
import { errorBody, errorStatus, type ErrorCode } from '../../shared/errors';
import { migrationStatus } from '../db/migrate';
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

export const Ready = z.object({ ok: z.literal(true), db: z.enum(['sqlite', 'postgres']), version: z.string() });

/**
 * Readiness, for a load balancer or systemd's health check: this server should get traffic.
 * Unlike /api/health (the process answers) it is 503 while the database is unreachable, while
 * migrations are missing (another server is still running them), and from SIGTERM on, so the
 * balancer drains this server before it stops.
 */
export const readyArea = defineArea('/ready', 'Hệ thống', [
  defineRoute(
    { method: 'get', path: '/', access: 'public', summary: 'Máy chủ sẵn sàng nhận yêu cầu (CSDL kết nối được, đã nâng cấp xong)',
      responses: { 200: Ready, 503: ErrorBodySchema } },
    async ({ deps, c }) => {
      const notReady = (code: ErrorCode) => c.json(errorBody(code), errorStatus(code) as 503);
      if (deps.lifecycle?.shuttingDown) return notReady('ready.shutting_down');
      let pending: number;
      try {
        const status = await migrationStatus(deps.db);
        pending = status.pending.length;
      } catch (error) {
        deps.logger?.warn?.('ready: database unreachable', { requestId: c.get('requestId'), error: String((error as Error)?.message ?? error) });
        return notReady('ready.database_unreachable');
      }
      if (pending > 0) return notReady('ready.migrations_pending');
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
