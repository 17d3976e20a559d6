import * as z from 'zod/mini';
import { Id, CalendarDate, Instant, Uuid } from './common';

/**
 * Checklists ("5 không 3 sạch", household NTM works, cultural family) and NTM criteria sets
 * change by decree, so both are versioned data with their legal source, never hard-coded.
 * An item we could not check against a published text says so (`confirmed: false`).
 */
export const ChecklistItem = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(60), z.regex(/^[a-z0-9-]+$/)),
  label: z.string().check(z.minLength(1), z.maxLength(300)),
  group: z.optional(z.string().check(z.maxLength(100))),
  /** False when the item's wording is not confirmed against its source. */
  confirmed: z.optional(z.boolean()),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSet = z.object({
  id: Id,
  code: z.string().check(z.minLength(1), z.maxLength(60), z.regex(/^[a-z0-9-]+$/)), // e.g. "5k3s"
  version: z.string().check(z.minLength(1), z.maxLength(30)), // e.g. "2014"
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  source: z.string().check(z.maxLength(1000)), // the document it follows, or where it was read
  validFrom: CalendarDate,
  validTo: z.nullable(CalendarDate),
  /** False while the set as a whole is not checked against a published text. */
  confirmed: z.optional(z.boolean()),
  /** The commune that added this version; null (or absent) for the sets shipped with the app. */
  communeId: z.optional(z.nullable(Id)),
  /** A household counts when all items hold. */
  items: z.array(ChecklistItem).check(z.minLength(1), z.maxLength(50)),
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

// ---- the register ---------------------------------------------------------------------

export const HouseholdStatus = z.enum(['active', 'moved', 'merged']);
export type HouseholdStatus = z.infer<typeof HouseholdStatus>;

/** The fields one `field` change may set, with what each accepts. */
export const HOUSEHOLD_FIELDS = {
  headName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  hamlet: z.nullable(z.string().check(z.trim(), z.maxLength(100))),
  address: z.nullable(z.string().check(z.trim(), z.maxLength(300))),
  members: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(100))),
  poor: z.boolean(),
  nearPoor: z.boolean(),
} as const;
export type HouseholdField = keyof typeof HOUSEHOLD_FIELDS;
export const HouseholdFieldName = z.enum(Object.keys(HOUSEHOLD_FIELDS) as [HouseholdField, ...HouseholdField[]]);

/** One value of a disputed field or item, as the device that set it sent it. */
export const ConflictValue = z.object({ value: z.unknown(), changeId: Id, by: z.string(), at: Instant });
/**
 * Two devices changed the same field (or checklist item) from the same revision with different
 * values: the later `createdAt` is in force, both are kept here until someone confirms one.
 */
export const HouseholdConflict = z.object({ key: z.string(), values: z.array(ConflictValue) });
export type HouseholdConflict = z.infer<typeof HouseholdConflict>;

/** A household in a village's or association's register. Names are personal data (Decree 13/2023). */
export const Household = z.object({
  id: Id,
  unitId: Id,
  headName: z.string().check(z.minLength(1), z.maxLength(200)),
  hamlet: z.nullable(z.string().check(z.maxLength(100))),
  address: z.nullable(z.string().check(z.maxLength(300))),
  members: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(100))),
  poor: z.boolean(),
  nearPoor: z.boolean(),
  status: HouseholdStatus,
  /** Why it moved away or was merged; kept, never erased. */
  statusReason: z.nullable(z.string().check(z.maxLength(300))),
  mergedInto: z.nullable(Id),
  /** Set when the office erased the name and address on the person's request. */
  anonymisedAt: z.nullable(Instant),
  /** Grows by one with every applied change; a device sends the revision it last saw. */
  revision: z.number().check(z.int(), z.gte(0)),
  conflicts: z.array(HouseholdConflict),
  updatedAt: Instant,
});
export type Household = z.infer<typeof Household>;

/** The ticks of one household against one checklist version for one period. */
export const Assessment = z.object({
  id: Id,
  householdId: Id,
  checklistId: Id,
  checklistVersion: z.string(),
  periodId: Id,
  /** true: holds, false: does not, null: not yet looked at. */
  items: z.record(z.string(), z.nullable(z.boolean())),
  by: z.string(),
  at: Instant,
});
export type Assessment = z.infer<typeof Assessment>;

// ---- the push route ---------------------------------------------------------------------

export const MAX_HOUSEHOLD_CHANGES = 500;
export const HouseholdChangeKind = z.enum(['create', 'field', 'item', 'move', 'merge']);

/**
 * One change made on a phone (or in the office), queued with a client id and sent until a
 * receipt comes back. `item` changes name their checklist as well as the item: the issue's
 * contract had only `itemId`, but item codes are unique only within a checklist version.
 * `resolve: true` confirms this value for a disputed field or item.
 */
export const HouseholdChange = z.object({
  id: Uuid,
  householdId: Uuid,
  kind: HouseholdChangeKind,
  field: z.optional(HouseholdFieldName),
  checklistId: z.optional(Id),
  itemId: z.optional(z.string().check(z.maxLength(60))),
  periodId: z.optional(Id),
  value: z.unknown(),
  baseRevision: z.number().check(z.int(), z.gte(0)),
  createdAt: Instant,
  resolve: z.optional(z.boolean()),
});
export type HouseholdChange = z.infer<typeof HouseholdChange>;

/** `create`: the new household's unit and first fields. */
export const HouseholdCreateValue = z.object({
  unitId: Id,
  headName: HOUSEHOLD_FIELDS.headName,
  hamlet: z.optional(HOUSEHOLD_FIELDS.hamlet),
  address: z.optional(HOUSEHOLD_FIELDS.address),
  members: z.optional(HOUSEHOLD_FIELDS.members),
  poor: z.optional(z.boolean()),
  nearPoor: z.optional(z.boolean()),
});
export type HouseholdCreateValue = z.infer<typeof HouseholdCreateValue>;
export const HouseholdMoveValue = z.object({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)) });
export const HouseholdMergeValue = z.object({ into: Id, reason: z.optional(z.string().check(z.trim(), z.maxLength(300))) });

export const HouseholdChangesBatch = z.object({ changes: z.array(z.unknown()) });
export const HouseholdChangeResult = z.object({
  id: z.nullable(z.string()),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  /** The household's revision after this change (accepted, duplicate). */
  revision: z.optional(z.number()),
  /** The change disputed another device's newer edit of the same field or item. */
  conflict: z.optional(z.boolean()),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  path: z.optional(z.string()),
});
export type HouseholdChangeResult = z.infer<typeof HouseholdChangeResult>;
export const HouseholdChangesResult = z.object({ results: z.array(HouseholdChangeResult) });
