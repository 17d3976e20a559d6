import * as z from 'zod/mini';
import { Id, Instant } from './common';

/**
 * The free-text parts of a period's A4 progress report, written by the commune office before
 * printing (GET/PUT /api/plans/:planId/periods/:periodId/report-notes). Empty strings until
 * the office writes something; `updatedAt` null when nothing was ever saved.
 */
const Text = z.string().check(z.maxLength(10_000));

export const ReportNotesInput = z.object({
  /** "Đánh giá chung" */
  general: Text,
  /** "Tồn tại, hạn chế" */
  shortcomings: Text,
  /** "Phương hướng" (what the commune will do next) */
  directions: Text,
});
export type ReportNotesInput = z.infer<typeof ReportNotesInput>;

export const ReportNotes = z.extend(ReportNotesInput, {
  planId: Id,
  periodId: Id,
  updatedAt: z.nullable(Instant),
});
export type ReportNotes = z.infer<typeof ReportNotes>;
