/**
 * The seam between a criteria-linked target ("đạt 13/19 tiêu chí", link kind `criteria`) and the
 * NTM criteria tracker: the tracker counts the criteria met per unit (the commune's own unit for
 * the commune's figure) and per criteria set; progress takes that count as the unit's achieved
 * figure whenever the tracker has one, and falls back to the unit's report otherwise. The
 * tracker's side (ntm-tracker stream) fills `CriteriaMet`; nothing here reads a household.
 */
import type { Target } from './schemas/targets';

/** Criteria met, by criteria set code, then by unit id (a unit the tracker has not assessed is absent). */
export type CriteriaMet = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** The tracker's count of criteria met for this unit and target, or null when it has none. */
export function trackedCriteriaMet(target: Pick<Target, 'link'>, unitId: string, met: CriteriaMet | undefined): number | null {
  const link = target.link;
  if (!met || !link || link.kind !== 'criteria') return null;
  return met.get(link.criteriaSetCode)?.get(unitId) ?? null;
}
