/**
 * Progress against the plan, and the same figures as a file: office and admin of the plan's
 * commune, and the operator (counts only: nothing here ever holds household data). Field users
 * are refused; their phones compute their own verdicts offline with the same shared rules.
 */
import * as z from 'zod/mini';
import { Id } from '../../shared/schemas/common';
import { ExportQuery, PlanProgress, ProgressQuery } from '../../shared/schemas/progress';
import { defineArea, defineRoute } from '../http/registry';
import { planProgress, communeName } from '../progress/plan-progress';
import { contentDisposition, exportBaseName, exportRows } from '../progress/export-table';
import { progressCsv } from '../progress/export-csv';
import { progressXlsx } from '../progress/export-xlsx';

const READERS = ['office', 'admin', 'operator'] as const;
const PlanParams = z.object({ planId: Id });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default defineArea('/plans', 'Tiến độ', [
  defineRoute(
    {
      method: 'get', path: '/:planId/progress', access: READERS,
      summary: 'Tiến độ thực hiện từng chỉ tiêu của kế hoạch trong một kỳ: số của xã và của từng đơn vị, tỷ lệ, đánh giá, đơn vị đã/chưa báo cáo',
      request: { params: PlanParams, query: ProgressQuery }, responses: { 200: PlanProgress },
    },
    async ({ deps, principal, params, query }) =>
      (await planProgress(deps, principal, params.planId, query.periodId, query.basis ?? 'approved')).progress,
  ),
  defineRoute(
    {
      method: 'get', path: '/:planId/export', access: READERS,
      summary: 'Tải số liệu tiến độ: CSV (UTF-8 có BOM, mỗi dòng một chỉ tiêu và đơn vị) hoặc XLSX (tổng hợp, từng lĩnh vực, ai báo cáo khi nào)',
      request: { params: PlanParams, query: ExportQuery }, responses: { 200: null },
      fileResponse: ['text/csv', XLSX_TYPE],
    },
    async ({ deps, principal, params, query }) => {
      const result = await planProgress(deps, principal, params.planId, query.periodId, query.basis ?? 'approved');
      const commune = await communeName(deps, result.communeId);
      const base = exportBaseName(commune, result);
      const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      if (query.format === 'csv') {
        return new Response(progressCsv(exportRows(result)), {
          headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': contentDisposition(`${base}.csv`) },
        });
      }
      const body = await progressXlsx(commune, result);
      return new Response(new Uint8Array(body), {
        headers: { ...headers, 'Content-Type': XLSX_TYPE, 'Content-Disposition': contentDisposition(`${base}.xlsx`) },
      });
    },
  ),
]);
