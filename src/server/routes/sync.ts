/** The phones' and office screens' one read path: everything in scope changed since a cursor. */
import * as z from 'zod/mini';
import { SyncResponse } from '../../shared/schemas/sync';
import { Role } from '../../shared/schemas/users';
import { defineArea, defineRoute } from '../http/registry';
import { syncPage } from '../sync/sync-page';
import { touchDevice } from '../db/queries/auth';

/** The app version a phone sends (`x-app-version`), kept only when it looks like one. */
function appVersionOf(header: string | undefined): string | null {
  const v = header?.trim();
  return v && /^[0-9A-Za-z.+_-]{1,40}$/.test(v) ? v : null;
}

const SyncQuery = z.object({ cursor: z.optional(z.string().check(z.maxLength(500))) });

export const syncArea = defineArea('/sync', 'Đồng bộ', [
  defineRoute(
    {
      method: 'get', path: '/', access: Role.options,
      summary: 'Những gì đã thay đổi trong phạm vi của người dùng kể từ con trỏ (tối đa 1.000 bản ghi mỗi trang; more = còn tiếp)',
      request: { query: SyncQuery }, responses: { 200: SyncResponse },
    },
    async ({ c, deps, principal, query }) => {
      const now = deps.clock();
      if (principal.deviceId) await touchDevice(deps.db, principal.deviceId, now, appVersionOf(c.req.header('x-app-version')));
      return syncPage(deps.db, principal, query.cursor || undefined, now);
    },
  ),
]);
