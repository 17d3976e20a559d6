/**
 * GET /api/audit: the commune's audit trail, newest first, 50 a page, filtered by record,
 * actor, action and time. There is no route that edits or deletes an entry.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { AuditEntry } from '../../shared/schemas/office';
import { defineArea, defineRoute } from '../http/registry';
import { listAudit } from '../db/queries/audit';
import { ownCommune } from './office-scope';

const PAGE = 50;
const Instantish = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+Z?)?$/));

const AuditQuery = z.object({
  entity: z.optional(z.string().check(z.maxLength(50))),
  entityId: z.optional(Id),
  actorId: z.optional(Id),
  action: z.optional(z.string().check(z.maxLength(80))),
  /** Inclusive; a date (`2025-06-01`) or an instant. */
  from: z.optional(Instantish),
  /** Exclusive; a date or an instant. */
  to: z.optional(Instantish),
  /** The `next` of the previous page. */
  before: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,15}$/))),
});

export default defineArea('/audit', 'Nhật ký', [
  defineRoute(
    { method: 'get', path: '/', access: ['office', 'admin'], summary: 'Nhật ký thao tác của xã (mới nhất trước, 50 dòng mỗi trang; không sửa, không xoá được)',
      request: { query: AuditQuery }, responses: { 200: z.object({ entries: z.array(AuditEntry), next: z.nullable(z.string()) }) } },
    async ({ deps, principal, query }) => {
      const rows = await listAudit(deps.db, {
        communeId: ownCommune(principal), entity: query.entity, entityId: query.entityId, actorId: query.actorId, action: query.action,
        from: query.from, to: query.to, before: query.before ? Number(query.before) : undefined, limit: PAGE + 1,
      });
      const page = rows.slice(0, PAGE);
      return {
        entries: page.map(({ seq: _seq, ...entry }) => entry),
        next: rows.length > PAGE ? String(page[page.length - 1]!.seq) : null,
      };
    },
  ),
]);
