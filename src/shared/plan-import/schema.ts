/**
 * The shape the plan importer proposes: a draft the office checks before anything is created.
 * It is the contract of `npm run -s import-plan` (JSON on stdout) and of the office screen, so
 * it lives here as zod/mini schemas (small enough for the office bundle); types come from them.
 * Ids are the importer's own (`t1`, `t2`, `t2.1`): the office maps them to UUIDs on creation.
 */
import * as z from 'zod/mini';
import { Round, Rhythm } from '../schemas/plans';
import { Area, Comparator, Measure, SourceLine } from '../schemas/targets';

export const ImportedPlan = z.object({
  title: z.string(),
  /** As printed after "Số:", e.g. `43/KH-UBND`; `/KH-UBND` when the number is left blank; '' when absent. */
  number: z.string(),
  issuedOn: z.nullable(z.iso.date()),
  year: z.nullable(z.number().check(z.int())),
  issuer: z.string(),
  theme: z.string(),
  rounds: z.array(Round),
  reporting: z.array(Rhythm),
});
export type ImportedPlan = z.infer<typeof ImportedPlan>;

export const ImportedTarget = z.object({
  /** `t1`, `t2`, children `t2.1`: stable for the same text. */
  id: z.string(),
  parentId: z.nullable(z.string()),
  area: Area,
  label: z.string(),
  comparator: Comparator,
  measure: Measure,
  value: z.nullable(z.number()),
  valueMax: z.nullable(z.number()),
  outOf: z.nullable(z.number()),
  unit: z.nullable(z.string()),
  /** The association the plan names with the target ("Hội Liên hiệp Phụ nữ"). */
  assignee: z.nullable(z.string()),
  source: SourceLine,
});
export type ImportedTarget = z.infer<typeof ImportedTarget>;

export const ImportWarning = z.object({
  /** 1-based line of the normalised text; null for the document as a whole. */
  line: z.nullable(z.number().check(z.int())),
  /** Plain Vietnamese: what is unsure, so the office knows what to check. */
  message: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

export const PlanImportResult = z.object({
  plan: ImportedPlan,
  targets: z.array(ImportedTarget),
  warnings: z.array(ImportWarning),
});
export type PlanImportResult = z.infer<typeof PlanImportResult>;
