/**
 * When a report is late, and by how many days — the ONE rule the server (at receipt), the
 * review queue, the report detail and the phone all use, so "Trễ hạn" never differs between
 * screens. Days are Asia/Ho_Chi_Minh calendar days (daysLeft in periods.ts).
 *
 * A report is late when it was received
 * - after its period's deadline day plus the plan's grace days (the whole deadline day counts
 *   as on time), or
 * - after the office locked the period, or
 * - after the plan was closed (it is accepted only if it was made before the close).
 * `daysLate` counts whole days after the deadline itself (grace not deducted: the office reads
 * "5 ngày sau hạn"), and is 0 when the report is not late.
 * A late report is accepted and waits for review like any other: work typed offline is never
 * stranded.
 */
import { daysLeft } from './periods';

export interface LatenessInput {
  /** When the server received it (never the phone's clock). */
  receivedAt: string;
  /** The period's deadline day, `YYYY-MM-DD`. */
  deadline: string;
  graceDays?: number | null;
  lockedAt?: string | null;
  closedAt?: string | null;
}

export interface Lateness {
  late: boolean;
  daysLate: number;
}

/**
 * @example lateness({ receivedAt: '2025-06-20T16:59:59Z', deadline: '2025-06-20' }) // { late: false, daysLate: 0 } (23:59:59 in Vietnam)
 * @example lateness({ receivedAt: '2025-06-20T17:00:00Z', deadline: '2025-06-20' }) // { late: true, daysLate: 1 }
 */
export function lateness(input: LatenessInput): Lateness {
  const received = Date.parse(input.receivedAt);
  const pastDeadline = Math.max(0, -daysLeft(input.deadline, received));
  const afterGrace = pastDeadline > Math.max(0, input.graceDays ?? 0);
  const afterLock = !!input.lockedAt && received > Date.parse(input.lockedAt);
  const afterClose = !!input.closedAt && received > Date.parse(input.closedAt);
  const late = afterGrace || afterLock || afterClose;
  return { late, daysLate: late ? pastDeadline : 0 };
}

/** A phone clock more than this far ahead of the server's receipt is wrong ("giờ trên máy sai"). */
export const CLOCK_SKEW_MS = 24 * 3_600_000;

export function hasClockSkew(createdAt: string, receivedAt: string): boolean {
  return Date.parse(createdAt) - Date.parse(receivedAt) > CLOCK_SKEW_MS;
}
