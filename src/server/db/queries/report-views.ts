/**
 * Stored reports as every reader gets them (list, detail, sync, review): the row's own fields
 * plus what only the unit's other reports tell — `newerReportId`, the unit's newest report for
 * the same plan and period when this one is not it (shared/progress.ts decides). One query of
 * report heads (no values) per call, one pass per group: a page of 1,000 stays cheap.
 */
import type { Selectable } from 'kysely';
import type { StoredReport } from '../../../shared/schemas/reports';
import { newerIdGiven, newestReport } from '../../../shared/progress';
import type { ReportsTable } from '../schema';
import type { DbHandle } from '../handle';
import { reportFromRow } from './records';
import { findSiblingHeads, type RankHead } from './reports';

const groupOf = (r: { unitId: string; planId: string; periodId: string }) => `${r.unitId}|${r.planId}|${r.periodId}`;

/** The newest report of each unit, plan and period group among these heads. */
export function newestByGroup(heads: readonly RankHead[]): Map<string, RankHead | null> {
  const groups = new Map<string, RankHead[]>();
  for (const h of heads) {
    const key = groupOf(h);
    const list = groups.get(key);
    if (list) list.push(h);
    else groups.set(key, [h]);
  }
  return new Map([...groups].map(([key, list]) => [key, newestReport(list)]));
}

export async function storedReports(db: DbHandle, rows: readonly Selectable<ReportsTable>[]): Promise<StoredReport[]> {
  if (rows.length === 0) return [];
  const reports = rows.map(reportFromRow);
  const newest = newestByGroup(await findSiblingHeads(db, reports));
  return reports.map((report) => ({ ...report, newerReportId: newerIdGiven(report, newest.get(groupOf(report)) ?? null) }));
}
