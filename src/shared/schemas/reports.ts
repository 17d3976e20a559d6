import * as z from 'zod/mini';
import { Id, Uuid, Instant, FiniteNumber } from './common';

/**
 * Linked targets (issue 10): what the unit's household register counted when the form proposed
 * its figure ("Sổ hộ: 28 / 32 hộ đạt"). Sent with the value so the server can tell a figure
 * taken from the register from one typed over it (which needs a note: shared/target-links.ts);
 * the phone's register may hold changes the server has not received yet, so the server judges
 * against what the phone counted, not against its own copy. Counts only, never names.
 */
export const RegisterProposal = z.object({
  meeting: z.number().check(z.int(), z.gte(0)),
  total: z.number().check(z.int(), z.gte(0)),
});
export type RegisterProposal = z.infer<typeof RegisterProposal>;

/** One value per target, shaped by the target's measure (see targets.ts `Measure`). */
export const QuantityValue = z.object({ targetId: Id, value: FiniteNumber, register: z.optional(RegisterProposal) });
export const RateValue = z.object({ targetId: Id, numerator: FiniteNumber, denominator: FiniteNumber, register: z.optional(RegisterProposal) });
export const StatusValue = z.object({ targetId: Id, done: z.boolean() });
export const ReportValue = z.union([QuantityValue, RateValue, StatusValue]);
export type ReportValue = z.infer<typeof ReportValue>;

export const MAX_NOTE_LENGTH = 2000;
export const MAX_REPORTS_PER_BATCH = 500;

/**
 * A report as a device sends it: an immutable submission by one unit for one plan and period.
 * The id is a UUIDv7 made on the device, so resending is harmless. A correction names the
 * report it replaces in `supersedes`; nothing is ever erased.
 */
export const ReportSubmission = z.object({
  id: Uuid,
  unitId: Id,
  planId: Id,
  periodId: Id,
  values: z.array(ReportValue).check(z.maxLength(1000)),
  note: z.optional(z.nullable(z.string().check(z.maxLength(MAX_NOTE_LENGTH)))),
  /** When it was made on the device (offline, possibly days ago; the phone's clock). */
  createdAt: Instant,
  supersedes: z.optional(z.nullable(Uuid)),
});
export type ReportSubmission = z.infer<typeof ReportSubmission>;

export const ReportState = z.enum(['submitted', 'approved', 'returned']);
export type ReportState = z.infer<typeof ReportState>;

/** A report as the server returns it: as sent, plus who, which device, when received, state. */
export const StoredReport = z.extend(ReportSubmission, {
  note: z.nullable(z.string()),
  supersedes: z.nullable(Uuid),
  submittedBy: Id,
  deviceId: z.nullable(Id),
  receivedAt: Instant,
  state: ReportState,
  /** Set when it arrived after an approved report for the same period: it goes to review. */
  correctionOf: z.nullable(Uuid),
  // The fields below are always sent by the server (issue 8); optional only so reports a phone
  // cached before they existed still read.
  /** Received after the deadline + grace, a lock or the plan's close (shared/lateness.ts). */
  late: z.optional(z.boolean()),
  /** Whole days after the period's deadline it was received (0 when on time). */
  daysLate: z.optional(z.number()),
  /** "Giờ trên máy sai": createdAt more than 24 h after receivedAt; ranked by receivedAt. */
  clockSkew: z.optional(z.boolean()),
  /** "Nhập thay": the office user who entered it on the unit's behalf. */
  enteredBy: z.optional(z.nullable(z.object({ userId: Id, name: z.string() }))),
  /** The unit's newer report for the same plan and period, when this one is no longer current. */
  newerReportId: z.optional(z.nullable(Uuid)),
  /** Plausibility warnings (shared/report-rules.ts) for the reviewer; bulk approve skips these. */
  warnings: z.optional(z.array(z.object({ code: z.string(), message: z.string(), targetId: Id }))),
});
export type StoredReport = z.infer<typeof StoredReport>;
export interface ReportWarning {
  code: string;
  message: string;
  targetId: string;
}

export const ReportsBatch = z.object({ reports: z.array(z.unknown()) });

export const ReportResult = z.object({
  id: z.nullable(z.string()),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  receivedAt: z.optional(Instant),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  path: z.optional(z.string()),
});
export type ReportResult = z.infer<typeof ReportResult>;
export const ReportsBatchResult = z.object({ results: z.array(ReportResult) });

export const Decision = z.enum(['approve', 'return']);
export const ReviewRequest = z.object({
  decision: Decision,
  reason: z.optional(z.nullable(z.string().check(z.maxLength(MAX_NOTE_LENGTH)))),
  /** A comment typed before "Duyệt": kept with the approval (stored as the review's reason). */
  comment: z.optional(z.nullable(z.string().check(z.maxLength(MAX_NOTE_LENGTH)))),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/** An office decision on a report. */
export const Review = z.object({
  id: Id,
  reportId: Uuid,
  decision: Decision,
  reason: z.nullable(z.string()),
  /** The reviewer's name, as users want to read it. */
  by: z.string(),
  at: Instant,
});
export type Review = z.infer<typeof Review>;
