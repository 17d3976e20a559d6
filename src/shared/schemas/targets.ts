import * as z from 'zod/mini';
import { Id, FiniteNumber } from './common';

export const Area = z.enum(['economy', 'society', 'defense', 'other']);
export type Area = z.infer<typeof Area>;

export const Comparator = z.enum(['atLeast', 'atMost', 'range', 'equal', 'done']);
export type Comparator = z.infer<typeof Comparator>;

/**
 * Which value shape a report gives the target:
 * - quantity: `{ value }` ≥ 0 (households, head of livestock, ha, million đồng);
 * - rate: `{ numerator, denominator }` so villages add up correctly (0 ≤ n ≤ d);
 * - xOfY: `{ value }`, x of the target's `outOf` items (13 of 19 criteria);
 * - status: `{ done }`;
 * - rank: `{ value }`, a change in rank, may be negative (a fall).
 */
export const Measure = z.enum(['quantity', 'rate', 'xOfY', 'status', 'rank']);
export type Measure = z.infer<typeof Measure>;

/** How units' results add up to the commune's: sum, weighted rate (Σn/Σd), count of units done. */
export const Aggregation = z.enum(['sum', 'weightedRate', 'count']);
export type Aggregation = z.infer<typeof Aggregation>;

/**
 * What a target's figure follows (issue 10): a household register ("5 không 3 sạch": the
 * households meeting the checklist, or holding one item of it), or an NTM criteria set
 * ("đạt 13/19 tiêu chí" follows the criteria tracker). Codes, not ids: a checklist or a
 * criteria set has versions, and the version in force for a period is picked when counting
 * (shared/target-links.ts `checklistForPeriod`).
 */
export const RegisterLink = z.object({
  kind: z.literal('register'),
  checklistCode: z.string().check(z.minLength(1), z.maxLength(60)),
  itemCode: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
});
export const CriteriaLink = z.object({
  kind: z.literal('criteria'),
  criteriaSetCode: z.string().check(z.minLength(1), z.maxLength(60)),
});
export const TargetLink = z.discriminatedUnion('kind', [RegisterLink, CriteriaLink]);
export type TargetLink = z.infer<typeof TargetLink>;
export type RegisterLink = z.infer<typeof RegisterLink>;

export const SourceLine = z.object({ line: z.number().check(z.int(), z.gte(1)), text: z.string() });

export const Target = z.object({
  id: Id,
  planId: Id,
  /** Breakdowns: a child's results add up to its parent's. */
  parentId: z.nullable(Id),
  /** int32: PostgreSQL stores it in an `integer` column (a larger number failed the insert). */
  position: z.int32(),
  area: Area,
  label: z.string().check(z.minLength(1), z.maxLength(1000)),
  /** Unit of measure as the plan writes it: "%", "con", "ha", "hộ", "triệu đồng", "tiêu chí". */
  unit: z.nullable(z.string().check(z.maxLength(50))),
  comparator: Comparator,
  value: z.nullable(FiniteNumber),
  valueMax: z.nullable(FiniteNumber),
  /** For xOfY: the size of the set (19 criteria). */
  outOf: z.nullable(FiniteNumber),
  measure: Measure,
  aggregation: Aggregation,
  /** The association the plan names with this target, if any. */
  assigneeUnitId: z.nullable(Id),
  /** The line of the plan document it came from. */
  source: z.nullable(SourceLine),
  /**
   * "Số nguyên": values are whole numbers (hộ, con, người…; on by default for counted units,
   * see shared/target-flags.ts). Always sent by the server; optional only so records a phone
   * cached before this field existed still read (as false).
   */
  wholeNumber: z.optional(z.boolean()),
  /** "Xã tự báo cáo": no unit reports it; the office reports it as the commune unit's own report. */
  communeOnly: z.optional(z.boolean()),
  /** Linked targets (issue 10): a register or a criteria set the figure follows; null when none. */
  link: z.optional(z.nullable(TargetLink)),
});
export type Target = z.infer<typeof Target>;

/** A target assigned to a village or association, with that unit's share of it. */
export const Assignment = z.object({
  id: Id,
  planId: Id,
  targetId: Id,
  unitId: Id,
  share: z.nullable(FiniteNumber),
});
export type Assignment = z.infer<typeof Assignment>;

/** The default way a measure adds up. */
export function defaultAggregation(measure: Measure): Aggregation {
  if (measure === 'rate') return 'weightedRate';
  if (measure === 'status') return 'count';
  return 'sum';
}
