/**
 * What the office reads about registers beyond the register itself: a household's history
 * (who changed what, when) and the counts per unit for a period — counts only, no names, so
 * the operator and any summary upward may read them (Decree 13/2023).
 */
import * as z from 'zod/mini';
import { Id, Instant } from './common';
import { HouseholdChangeKind } from './registers';

/** One change of a household as the server stored it; `value` of an erased name or address is null. */
export const HouseholdHistoryEntry = z.object({
  id: Id,
  kind: HouseholdChangeKind,
  /** `field:members`, `item:<checklist>:<period>:<item>`, `field:status`, `create`. */
  key: z.string(),
  value: z.unknown(),
  by: z.string(),
  /** When it was typed on the device. */
  at: Instant,
  receivedAt: Instant,
  /** False when a newer value was already in force (it is kept, not applied). */
  applied: z.boolean(),
  /** The change disputed another value of the same field or item. */
  conflict: z.boolean(),
});
export type HouseholdHistoryEntry = z.infer<typeof HouseholdHistoryEntry>;
export const HouseholdHistory = z.object({ changes: z.array(HouseholdHistoryEntry) });

/** One checklist's counts in one unit for the period. */
export const ChecklistCount = z.object({
  checklistId: Id,
  /** Assessed on every item. */
  assessed: z.number(),
  meeting: z.number(),
});
export const UnitRegisterCount = z.object({
  unitId: Id,
  /** Households still in the register (not moved away, not merged). */
  households: z.number(),
  /** Households with an open dispute waiting for someone to confirm a value. */
  conflicts: z.number(),
  checklists: z.array(ChecklistCount),
});
export type UnitRegisterCount = z.infer<typeof UnitRegisterCount>;
export const RegisterCounts = z.object({
  periodId: Id,
  /** The checklists counted: every one with an assessment in this commune for this period. */
  checklists: z.array(z.object({ id: Id, code: z.string(), version: z.string(), name: z.string() })),
  units: z.array(UnitRegisterCount),
});
export type RegisterCounts = z.infer<typeof RegisterCounts>;
