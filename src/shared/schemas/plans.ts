import * as z from 'zod/mini';
import { Id, CalendarDate } from './common';

/** An emulation round (đợt thi đua): e.g. round 1 from 01/01 to 30/4, report due 25/6. */
export const Round = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  from: CalendarDate,
  to: CalendarDate,
  reportDeadline: z.nullable(CalendarDate),
});
export type Round = z.infer<typeof Round>;

export const Rhythm = z.enum(['quarter', 'half-year', 'year']);
export type Rhythm = z.infer<typeof Rhythm>;

export const PlanStatus = z.enum(['draft', 'active', 'closed']);

/** A commune's (or district's) yearly plan launching the emulation movement. */
export const Plan = z.object({
  id: Id,
  /** The unit that issued the plan (the commune). */
  issuerUnitId: Id,
  number: z.string().check(z.maxLength(100)),
  issuedOn: z.nullable(CalendarDate),
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  /** The issuer as printed in the header ("UBND XÃ LƠ KU"). */
  issuer: z.string().check(z.maxLength(300)),
  title: z.string().check(z.minLength(1), z.maxLength(1000)),
  theme: z.string().check(z.maxLength(1000)),
  rounds: z.array(Round).check(z.maxLength(12)),
  reporting: z.array(Rhythm).check(z.maxLength(3)),
  status: PlanStatus,
  /**
   * Days after a period's deadline a report still counts as on time (int ≥ 0). Always sent by
   * the server; optional (read as 0) so records cached before it existed still read.
   */
  graceDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(365))),
  /** When the plan was closed (status `closed`); reports made later are refused. */
  closedAt: z.optional(z.nullable(z.string())),
});
export type Plan = z.infer<typeof Plan>;

export const PeriodKind = z.enum(['quarter', 'half-year', 'year', 'round']);
export type PeriodKind = z.infer<typeof PeriodKind>;

/** A reporting period, made from the plan's rhythm and rounds (see shared/periods.ts). */
export const Period = z.object({
  id: Id,
  planId: Id,
  kind: PeriodKind,
  name: z.string(),
  from: CalendarDate,
  to: CalendarDate,
  deadline: CalendarDate,
  /** When the office locked it: reports received after that are late (still accepted). */
  lockedAt: z.optional(z.nullable(z.string())),
});
export type Period = z.infer<typeof Period>;
