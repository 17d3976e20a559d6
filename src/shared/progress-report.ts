/**
 * The progress API's figures (schemas/progress.ts) from the one set of rules in progress.ts:
 * the server answers with this, the exports write it out, the office screens read it. Pure,
 * so it runs the same on the server and in a browser.
 */
import { computeProgress, type ProgressInput, type TargetProgress } from './progress';
import type { Completeness, TargetProgressEntry, UnitProgressEntry } from './schemas/progress';
import type { Target } from './schemas/targets';
import type { RegisterCount } from './registers';

/** Register counts by target id, then unit id (linked targets, issue 10; counts only). */
export type RegisterCounts = ReadonlyMap<string, ReadonlyMap<string, RegisterCount>>;

export interface PlanFigures {
  completeness: Completeness;
  targets: TargetProgressEntry[];
}

/** Targets in the plan's order (parents before children, siblings by position), each with its units. */
export function planFigures(input: ProgressInput & { registerCounts?: RegisterCounts }): PlanFigures {
  const ordered = planOrder(input.targets.filter((t) => t.planId === input.planId));
  const progress = new Map(computeProgress({ ...input, targets: ordered }).map((p) => [p.targetId, p]));
  const targets = ordered.map((t) => targetEntry(t, progress.get(t.id)!, input.registerCounts?.get(t.id)));
  return { completeness: completenessOf(targets, input.communeUnitId), targets };
}

function targetEntry(t: Target, p: TargetProgress, registers?: ReadonlyMap<string, RegisterCount>): TargetProgressEntry {
  const rate = t.measure === 'rate';
  return {
    targetId: t.id, parentId: t.parentId, area: t.area, label: t.label, unit: t.unit, measure: t.measure,
    comparator: t.comparator, value: t.value, valueMax: t.valueMax,
    achieved: p.achieved,
    ...(rate ? { numerator: p.numerator, denominator: p.denominator } : {}),
    percent: p.percent, verdict: p.verdict, reportedUnits: p.unitsReported, expectedUnits: p.unitsAssigned,
    units: p.units.map((u): UnitProgressEntry => ({
      unitId: u.unitId, share: u.share, achieved: u.achieved,
      ...(rate ? { numerator: u.numerator, denominator: u.denominator } : {}),
      percent: u.percent, verdict: u.verdict, reportId: u.reportId, state: u.state, late: u.late,
      ...(registers?.has(u.unitId) ? { register: { ...registers.get(u.unitId)! } } : {}),
    })),
    warnings: p.warnings,
    ...(t.link ? { link: t.link } : {}),
  };
}

/**
 * Who was expected (carries a target), who reported (a report counts), on time or late, who is
 * missing. The commune's own unit is not among them: the office enters its figures itself, and
 * "14/17 đơn vị đã báo cáo" counts the villages and associations it waits for.
 */
function completenessOf(targets: readonly TargetProgressEntry[], communeUnitId?: string): Completeness {
  const units = new Map<string, { reported: boolean; late: boolean }>();
  for (const t of targets) {
    for (const u of t.units) {
      if (u.unitId === communeUnitId) continue;
      const held = units.get(u.unitId) ?? { reported: false, late: false };
      units.set(u.unitId, { reported: held.reported || u.reportId !== null, late: held.late || u.late });
    }
  }
  const all = [...units.entries()];
  const reported = all.filter(([, u]) => u.reported);
  const late = reported.filter(([, u]) => u.late).length;
  return {
    expected: all.length,
    reported: reported.length,
    onTime: reported.length - late,
    late,
    missing: all.filter(([, u]) => !u.reported).map(([id]) => id),
  };
}

/** Parents before their children, siblings by position: the order the plan lists them. */
export function planOrder<T extends Pick<Target, 'id' | 'parentId' | 'position'>>(targets: readonly T[]): T[] {
  const ids = new Set(targets.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of targets) {
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const t of [...(children.get(parent) ?? [])].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push(t);
      walk(t.id);
    }
  };
  walk(null);
  // A cycle of parents (bad data) must not hide targets.
  for (const t of targets) if (!seen.has(t.id)) out.push(t);
  return out;
}
