/**
 * Whether a plan may go live: every target is carried by some unit (itself, through an
 * ancestor — a breakdown's children go with their parent — or through a child), or is
 * reported by the commune itself. Shares of a summed quantity that do not add up to the
 * commune's target are a warning, not a refusal: the office may know why.
 */
import type { Target, Assignment } from '../../shared/schemas/targets';
import { WARNINGS } from '../../shared/errors';

export interface ActivationCheck {
  missing: { targetId: string; label: string }[];
  warnings: { code: 'plan.shares_mismatch'; message: string; targetId: string }[];
}

export function checkActivation(targets: readonly Target[], assignments: readonly Assignment[]): ActivationCheck {
  const byId = new Map(targets.map((t) => [t.id, t]));
  const assigned = new Set(assignments.map((a) => a.targetId));
  const carriedItself = (t: Target) => assigned.has(t.id) || t.communeOnly === true;
  const viaAncestor = (t: Target): boolean => {
    for (let p = t.parentId ? byId.get(t.parentId) : undefined, n = 0; p && n < 32; p = p.parentId ? byId.get(p.parentId) : undefined, n++) {
      if (carriedItself(p)) return true;
    }
    return false;
  };
  const childrenOf = new Map<string, Target[]>();
  for (const t of targets) if (t.parentId) childrenOf.set(t.parentId, [...(childrenOf.get(t.parentId) ?? []), t]);
  const viaChild = (t: Target, depth = 0): boolean =>
    depth < 32 && (childrenOf.get(t.id) ?? []).some((c) => carriedItself(c) || viaChild(c, depth + 1));

  const missing = targets
    .filter((t) => !carriedItself(t) && !viaAncestor(t) && !viaChild(t))
    .map((t) => ({ targetId: t.id, label: t.label }));

  const warnings: ActivationCheck['warnings'] = [];
  for (const t of targets) {
    if (t.measure !== 'quantity' || t.aggregation !== 'sum' || t.value === null || t.communeOnly) continue;
    const shares = assignments.filter((a) => a.targetId === t.id && a.share !== null).map((a) => a.share!);
    if (shares.length === 0) continue;
    const total = shares.reduce((s, n) => s + n, 0);
    if (Math.abs(total - t.value) > 1e-9 * Math.max(1, Math.abs(t.value))) {
      warnings.push({ code: 'plan.shares_mismatch', message: WARNINGS['plan.shares_mismatch'], targetId: t.id });
    }
  }
  return { missing, warnings };
}
