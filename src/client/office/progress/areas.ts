/** The progress entries grouped the way the plan reads: by area, children after their parent. */
import type { TargetProgressEntry } from '../../../shared/schemas/progress';
import type { Area } from '../../../shared/schemas/targets';

export const AREA_ORDER: Area[] = ['economy', 'society', 'defense', 'other'];

export interface AreaGroup {
  area: Area;
  targets: TargetProgressEntry[];
}

/** Areas in the plan's order; within one, the server's (plan) order is kept. */
export function byArea(targets: readonly TargetProgressEntry[]): AreaGroup[] {
  return AREA_ORDER
    .map((area) => ({ area, targets: targets.filter((tg) => tg.area === area) }))
    .filter((g) => g.targets.length > 0);
}

/** "1", "1.2": the plan's numbering, a child under its parent, counted within its area. */
export function numbering(targets: readonly TargetProgressEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  let top = 0;
  const childCount = new Map<string, number>();
  for (const tg of targets) {
    if (tg.parentId && out.has(tg.parentId)) {
      const n = (childCount.get(tg.parentId) ?? 0) + 1;
      childCount.set(tg.parentId, n);
      out.set(tg.targetId, `${out.get(tg.parentId)}.${n}`);
    } else {
      out.set(tg.targetId, String(++top));
    }
  }
  return out;
}
