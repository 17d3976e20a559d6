/**
 * The plan editor's targets as form rows, and what saving them means: which targets to create,
 * change (only the fields that changed) and delete, in an order the server accepts (parents
 * before children on create, children before parents on delete). Rows reuse the importer's
 * row shape and checks (import/draft.ts), so a target is judged the same way in both screens.
 * Pure: tested without a browser.
 */
import type { Plan } from '../../../shared/schemas';
import type { Area, TargetLink } from '../../../shared/schemas/targets';
import { checkDraft, numberText, type DraftError, type DraftPlan, type DraftRow } from '../import/draft';
import { defaultWholeNumber } from '../../../shared/target-flags';
import type { LiveTarget, LiveTargetInput, LiveTargetPatch } from '../api-plan';

export interface EditRow extends DraftRow {
  /** The target's id; for a new row, the id it will be created under (so a retry never makes two). */
  key: string;
  isNew: boolean;
  wholeNumber: boolean;
  /** The person set "số nguyên" by hand: a unit typed later no longer changes it. */
  wholeTouched: boolean;
  /** "Liên kết sổ hộ" / "Bộ tiêu chí NTM" (issue 10): what the target's figure follows; null: nothing. */
  link: TargetLink | null;
}

export const AREAS: Area[] = ['economy', 'society', 'defense', 'other'];

/** "Số nguyên" is on by default for units that count whole things (the server's own rule). */
export const isCountedUnit = defaultWholeNumber;

export function rowFromTarget(t: LiveTarget): EditRow {
  return {
    key: t.id, isNew: false, parentKey: t.parentId, area: t.area, label: t.label, comparator: t.comparator, measure: t.measure,
    value: numberText(t.value), valueMax: numberText(t.valueMax), outOf: numberText(t.outOf), unit: t.unit ?? '', assignee: '',
    line: t.source?.line ?? null, sourceText: t.source?.text ?? null, dropped: false,
    wholeNumber: t.wholeNumber ?? isCountedUnit(t.unit), wholeTouched: t.wholeNumber !== undefined,
    link: t.link ?? null,
  };
}

export function newRow(id: string, area: Area, parentKey: string | null = null): EditRow {
  return {
    key: id, isNew: true, parentKey, area, label: '', comparator: 'atLeast', measure: 'quantity', value: '', valueMax: '', outOf: '',
    unit: '', assignee: '', line: null, sourceText: null, dropped: false, wholeNumber: false, wholeTouched: false,
    link: null,
  };
}

/** Rows in the order the screen shows them: by area, then as placed; children right under their parent. */
export function ordered(rows: EditRow[]): EditRow[] {
  const out: EditRow[] = [];
  const keys = new Set(rows.map((r) => r.key));
  for (const area of AREAS) {
    const inArea = rows.filter((r) => r.area === area);
    const roots = inArea.filter((r) => !r.parentKey || !keys.has(r.parentKey));
    const visit = (r: EditRow, depth: number) => {
      if (depth > 20 || out.includes(r)) return;
      out.push(r);
      for (const child of rows.filter((c) => c.parentKey === r.key)) visit(child, depth + 1);
    };
    for (const r of roots) visit(r, 0);
  }
  for (const r of rows) if (!out.includes(r)) out.push(r);
  return out;
}

/** Moves a row one place up or down among its siblings (same area, same parent). */
export function move(rows: EditRow[], key: string, by: -1 | 1): EditRow[] {
  const row = rows.find((r) => r.key === key);
  if (!row) return rows;
  const siblings = rows.filter((r) => r.area === row.area && r.parentKey === row.parentKey);
  const at = siblings.indexOf(row);
  const other = siblings[at + by];
  if (!other) return rows;
  const i = rows.indexOf(row);
  const j = rows.indexOf(other);
  const next = [...rows];
  next[i] = other;
  next[j] = row;
  return next;
}

/** A unit typed on a row whose "số nguyên" was never set by hand sets its default. */
export function withUnit(row: EditRow, unit: string): EditRow {
  return { ...row, unit, ...(row.wholeTouched ? {} : { wholeNumber: isCountedUnit(unit) }) };
}

export function headerOf(plan: Plan): DraftPlan {
  return {
    title: plan.title, number: plan.number, issuedOn: plan.issuedOn ?? '', year: String(plan.year), issuer: plan.issuer, theme: plan.theme,
    rounds: plan.rounds.map((r) => ({ name: r.name, from: r.from, to: r.to, reportDeadline: r.reportDeadline ?? '' })),
    reporting: [...plan.reporting],
  };
}

export type Step =
  | { kind: 'header'; patch: Record<string, unknown> }
  | { kind: 'create'; key: string; input: LiveTargetInput }
  | { kind: 'patch'; key: string; patch: LiveTargetPatch }
  | { kind: 'delete'; key: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const PATCHED = ['parentId', 'area', 'label', 'unit', 'comparator', 'value', 'valueMax', 'outOf', 'measure', 'position'] as const;

/**
 * What saving sends, or the errors to show first. Positions number the rows in screen order, so
 * reordering is a patch of `position`; an unchanged row sends nothing.
 */
export function planSave(plan: Plan, header: DraftPlan, rows: EditRow[], original: LiveTarget[]): { errors: DraftError[]; steps: Step[] } {
  const shown = ordered(rows);
  const ids = new Map<string, string>(shown.map((r) => [r.key, r.key]));
  ids.set('plan', plan.id);
  const { errors, requests } = checkDraft({ text: '', plan: header, rows: shown, warnings: [] }, ids);
  if (!requests) return { errors, steps: [] };
  const steps: Step[] = [];

  const { id: _id, ...head } = requests.plan;
  const headerPatch: Record<string, unknown> = {};
  const current: Record<string, unknown> = { ...plan, reporting: plan.reporting };
  for (const [k, v] of Object.entries(head)) if (!same(v, current[k])) headerPatch[k] = v;
  if (Object.keys(headerPatch).length > 0) steps.push({ kind: 'header', patch: headerPatch });

  const byId = new Map(original.map((t) => [t.id, t]));
  const kept = shown.filter((r) => !r.dropped);
  const creates: Step[] = [];
  kept.forEach((row, i) => {
    const { assigneeName: _a, assigneeUnitId: _b, aggregation, ...input } = requests.targets[i]!;
    const built = { ...input, wholeNumber: row.wholeNumber, link: row.link };
    const before = byId.get(row.key);
    if (row.isNew || !before) {
      const { link, ...rest } = built;
      creates.push({ kind: 'create', key: row.key, input: { ...rest, ...(link ? { link } : {}), id: row.key, aggregation } });
      return;
    }
    const patch: LiveTargetPatch = {};
    for (const k of PATCHED) if (!same(built[k], before[k])) (patch as Record<string, unknown>)[k] = built[k];
    if (patch.measure !== undefined) patch.aggregation = aggregation;
    if ((before.wholeNumber ?? isCountedUnit(before.unit)) !== row.wholeNumber) patch.wholeNumber = row.wholeNumber;
    if (!same(row.link, before.link)) patch.link = row.link;
    if (Object.keys(patch).length > 0) steps.push({ kind: 'patch', key: row.key, patch });
  });
  // Creates after patches (a new child may hang under a moved parent), parents first (screen order does that).
  steps.push(...creates);
  // Deletes last, deepest first, so a parent never goes while a child still stands.
  const depth = (r: EditRow): number => {
    let d = 0;
    for (let p = r.parentKey; p && d < 20; p = rows.find((x) => x.key === p)?.parentKey ?? null) d++;
    return d;
  };
  const drops = shown.filter((r) => r.dropped && !r.isNew && byId.has(r.key)).sort((a, b) => depth(b) - depth(a));
  for (const r of drops) steps.push({ kind: 'delete', key: r.key });
  return { errors, steps };
}
