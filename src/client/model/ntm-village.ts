/**
 * The village's NTM criteria as the phone shows them: "Tiêu chí làng NTM: đạt x/y", each
 * criterion met or not, household-based indicators computed from the village's own register
 * (offline), the rest as the office recorded them. The counting is src/shared/ntm.ts, the same
 * as the server's.
 */
import { evaluateCriteria, formatShare, householdShareFigure, latestStates, type IndicatorState, type ShareFigure } from '../../shared/ntm';
import type { Assessment, Household } from '../../shared/schemas/registers';
import type { NtmStateRecord, NtmTrackerRecord } from '../../shared/schemas/ntm';

export interface VillageNtmInput {
  tracker: NtmTrackerRecord | undefined;
  states: NtmStateRecord[];
  households: Pick<Household, 'id' | 'status'>[];
  assessments: Pick<Assessment, 'householdId' | 'checklistId' | 'periodId' | 'items' | 'at'>[];
}

export interface VillageNtmView {
  setName: string;
  met: number;
  total: number;
  criteria: {
    code: string;
    name: string;
    met: boolean;
    indicators: { code: string; name: string; verdict: IndicatorState | null; share: string | null; fromRegister: boolean }[];
  }[];
}

/** Null when the commune follows no village-level set: Home then shows nothing about it. */
export function villageNtmView(input: VillageNtmInput): VillageNtmView | null {
  const { tracker } = input;
  if (!tracker) return null;
  const shares = new Map<string, ShareFigure>();
  for (const c of tracker.set.criteria) for (const i of c.indicators) {
    const f = householdShareFigure(i, tracker.checklists, input.households, input.assessments);
    if (f) shares.set(i.code, f);
  }
  const e = evaluateCriteria(tracker.set, tracker.group, latestStates(input.states), shares);
  return {
    setName: tracker.set.name,
    met: e.met,
    total: e.total,
    criteria: e.criteria.map((c) => ({
      code: c.criterion.code,
      name: c.criterion.name,
      met: c.met,
      indicators: c.indicators.map((i) => ({
        code: i.indicator.code, name: i.indicator.name, verdict: i.verdict,
        share: i.share ? formatShare(i.share) : null, fromRegister: i.computed,
      })),
    })),
  };
}
