/**
 * The wire contract of the NTM tracker (issue 10): the commune's choice of criteria set and
 * commune group, one indicator's recorded state, and the tracker as the office and the phone
 * read it ("đạt x/y tiêu chí", criteria with their indicators, register shares).
 */
import * as z from 'zod/mini';
import { FiniteNumber, Id, Instant } from './common';
import { ChecklistSet, CommuneGroup, Criterion, CriteriaSet, HouseholdShare, Threshold } from './registers';

export const TrackerLevel = z.enum(['commune', 'village']);
export type TrackerLevel = z.infer<typeof TrackerLevel>;
export const IndicatorStateValue = z.enum(['met', 'notMet']);

/** PUT /api/ntm/tracker-choice: the set to follow (its level says which choice it is) and the group. */
export const TrackerChoiceInput = z.object({ criteriaSetId: Id, group: z.nullable(CommuneGroup) });
export type TrackerChoiceInput = z.infer<typeof TrackerChoiceInput>;

export const TrackerChoice = z.object({
  level: TrackerLevel,
  criteriaSetId: Id,
  code: z.string(),
  version: z.string(),
  name: z.string(),
  group: z.nullable(CommuneGroup),
  updatedBy: z.string(),
  updatedAt: Instant,
});
export type TrackerChoice = z.infer<typeof TrackerChoice>;
export const TrackerChoices = z.object({ commune: z.nullable(TrackerChoice), village: z.nullable(TrackerChoice) });
export type TrackerChoices = z.infer<typeof TrackerChoices>;

/** PUT /api/ntm/indicators/:code: what the office found for one indicator (a new history row). */
export const IndicatorStateInput = z.object({
  level: TrackerLevel,
  /** The village, for a village-level set; absent for the commune's own set. */
  unitId: z.optional(Id),
  state: z.nullable(IndicatorStateValue),
  figure: z.nullable(FiniteNumber),
  note: z.string().check(z.trim(), z.maxLength(1000)),
});
export type IndicatorStateInput = z.infer<typeof IndicatorStateInput>;

export const RecordedState = z.object({
  state: z.nullable(IndicatorStateValue),
  figure: z.nullable(z.number()),
  note: z.string(),
  by: z.string(),
  at: Instant,
});
export type RecordedState = z.infer<typeof RecordedState>;

export const ShareFigureSchema = z.object({ meeting: z.number(), total: z.number(), share: z.nullable(z.number()) });

export const IndicatorView = z.object({
  code: z.string(),
  name: z.string(),
  confirmed: z.boolean(),
  /** The threshold that applies (the group's own for grouped sets), or null. */
  threshold: z.nullable(Threshold),
  householdShare: z.nullable(HouseholdShare),
  /** The register's figure for a household-share indicator (counts only, never names). */
  share: z.nullable(ShareFigureSchema),
  /** The verdict in force: computed from the register when it can be, else the recorded state. */
  verdict: z.nullable(IndicatorStateValue),
  computed: z.boolean(),
  /** The latest recorded state (office users and the own village only; the operator gets null). */
  recorded: z.nullable(RecordedState),
  /** How many times it was recorded (the history rows). */
  changes: z.number(),
});
export type IndicatorView = z.infer<typeof IndicatorView>;

export const CriterionView = z.object({
  code: z.string(),
  name: z.string(),
  confirmed: z.boolean(),
  met: z.boolean(),
  indicators: z.array(IndicatorView),
});
export type CriterionView = z.infer<typeof CriterionView>;

export const TrackerView = z.object({
  choice: TrackerChoice,
  set: z.object({ id: Id, code: z.string(), version: z.string(), name: z.string(), source: z.string(), level: TrackerLevel, confirmed: z.boolean(), grouped: z.boolean() }),
  /** The unit the states are for: the commune, or one village. */
  unit: z.object({ id: Id, name: z.string() }),
  met: z.number(),
  total: z.number(),
  criteria: z.array(CriterionView),
  /** Village-level set, office: "đạt x/y" of every village, to pick one. */
  villages: z.array(z.object({ id: Id, name: z.string(), met: z.number(), total: z.number() })),
});
export type TrackerView = z.infer<typeof TrackerView>;

/** POST /api/ntm/criteria-sets: a village-level set the office adds (id and commune are the server's). */
export const CriteriaSetCreate = z.object({
  code: CriteriaSet.shape.code,
  version: CriteriaSet.shape.version,
  name: CriteriaSet.shape.name,
  source: CriteriaSet.shape.source,
  level: z.literal('village'),
  validFrom: CriteriaSet.shape.validFrom,
  validTo: CriteriaSet.shape.validTo,
  criteria: z.array(Criterion).check(z.minLength(1), z.maxLength(40)),
});
export type CriteriaSetCreate = z.infer<typeof CriteriaSetCreate>;
export const CriteriaSets = z.object({ criteriaSets: z.array(CriteriaSet) });

// ---- what the phone syncs ------------------------------------------------------------------

/**
 * A commune's choice for one level, as phones receive it: with the criteria set it names and
 * the household checklists its household-share indicators count, so the phone can show the
 * criteria and compute those shares from its own register offline.
 */
export const NtmTrackerRecord = z.object({
  id: Id,
  communeId: Id,
  level: TrackerLevel,
  group: z.nullable(CommuneGroup),
  set: CriteriaSet,
  checklists: z.array(ChecklistSet),
  updatedAt: Instant,
});
export type NtmTrackerRecord = z.infer<typeof NtmTrackerRecord>;

/** One recording of an indicator for a unit (the commune, or a village): a phone gets its own village's. */
export const NtmStateRecord = z.object({
  id: Id,
  unitId: Id,
  criteriaSetId: Id,
  indicatorCode: z.string(),
  revision: z.number(),
  state: z.nullable(IndicatorStateValue),
  figure: z.nullable(z.number()),
  note: z.string(),
  by: z.string(),
  at: Instant,
});
export type NtmStateRecord = z.infer<typeof NtmStateRecord>;
