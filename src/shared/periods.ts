/**
 * The reporting periods of a plan, derived from its rhythm and rounds, and the days left to a
 * deadline as the phone should count them. Period ids are made from the plan id and the
 * period's place in the year, so regenerating after an edit keeps every id (and the reports
 * filed against it) stable.
 */
import type { Plan, Period, Rhythm, Round } from './schemas/plans';

export type PeriodPlan = Pick<Plan, 'id' | 'year' | 'rounds' | 'reporting'>;

/**
 * Default deadline for quarters, half-years and the year: the 20th day of the period's last
 * month. Commune figures close on the 14th of that month (Decree 09/2019/NĐ-CP, art. 12, the
 * cut-off for periodic reports), and the commune itself must report upward before the period
 * ends, so villages report on the 20th, leaving the office ten days to review and roll up.
 */
export const DEFAULT_DEADLINE_DAY = 20;
/**
 * A round with no deadline in the plan: five days after it ends. Rounds are campaigns whose
 * results are counted once they close, so the deadline must follow the end, not precede it.
 */
export const ROUND_GRACE_DAYS = 5;

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const HO_CHI_MINH_OFFSET_MS = 7 * 3_600_000; // UTC+7 all year: Vietnam has no daylight saving.
const DAY_MS = 86_400_000;

/**
 * @example planPeriods({ id: 'p', year: 2024, rounds: [], reporting: ['half-year'] })
 * // [{ id: 'p:h1', name: '6 tháng đầu năm 2024', from: '2024-01-01', to: '2024-06-30', deadline: '2024-06-20', ... }, { id: 'p:h2', ... }]
 */
export function planPeriods(plan: PeriodPlan): Period[] {
  const periods: Period[] = [];
  const rhythms = new Set<Rhythm>(plan.reporting);
  const y = plan.year;
  if (rhythms.has('quarter')) {
    for (let q = 1; q <= 4; q++) {
      periods.push(calendarPeriod(plan.id, `q${q}`, 'quarter', `Quý ${ROMAN[q - 1]}/${y}`, y, (q - 1) * 3 + 1, q * 3));
    }
  }
  if (rhythms.has('half-year')) {
    periods.push(calendarPeriod(plan.id, 'h1', 'half-year', `6 tháng đầu năm ${y}`, y, 1, 6));
    periods.push(calendarPeriod(plan.id, 'h2', 'half-year', `6 tháng cuối năm ${y}`, y, 7, 12));
  }
  if (rhythms.has('year')) {
    periods.push(calendarPeriod(plan.id, 'y', 'year', `Năm ${y}`, y, 1, 12));
  }
  plan.rounds.forEach((round, i) => periods.push(roundPeriod(plan.id, i + 1, round)));
  return periods.sort(byEnd);
}

function calendarPeriod(
  planId: string, key: string, kind: Period['kind'], name: string, year: number, firstMonth: number, lastMonth: number,
): Period {
  return {
    id: `${planId}:${key}`,
    planId,
    kind,
    name,
    from: isoDate(year, firstMonth, 1),
    to: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
    deadline: isoDate(year, lastMonth, DEFAULT_DEADLINE_DAY),
  };
}

function roundPeriod(planId: string, n: number, round: Round): Period {
  return {
    id: `${planId}:r${n}`,
    planId,
    kind: 'round',
    name: round.name,
    from: round.from,
    to: round.to,
    deadline: round.reportDeadline ?? addDays(round.to, ROUND_GRACE_DAYS),
  };
}

/** Earlier end first; for the same end the shorter period (Q2 before the half-year), then by id. */
function byEnd(a: Period, b: Period): number {
  if (a.to !== b.to) return a.to < b.to ? -1 : 1;
  if (a.from !== b.from) return a.from > b.from ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Whole days from today (in Asia/Ho_Chi_Minh) to the deadline day: 0 on the day itself,
 * negative when late. `serverOffsetMs` is server time minus phone time, so a phone whose clock
 * is wrong still counts from the server's day.
 *
 * @example daysLeft('2024-06-25', Date.parse('2024-06-24T18:00:00Z'), 0) // 0 (already the 25th in Vietnam)
 */
export function daysLeft(deadline: string, now: number | Date, serverOffsetMs = 0): number {
  const at = (typeof now === 'number' ? now : now.getTime()) + serverOffsetMs + HO_CHI_MINH_OFFSET_MS;
  const today = Math.floor(at / DAY_MS);
  return dayNumber(deadline) - today;
}

/** Today's date `YYYY-MM-DD` in Asia/Ho_Chi_Minh. */
export function vietnamToday(now: number | Date, serverOffsetMs = 0): string {
  const at = (typeof now === 'number' ? now : now.getTime()) + serverOffsetMs + HO_CHI_MINH_OFFSET_MS;
  return new Date(Math.floor(at / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
