/**
 * The NTM tracker of a commune, as the office and the phone read it, and the seam the plan's
 * progress uses (`criteriaMetCount`): "đạt x/y tiêu chí" of a set for the commune or one
 * village. The counting rule is src/shared/ntm.ts; this module only gathers its inputs — the
 * set, the recorded states (latest per indicator), and the register counts of household-share
 * indicators (the commune's villages, or the one village). Names never leave here: only counts.
 */
import type { DbHandle } from '../db/handle';
import { listChecklists } from '../db/queries/checklists';
import {
  communeVillages, findCriteriaSet, findCriteriaSetByCode, findTrackers, listIndicatorStates, recordedOf, registersOf,
  type StoredCriteriaSet, type TrackerRow,
} from '../db/queries/ntm';
import { evaluateCriteria, householdShareFigure, latestStates, type ShareFigure } from '../../shared/ntm';
import type { ChecklistSet, CommuneGroup } from '../../shared/schemas/registers';
import type { CriterionView, TrackerChoice, TrackerChoices, TrackerLevel, TrackerView } from '../../shared/schemas/ntm';
import type { Assignment, Target } from '../../shared/schemas/targets';
import type { CriteriaMet } from '../../shared/criteria-progress';

export const choiceOf = (row: TrackerRow, set: Pick<StoredCriteriaSet, 'name'>): TrackerChoice => ({
  level: row.level, criteriaSetId: row.criteria_set_id, code: row.criteria_set_code, version: row.criteria_set_version,
  name: set.name, group: (row.commune_group as CommuneGroup | null) ?? null, updatedBy: row.updated_by, updatedAt: row.updated_at,
});

/** The commune's choices; `countsOnly` (the operator) leaves out who made them. */
export async function trackerChoices(db: DbHandle, communeId: string, countsOnly = false): Promise<TrackerChoices> {
  const out: TrackerChoices = { commune: null, village: null };
  for (const row of await findTrackers(db, communeId)) {
    const set = await findCriteriaSet(db, row.criteria_set_id);
    const choice = choiceOf(row, set ?? { name: row.criteria_set_code });
    out[row.level] = countsOnly ? { ...choice, updatedBy: '' } : choice;
  }
  return out;
}

/** Everything one evaluation needs: the set, the group, the states in force, the register figures. */
interface Evaluation {
  criteria: CriterionView[];
  met: number;
  total: number;
}

async function evaluate(
  db: DbHandle, set: StoredCriteriaSet, group: CommuneGroup | null, communeId: string, unitId: string,
  registerUnits: readonly string[], periodId: string | undefined, withRecorded: boolean, checklists?: readonly ChecklistSet[],
): Promise<Evaluation> {
  const history = (await listIndicatorStates(db, set.id, [unitId])).map(recordedOf);
  const latest = latestStates(history);
  const changes = new Map<string, number>();
  for (const h of history) changes.set(h.indicatorCode, (changes.get(h.indicatorCode) ?? 0) + 1);

  const needsRegister = set.criteria.some((c) => c.indicators.some((i) => i.householdShare));
  const lists = needsRegister ? (checklists ?? (await listChecklists(db, communeId))) : [];
  const register = needsRegister ? await registersOf(db, registerUnits) : { households: [], assessments: [] };
  const shares = new Map<string, ShareFigure>();
  for (const c of set.criteria) for (const i of c.indicators) {
    const figure = householdShareFigure(i, lists, register.households, register.assessments, periodId);
    if (figure) shares.set(i.code, figure);
  }
  const e = evaluateCriteria(set, group, latest, shares);
  const criteria: CriterionView[] = e.criteria.map((c) => ({
    code: c.criterion.code,
    name: c.criterion.name,
    confirmed: c.criterion.confirmed === true,
    met: c.met,
    indicators: c.indicators.map((i) => ({
      code: i.indicator.code, name: i.indicator.name,
      confirmed: i.indicator.confirmed === true && (i.threshold?.confirmed ?? true) === true,
      threshold: i.threshold ?? null, householdShare: i.indicator.householdShare ?? null, share: i.share ?? null, verdict: i.verdict, computed: i.computed,
      recorded: withRecorded && i.recorded ? { state: i.recorded.state, figure: i.recorded.figure, note: i.recorded.note, by: i.recorded.by, at: i.recorded.at } : null,
      changes: withRecorded ? (changes.get(i.indicator.code) ?? 0) : 0,
    })),
  }));
  return { criteria, met: e.met, total: e.total };
}

export interface TrackerQuery {
  communeId: string;
  communeName: string;
  level: TrackerLevel;
  /** For a village-level set: the village (required to read one village's states). */
  village?: { id: string; name: string };
  periodId?: string;
  /** The operator reads counts only: no notes, no names of who recorded. */
  countsOnly: boolean;
  /** Office users of a village-level set get every village's "đạt x/y". */
  withVillages: boolean;
}

/** The tracker view; null when the commune has not chosen a set for this level. */
export async function trackerView(db: DbHandle, q: TrackerQuery): Promise<TrackerView | null> {
  const row = (await findTrackers(db, q.communeId)).find((t) => t.level === q.level);
  if (!row) return null;
  const set = await findCriteriaSet(db, row.criteria_set_id);
  if (!set) return null;
  const group = (row.commune_group as CommuneGroup | null) ?? null;
  const checklists = await listChecklists(db, q.communeId);
  const villages = q.level === 'village' && q.withVillages ? await communeVillages(db, q.communeId) : [];
  let unit: { id: string; name: string };
  let registerUnits: string[];
  if (q.level === 'commune') {
    unit = { id: q.communeId, name: q.communeName };
    registerUnits = (await communeVillages(db, q.communeId)).map((v) => v.id);
  } else {
    unit = q.village ?? villages[0] ?? { id: q.communeId, name: q.communeName };
    registerUnits = q.village || villages[0] ? [unit.id] : [];
  }
  const own = await evaluate(db, set, group, q.communeId, unit.id, registerUnits, q.periodId, !q.countsOnly, checklists);
  const perVillage = [];
  for (const v of villages) {
    const e = v.id === unit.id ? own : await evaluate(db, set, group, q.communeId, v.id, [v.id], q.periodId, false, checklists);
    perVillage.push({ id: v.id, name: v.name, met: e.met, total: e.total });
  }
  return {
    // Counts only for the operator: not even who chose the set.
    choice: q.countsOnly ? { ...choiceOf(row, set), updatedBy: '' } : choiceOf(row, set),
    set: { id: set.id, code: set.code, version: set.version, name: set.name, source: set.source, level: set.level, confirmed: set.confirmed === true, grouped: set.grouped === true },
    unit, met: own.met, total: own.total, criteria: own.criteria, villages: perVillage,
  };
}

/**
 * "Đạt x/y tiêu chí" of a criteria set for the commune (unitId null) or one village: the seam
 * a plan target linked to the tracker (`Target.link = { kind: 'criteria', criteriaSetCode }`)
 * takes its achieved figure from. The set is the commune's chosen one when its code matches
 * (with the chosen group), else the newest set of that code the commune may use (no group).
 * Unknown code: { met: 0, total: 0 }.
 */
export async function criteriaMetCount(
  db: DbHandle, communeId: string, unitId: string | null, criteriaSetCode: string, periodId?: string,
): Promise<{ met: number; total: number }> {
  const chosen = (await findTrackers(db, communeId)).find((t) => t.criteria_set_code === criteriaSetCode);
  const set = chosen ? await findCriteriaSet(db, chosen.criteria_set_id) : await findCriteriaSetByCode(db, communeId, criteriaSetCode);
  if (!set) return { met: 0, total: 0 };
  const group = (chosen?.commune_group as CommuneGroup | null | undefined) ?? null;
  const stateUnit = unitId ?? communeId;
  const registerUnits = unitId ? [unitId] : (await communeVillages(db, communeId)).map((v) => v.id);
  const e = await evaluate(db, set, group, communeId, stateUnit, registerUnits, periodId, false);
  return { met: e.met, total: e.total };
}

/**
 * What a plan's progress takes from the tracker (shared/criteria-progress.ts): for each criteria
 * set a target of the plan is linked to and the commune follows, "criteria met" per unit — the
 * commune's own unit for a commune-level set, each assigned village for a village-level one.
 * A set the commune does not follow gives nothing, so the units' reports count as before.
 */
export async function criteriaMetForPlan(
  db: DbHandle, communeId: string, targets: readonly Pick<Target, 'id' | 'link' | 'communeOnly'>[],
  assignments: readonly Pick<Assignment, 'targetId' | 'unitId'>[], periodId: string,
): Promise<CriteriaMet> {
  const linked = targets.filter((t) => t.link?.kind === 'criteria');
  if (linked.length === 0) return new Map();
  const followed = new Map((await findTrackers(db, communeId)).map((t) => [t.criteria_set_code, t.level]));
  const met = new Map<string, Map<string, number>>();
  for (const t of linked) {
    const code = (t.link as { criteriaSetCode: string }).criteriaSetCode;
    const level = followed.get(code);
    if (!level) continue;
    const byUnit = met.get(code) ?? new Map<string, number>();
    met.set(code, byUnit);
    const units = new Set(assignments.filter((a) => a.targetId === t.id).map((a) => a.unitId));
    if (t.communeOnly) units.add(communeId);
    for (const unitId of units) {
      if (byUnit.has(unitId)) continue;
      const isCommune = unitId === communeId;
      if ((level === 'commune') !== isCommune) continue;
      byUnit.set(unitId, (await criteriaMetCount(db, communeId, isCommune ? null : unitId, code, periodId)).met);
    }
  }
  return met;
}
