/**
 * Scores an import against a hand-written golden file. A proposed target matches a golden one
 * when it comes from the same line and has the same value, valueMax, outOf, unit and comparator
 * (labels are free text and not compared). Matching is one-to-one, in document order.
 * recall = golden targets found / golden targets; precision = proposals that match / proposals.
 */
import type { PlanImportResult, ImportedTarget } from '../../../src/shared/plan-import/schema';

export interface GoldenTarget {
  key: string;
  line: number;
  area: string;
  comparator: string;
  measure: string;
  value: number | null;
  valueMax: number | null;
  outOf: number | null;
  unit: string | null;
  /** The key of the golden parent, or null. */
  parent: string | null;
  assignee: string | null;
}

export interface Golden {
  document: string;
  plan: {
    number: string;
    issuedOn: string | null;
    year: number;
    issuer: string;
    title: string;
    theme: string;
    rounds: Array<{ name: string; from: string; to: string; reportDeadline: string | null }>;
    reporting: string[];
  };
  targets: GoldenTarget[];
}

export interface Score {
  golden: number;
  proposed: number;
  matched: number;
  recall: number;
  precision: number;
  /** Among matched targets: same measure / same parent structure / same assignee. */
  measureAccuracy: number;
  structureAccuracy: number;
  assigneeAccuracy: number;
  missed: GoldenTarget[];
  extra: ImportedTarget[];
}

const norm = (u: string | null) => (u === null ? null : u.trim().toLowerCase().replace(/\s+/g, ' '));

function same(g: GoldenTarget, t: ImportedTarget): boolean {
  return (
    t.source.line === g.line &&
    t.comparator === g.comparator &&
    t.value === g.value &&
    t.valueMax === g.valueMax &&
    t.outOf === g.outOf &&
    norm(t.unit) === norm(g.unit)
  );
}

export function scoreImport(result: PlanImportResult, golden: Golden): Score {
  const used = new Set<string>();
  const pairs = new Map<string, ImportedTarget>();
  const missed: GoldenTarget[] = [];
  for (const g of golden.targets) {
    const hit = result.targets.find((t) => !used.has(t.id) && same(g, t));
    if (hit) {
      used.add(hit.id);
      pairs.set(g.key, hit);
    } else missed.push(g);
  }
  const matched = pairs.size;
  let measure = 0;
  let structure = 0;
  let assignee = 0;
  for (const g of golden.targets) {
    const t = pairs.get(g.key);
    if (!t) continue;
    if (t.measure === g.measure) measure++;
    const expectedParent = g.parent === null ? null : (pairs.get(g.parent)?.id ?? '(missing)');
    if (t.parentId === expectedParent) structure++;
    if (t.assignee === g.assignee) assignee++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    golden: golden.targets.length,
    proposed: result.targets.length,
    matched,
    recall: ratio(matched, golden.targets.length),
    precision: ratio(matched, result.targets.length),
    measureAccuracy: ratio(measure, matched),
    structureAccuracy: ratio(structure, matched),
    assigneeAccuracy: ratio(assignee, matched),
    missed,
    extra: result.targets.filter((t) => !used.has(t.id)),
  };
}
