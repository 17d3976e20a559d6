import * as z from 'zod/mini';
import { Id, Instant, FiniteNumber } from './common';
import { Area, Comparator, Measure, TargetLink } from './targets';
import { ReportState } from './reports';

/**
 * The progress API's answer (GET /api/plans/:planId/progress): every target of a plan for one
 * period with the commune's figure and each unit's, as src/shared/progress.ts computes them.
 * Scripts and the district's systems rely on this shape: add fields, never rename or remove.
 */
export const ProgressBasis = z.enum(['approved', 'submitted']);
export const ProgressVerdict = z.enum(['met', 'notMet', 'exceeded', 'noData']);

const Num = z.nullable(FiniteNumber);

export const UnitProgressEntry = z.object({
  unitId: Id,
  share: Num,
  achieved: Num,
  /** Rates only: the unit's households counted and all households (Σn/Σd adds up right). */
  numerator: z.optional(Num),
  denominator: z.optional(Num),
  percent: Num,
  verdict: ProgressVerdict,
  reportId: z.nullable(Id),
  state: z.nullable(ReportState),
  late: z.boolean(),
  /**
   * Register-linked targets (issue 10): the unit's household register for the period, counts
   * only — households in the register, assessed, meeting the checklist (or holding the item).
   * Absent when the target follows no register or the unit keeps none.
   */
  register: z.optional(z.object({ total: z.int(), assessed: z.int(), meeting: z.int() })),
});
export type UnitProgressEntry = z.infer<typeof UnitProgressEntry>;

export const ProgressWarning = z.object({
  /** A unit's own figure for a breakdown's parent differs from the sum of its children (the sum counts). */
  kind: z.literal('parentDiffers'),
  unitId: Id,
  reported: FiniteNumber,
  childrenSum: FiniteNumber,
});

export const TargetProgressEntry = z.object({
  targetId: Id,
  parentId: z.nullable(Id),
  area: Area,
  label: z.string(),
  unit: z.nullable(z.string()),
  measure: Measure,
  comparator: Comparator,
  value: Num,
  valueMax: Num,
  achieved: Num,
  numerator: z.optional(Num),
  denominator: z.optional(Num),
  percent: Num,
  verdict: ProgressVerdict,
  reportedUnits: z.int(),
  expectedUnits: z.int(),
  units: z.array(UnitProgressEntry),
  warnings: z.array(ProgressWarning),
  /** What the target's figure follows (issue 10), when it is linked. */
  link: z.optional(TargetLink),
});
export type TargetProgressEntry = z.infer<typeof TargetProgressEntry>;

export const Completeness = z.object({
  /** Units that carry at least one target of the plan (merged villages counted once, as their successor). */
  expected: z.int(),
  reported: z.int(),
  onTime: z.int(),
  late: z.int(),
  missing: z.array(Id),
});
export type Completeness = z.infer<typeof Completeness>;

export const PlanProgress = z.object({
  planId: Id,
  periodId: Id,
  basis: ProgressBasis,
  computedAt: Instant,
  completeness: Completeness,
  targets: z.array(TargetProgressEntry),
});
export type PlanProgress = z.infer<typeof PlanProgress>;

export const ProgressQuery = z.object({
  periodId: Id,
  basis: z.optional(ProgressBasis),
});

export const ExportQuery = z.object({
  periodId: Id,
  format: z.enum(['csv', 'xlsx']),
  basis: z.optional(ProgressBasis),
});
