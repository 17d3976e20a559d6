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

/** The commune groups of the 2026–2030 set (QĐ 51/2025/QĐ-TTg): thresholds differ by group. */
export const CommuneGroup = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type CommuneGroup = z.infer<typeof CommuneGroup>;

/**
 * What an indicator asks for, as the text says it; `minShare` (0..1) when it is a share of
 * households the app can compute from the registers. `confirmed: false` = not checked against
 * the published text: the office shows "chưa đối chiếu văn bản", never presents it as law.
 */
export const Threshold = z.object({
  text: z.string().check(z.minLength(1), z.maxLength(500)),
  minShare: z.optional(z.number().check(z.gte(0), z.lte(1))),
  confirmed: z.optional(z.boolean()),
  source: z.optional(z.string().check(z.maxLength(1000))),
});
export type Threshold = z.infer<typeof Threshold>;

/**
 * An indicator whose figure is a share of the register's households: those holding one item of
 * a household checklist (e.g. `ntm-ho` / `nuoc-sach`) over the households still in the register.
 */
export const HouseholdShare = z.object({
  checklistCode: z.string().check(z.minLength(1), z.maxLength(60)),
  itemCode: z.string().check(z.minLength(1), z.maxLength(60)),
});
export type HouseholdShare = z.infer<typeof HouseholdShare>;

const SetCode = z.string().check(z.minLength(1), z.maxLength(60), z.regex(/^[a-z0-9-]+$/));
const PartCode = z.string().check(z.minLength(1), z.maxLength(20), z.regex(/^[0-9a-z.]+$/));

export const Indicator = z.object({
  code: PartCode, // "17.1"
  name: z.string().check(z.minLength(1), z.maxLength(500)),
  /** The threshold for every commune (2021–2025 set), or the fallback when a group has none. */
  threshold: z.optional(Threshold),
  /** Thresholds by commune group (2026–2030 set); the tracker's group picks one. */
  groups: z.optional(z.object({ '1': z.optional(Threshold), '2': z.optional(Threshold), '3': z.optional(Threshold) })),
  householdShare: z.optional(HouseholdShare),
  confirmed: z.optional(z.boolean()),
  source: z.optional(z.string().check(z.maxLength(1000))),
});
export type Indicator = z.infer<typeof Indicator>;

export const Criterion = z.object({
  code: PartCode,
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  indicators: z.array(Indicator).check(z.minLength(1), z.maxLength(30)),
  confirmed: z.optional(z.boolean()),
  source: z.optional(z.string().check(z.maxLength(1000))),
});
export type Criterion = z.infer<typeof Criterion>;

export const CriteriaSet = z.object({
  id: Id,
  code: SetCode, // e.g. "ntm-xa-2021-2025"
  version: z.string().check(z.minLength(1), z.maxLength(30)),
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  source: z.string().check(z.maxLength(1000)), // e.g. "Quyết định 318/QĐ-TTg"
  level: z.enum(['commune', 'village']),
  validFrom: CalendarDate,
  validTo: z.nullable(CalendarDate),
  /** False while the set as a whole is not checked against a published text. */
  confirmed: z.optional(z.boolean()),
  /** True when the set's thresholds differ by commune group (1, 2, 3). */
  grouped: z.optional(z.boolean()),
  /** The commune that added this set (a village-level set); null or absent for shipped sets. */
  communeId: z.optional(z.nullable(Id)),
  criteria: z.array(Criterion).check(z.minLength(1), z.maxLength(40)),
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
