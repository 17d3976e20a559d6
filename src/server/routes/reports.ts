/**
 * Reports: the phones' batch upload, the office's list, and review decisions.
 */
import * as z from 'zod/mini';
import {
  MAX_REPORTS_PER_BATCH, ReportState, ReportSubmission, ReportsBatch, ReportsBatchResult, Review, ReviewRequest, StoredReport,
} from '../../shared/schemas/reports';
import { Id, Uuid } from '../../shared/schemas/common';
import { defineArea, defineRoute } from '../http/registry';
import { REPORTS_BODY_LIMIT } from '../http/body';
import { ApiError } from '../http/errors';
import { ingestReports } from '../reports/ingest';
import { bulkApprove, reviewReport } from '../reports/review';
import { ReportDetail, reportDetail } from '../reports/detail';
import { listReports } from '../db/queries/reports';
import { storedReports } from '../db/queries/report-views';
import { BulkApproveRequest, BulkApproveResult } from '../../shared/schemas/office';

const ListQuery = z.object({
  planId: z.optional(Id),
  periodId: z.optional(Id),
  unitId: z.optional(Id),
  state: z.optional(ReportState),
  /** Paging: the `next` of the previous page. */
  after: z.optional(Uuid),
  limit: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,2}$/))),
});
const ReportList = z.object({ reports: z.array(StoredReport), next: z.nullable(z.string()) });
const ReviewResult = z.object({ report: StoredReport, review: Review });

export const reportsArea = defineArea('/reports', 'Báo cáo', [
  defineRoute(
    {
      method: 'post', path: '/', access: ['village', 'association', 'office', 'admin'],
      summary: 'Gửi một lô báo cáo (tối đa 500; gửi lại nhiều lần vẫn chỉ lưu một lần). Có thể nén gzip.',
      request: { body: ReportsBatch, maxBodyBytes: REPORTS_BODY_LIMIT },
      documentedBody: z.object({ reports: z.array(ReportSubmission).check(z.maxLength(MAX_REPORTS_PER_BATCH)) }),
      responses: { 200: ReportsBatchResult },
    },
    async ({ deps, principal, body }) => {
      if (body.reports.length > MAX_REPORTS_PER_BATCH) throw new ApiError('request.too_many_reports', 'reports');
      return { results: await ingestReports(deps, principal, body.reports) };
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/', access: ['office', 'admin'], summary: 'Danh sách báo cáo của xã (lọc theo kế hoạch, kỳ, đơn vị, trạng thái)',
      request: { query: ListQuery }, responses: { 200: ReportList },
    },
    async ({ deps, principal, query }) => {
      const limit = Math.min(Number(query.limit ?? 100), 500);
      const rows = await listReports(deps.db, {
        communeId: principal.communeId ?? '', planId: query.planId, periodId: query.periodId, unitId: query.unitId,
        state: query.state, after: query.after, limit,
      });
      return { reports: await storedReports(deps.db, rows), next: rows.length === limit ? rows[rows.length - 1]!.id : null };
    },
  ),
  defineRoute(
    {
      method: 'post', path: '/bulk-approve', access: ['office', 'admin'],
      summary: 'Duyệt hàng loạt (tối đa 500): bỏ qua báo cáo có cảnh báo, không phải báo cáo mới nhất, hoặc đã xử lý',
      request: { body: BulkApproveRequest }, responses: { 200: BulkApproveResult },
    },
    async ({ deps, principal, body }) => ({ results: await bulkApprove(deps, principal, body.ids) }),
  ),
  defineRoute(
    {
      method: 'get', path: '/:id', access: ['office', 'admin'],
      summary: 'Một báo cáo với lần duyệt, đơn vị, mọi chỉ tiêu đơn vị phụ trách (null = chưa nhập) và báo cáo trước đó',
      request: { params: z.object({ id: Uuid }) }, responses: { 200: ReportDetail },
    },
    ({ deps, principal, params }) => reportDetail(deps.db, principal, params.id),
  ),
  defineRoute(
    {
      method: 'post', path: '/:id/review', access: ['office', 'admin'], summary: 'Duyệt hoặc trả lại một báo cáo (trả lại cần lý do)',
      request: { params: z.object({ id: Uuid }), body: ReviewRequest }, responses: { 200: ReviewResult },
    },
    ({ deps, principal, params, body }) => reviewReport(deps, principal, params.id, body),
  ),
]);
