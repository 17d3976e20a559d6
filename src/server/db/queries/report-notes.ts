/** The office's free text for a period's A4 report: one row per period, written whole. */
import type { DbHandle } from '../handle';
import type { ReportNotes, ReportNotesInput } from '../../../shared/schemas/report-notes';

export async function periodOfPlanExists(db: DbHandle, planId: string, periodId: string): Promise<boolean> {
  const row = await db.kysely.selectFrom('periods').select('id')
    .where('id', '=', periodId).where('plan_id', '=', planId).where('deleted', '=', 0).executeTakeFirst();
  return row !== undefined;
}

export async function findReportNotes(db: DbHandle, planId: string, periodId: string): Promise<ReportNotes> {
  const row = await db.kysely.selectFrom('report_notes').selectAll()
    .where('period_id', '=', periodId).where('plan_id', '=', planId).executeTakeFirst();
  return {
    planId, periodId,
    general: row?.general ?? '', shortcomings: row?.shortcomings ?? '', directions: row?.directions ?? '',
    updatedAt: row?.updated_at ?? null,
  };
}

/** An upsert on the period's key: two offices saving at once end with one row, the later text. */
export async function saveReportNotes(
  db: DbHandle, ids: { planId: string; periodId: string; communeId: string; userId: string }, notes: ReportNotesInput, now: string,
): Promise<void> {
  const values = { general: notes.general, shortcomings: notes.shortcomings, directions: notes.directions, updated_at: now, updated_by: ids.userId };
  await db.kysely.insertInto('report_notes')
    .values({ period_id: ids.periodId, plan_id: ids.planId, commune_id: ids.communeId, ...values })
    .onConflict((oc) => oc.column('period_id').doUpdateSet(values))
    .execute();
}
