/**
 * Whether a unit reported late: its first report for the period arrived (by the day in
 * Asia/Ho_Chi_Minh) after the period's deadline plus the plan's grace days. Kept as one small
 * function so the progress figures switch in one place to the office's lateness rule
 * (deadline + plan `graceDays`, period lock) when that lands.
 */
import { vietnamToday } from './periods';

const DAY_MS = 86_400_000;

/**
 * @example reportedLate('2025-06-25T16:59:00Z', '2025-06-25') // false (23:59 on the 25th in Vietnam)
 * @example reportedLate('2025-06-25T17:00:00Z', '2025-06-25') // true (already the 26th)
 */
export function reportedLate(receivedAt: string, deadline: string, graceDays = 0): boolean {
  const day = vietnamToday(Date.parse(receivedAt));
  const lastDay = new Date(Date.parse(`${deadline}T00:00:00Z`) + graceDays * DAY_MS).toISOString().slice(0, 10);
  return day > lastDay;
}
