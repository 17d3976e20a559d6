/**
 * The unit's own verdict on each of its targets (Đạt / Chưa đạt / Vượt), worked out on the
 * phone from IndexedDB with the same shared rules the office's figures use (shared/progress.ts):
 * its latest figures for a period (waiting ones included, so it sees the verdict as soon as it
 * saves) against its share. The phone holds only its own assignments, so a target without a
 * share is held to the plan's figure, which is what Home shows as "Được giao".
 */
import { computeProgress, type Assessment } from '../../shared/progress';
import type { Assignment, ReportValue, Target } from '../../shared/schemas';

export interface OwnFigure {
  achieved: number | null;
  percent: number | null;
  verdict: Assessment;
}

export function ownFigures(
  unitId: string, planId: string, periodId: string, targets: readonly Target[], assignments: readonly Assignment[], values: readonly ReportValue[],
): Map<string, OwnFigure> {
  const own = assignments.filter((a) => a.unitId === unitId && a.planId === planId);
  const progress = computeProgress({
    planId, periodId, targets, assignments: own,
    reports: [{ id: 'local', unitId, planId, periodId, values, createdAt: '' }],
  });
  const out = new Map<string, OwnFigure>();
  for (const p of progress) {
    const mine = p.units.find((u) => u.unitId === unitId);
    if (mine) out.set(p.targetId, { achieved: mine.achieved, percent: mine.percent, verdict: mine.verdict });
  }
  return out;
}
