/**
 * Stored reports as every reader gets them (list, detail, sync, review): the row's own fields
 * plus what only the unit's other reports tell — `newerReportId`, the unit's newer report for
 * the same plan and period (shared/progress.ts decides which one is current).
 */
import type { Selectable } from 'kysely';
import type { StoredReport } from '../../../shared/schemas/reports';
import { newerReportIdOf } from '../../../shared/progress';
import type { ReportsTable } from '../schema';
import type { DbHandle } from '../handle';
import { reportFromRow } from './records';
import { findSiblingReports } from './reports';

export async function storedReports(db: DbHandle, rows: readonly Selectable<ReportsTable>[]): Promise<StoredReport[]> {
  if (rows.length === 0) return [];
  const siblings = (await findSiblingReports(db, rows.map((r) => ({ unitId: r.unit_id, planId: r.plan_id, periodId: r.period_id }))))
    .map(reportFromRow);
  const groups = new Map<string, StoredReport[]>();
  for (const s of siblings) {
    const key = `${s.unitId}|${s.planId}|${s.periodId}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return rows.map((row) => {
    const report = reportFromRow(row);
    const group = groups.get(`${report.unitId}|${report.planId}|${report.periodId}`) ?? [report];
    return { ...report, newerReportId: newerReportIdOf(report, group) };
  });
}
