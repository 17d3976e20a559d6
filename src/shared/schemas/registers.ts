import * as z from 'zod/mini';
import { Id, CalendarDate, Instant } from './common';

/**
 * Checklists ("5 không 3 sạch", household NTM works, cultural family) and NTM criteria sets
 * change by decree, so both are versioned data with their legal source, never hard-coded.
 */
export const ChecklistItem = z.object({ code: z.string(), label: z.string(), group: z.optional(z.string()) });
export const ChecklistSet = z.object({
  id: Id,
  code: z.string(), // e.g. "5k3s"
  version: z.string(), // e.g. "2017"
  name: z.string(),
  source: z.string(), // the legal document it follows
  validFrom: CalendarDate,
  validTo: z.nullable(CalendarDate),
  /** A household counts when all items hold. */
  items: z.array(ChecklistItem).check(z.minLength(1)),
});
export type ChecklistSet = z.infer<typeof ChecklistSet>;

export const Indicator = z.object({ code: z.string(), name: z.string(), threshold: z.optional(z.string()) });
export const Criterion = z.object({ code: z.string(), name: z.string(), indicators: z.array(Indicator) });
export const CriteriaSet = z.object({
  id: Id,
  code: z.string(), // e.g. "ntm-xa-2021-2025"
  version: z.string(),
  name: z.string(),
  source: z.string(), // e.g. "Quyết định 318/QĐ-TTg"
  level: z.enum(['commune', 'village']),
  validFrom: CalendarDate,
  validTo: z.nullable(CalendarDate),
  criteria: z.array(Criterion).check(z.minLength(1)),
});
export type CriteriaSet = z.infer<typeof CriteriaSet>;

/** A household in a village's or association's register. Names are personal data. */
export const Household = z.object({
  id: Id,
  unitId: Id,
  headName: z.string().check(z.minLength(1), z.maxLength(200)),
  address: z.nullable(z.string().check(z.maxLength(300))),
  members: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(100))),
  /** Ticked items per checklist set id: { "5k3s-2017": { "khong-ngheo": true, ... } }. */
  checklists: z.record(z.string(), z.record(z.string(), z.boolean())),
  updatedAt: Instant,
});
export type Household = z.infer<typeof Household>;
