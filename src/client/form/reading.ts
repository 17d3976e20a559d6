/**
 * How the report form reads what the user typed, and what it checks before sending. Pure
 * (no DOM, no storage) so the rules are tested as tables. The reading is shown back under
 * each field ("= 2,5 ha"), so nobody sends 25 when they meant 2,5.
 */
import { parseTypedNumber, formatViNumber, formatPercent } from '../../shared/vi-number';
import type { ReportValue, Target } from '../../shared/schemas';
import { checkReportValues, checkValueBounds, typingIssue } from '../../shared/report-rules';
import type { ErrorCode, WarningCode } from '../../shared/errors';

export type FieldReading =
  | { state: 'empty' }
  | { state: 'invalid' }
  | { state: 'ok'; value: number; text: string };

/** Reads one typed number: `2.5` → 2,5 and `1.110` → 1110 (keypads often offer only "."). */
export function readNumber(typed: string | undefined): FieldReading {
  if (typed === undefined || typed.trim() === '') return { state: 'empty' };
  const parsed = parseTypedNumber(typed);
  if (!parsed) return { state: 'invalid' };
  return { state: 'ok', value: parsed.value, text: formatViNumber(parsed.value) };
}

/** The typed text for a value, the way the user would type it (`2,5`, `1.110`), for pre-filling. */
export function typedText(value: number): string {
  return formatViNumber(value);
}

/** Field keys inside a draft: the target id, or `id/n` and `id/d` for a rate's parts. */
export const numeratorKey = (targetId: string) => `${targetId}/n`;
export const denominatorKey = (targetId: string) => `${targetId}/d`;

export type Severity = 'error' | 'warning';

/**
 * The form's own check, beyond the shared rules: half a rate typed (the value cannot even be
 * built, so the server never sees it). Every other problem is a catalogue code.
 */
export type FormCheck = 'check.rate_incomplete';

/** A problem found in the form; `key` is a catalogue code (or the form's own check), `field` the draft key it belongs to. */
export interface FieldProblem {
  targetId: string;
  field: string;
  severity: Severity;
  key: ErrorCode | WarningCode | FormCheck;
  /** Numbers the message names (`{previous}`), written vi-VN when shown. */
  params?: Record<string, number>;
}

export interface FormTarget {
  target: Target;
  /** Ids of the breakdown's children in the form (their sum is this target's value). */
  childIds: string[];
  /** This unit's value in the last report of an earlier period, for the "ten times" check. */
  previous: number | null;
}

export interface FormReading {
  values: ReportValue[];
  problems: FieldProblem[];
  /** Computed parents' values (breakdowns), by target id, for live display. */
  sums: Record<string, number>;
}

/**
 * Reads the whole form into report values and finds the problems: errors block sending
 * (the server refuses them too: they are its rules, `shared/report-rules.ts`), warnings ask
 * the user to look again. The form itself only reads typing: text that is not a number,
 * half a rate.
 */
export function readForm(items: readonly FormTarget[], fields: Record<string, string>): FormReading {
  const values: ReportValue[] = [];
  const problems: FieldProblem[] = [];
  const numbers: Record<string, number> = {};
  const byId = new Map(items.map((i) => [i.target.id, i]));

  for (const item of items) {
    if (item.childIds.length > 0) continue; // computed below, from its children
    const { target } = item;
    const id = target.id;
    if (target.measure === 'status') {
      const typed = fields[id];
      if (typed === 'done' || typed === 'notDone') values.push({ targetId: id, done: typed === 'done' });
      continue;
    }
    if (target.measure === 'rate') {
      const n = readNumber(fields[numeratorKey(id)]);
      const d = readNumber(fields[denominatorKey(id)]);
      if (n.state === 'invalid') problems.push(typingProblem(id, numeratorKey(id), fields[numeratorKey(id)]!));
      if (d.state === 'invalid') problems.push(typingProblem(id, denominatorKey(id), fields[denominatorKey(id)]!));
      if (n.state === 'ok' && d.state === 'ok') {
        values.push({ targetId: id, numerator: n.value, denominator: d.value });
      } else if (n.state === 'ok' || d.state === 'ok') {
        const missing = n.state === 'ok' ? denominatorKey(id) : numeratorKey(id);
        if (n.state !== 'invalid' && d.state !== 'invalid') problems.push(problem(id, missing, 'error', 'check.rate_incomplete'));
      }
      continue;
    }
    const read = readNumber(fields[id]);
    if (read.state === 'invalid') problems.push(typingProblem(id, id, fields[id]!));
    if (read.state !== 'ok') continue;
    numbers[id] = read.value;
    values.push({ targetId: id, value: read.value });
  }

  // Breakdowns: a parent is the sum of its children, deepest first so nested breakdowns add up.
  const sums: Record<string, number> = {};
  const parents = items.filter((i) => i.childIds.length > 0);
  const depth = (i: FormTarget): number => (i.target.parentId && byId.has(i.target.parentId) ? 1 + depth(byId.get(i.target.parentId)!) : 0);
  for (const item of [...parents].sort((a, b) => depth(b) - depth(a))) {
    const given = item.childIds.filter((c) => numbers[c] !== undefined);
    if (given.length === 0) continue;
    const sum = given.reduce((acc, c) => acc + numbers[c]!, 0);
    numbers[item.target.id] = sum;
    sums[item.target.id] = sum;
    values.push({ targetId: item.target.id, value: sum });
  }

  // The server's own rules (shared code): what they refuse must not leave the phone. Warnings
  // are asked of what the user typed, not of computed sums (nothing to retype there).
  const targetsById = new Map(items.map((i) => [i.target.id, i.target]));
  const carried = new Set(items.map((i) => i.target.id));
  const previous = new Map(items.flatMap((i) => (i.previous !== null && i.childIds.length === 0 ? [[i.target.id, i.previous] as const] : [])));
  const { errors, warnings } = checkReportValues(values, targetsById, carried, { previous });
  const hasError = (targetId: string) => problems.some((p) => p.targetId === targetId && p.severity === 'error');
  // Whole numbers and the 10^12 bound are checked before "Gửi", as the server does.
  for (const issue of [...errors, ...checkValueBounds(values, targetsById)]) {
    if (hasError(issue.targetId)) continue;
    problems.push(problem(issue.targetId, fieldOf(issue.targetId, issue.path), 'error', issue.code, issue.params));
  }
  for (const issue of warnings) {
    if (hasError(issue.targetId)) continue;
    problems.push(problem(issue.targetId, fieldOf(issue.targetId, issue.path), 'warning', issue.code, issue.params));
  }
  // Listed in the form's order, as the user reads it (a stable sort keeps each field's own order).
  const order = new Map(items.map((i, n) => [i.target.id, n]));
  problems.sort((a, b) => order.get(a.targetId)! - order.get(b.targetId)!);
  return { values, problems, sums };
}

/** The draft key a rule's path (`values.3.numerator`) points at. */
function fieldOf(targetId: string, path: string): string {
  if (path.endsWith('.numerator')) return numeratorKey(targetId);
  if (path.endsWith('.denominator')) return denominatorKey(targetId);
  return targetId;
}

/** Text that is not a number: how to type it, when it was typed the English way (shared rule). */
function typingProblem(targetId: string, field: string, typed: string): FieldProblem {
  const issue = typingIssue(typed);
  return problem(targetId, field, 'error', issue.code, issue.params);
}

function problem(targetId: string, field: string, severity: Severity, key: FieldProblem['key'], params?: Record<string, number>): FieldProblem {
  return params ? { targetId, field, severity, key, params } : { targetId, field, severity, key };
}

/** "= 2,5 ha" / "= 96,5%" — how the form read the number, shown under the field. */
export function echo(value: number, unit: string | null): string {
  const u = unit?.trim();
  if (u === '%') return `= ${formatViNumber(value)}%`;
  return u ? `= ${formatViNumber(value)} ${u}` : `= ${formatViNumber(value)}`;
}

/** The percent a rate makes, for display: 48 / 50 → "96%". */
export function ratePercent(numerator: number, denominator: number): string | null {
  if (!(denominator > 0)) return null;
  return formatPercent((numerator / denominator) * 100, { maximumFractionDigits: 1 });
}

/** Turns report values back into typed fields, to pre-fill a correction of a returned report. */
export function fieldsFromValues(values: readonly ReportValue[], computedIds: ReadonlySet<string> = new Set()): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of values) {
    if (computedIds.has(v.targetId)) continue;
    if ('done' in v) fields[v.targetId] = v.done ? 'done' : 'notDone';
    else if ('numerator' in v) {
      fields[numeratorKey(v.targetId)] = typedText(v.numerator);
      fields[denominatorKey(v.targetId)] = typedText(v.denominator);
    } else fields[v.targetId] = typedText(v.value);
  }
  return fields;
}

/** How a value reads in a list: "1.110 con", "48/50 (96%)", "Đạt"-style keys for status. */
export function describeValue(value: ReportValue, target: Target): string {
  if ('done' in value) return value.done ? '✓' : '✗';
  if ('numerator' in value) {
    const pct = ratePercent(value.numerator, value.denominator);
    return `${formatViNumber(value.numerator)}/${formatViNumber(value.denominator)}${pct ? ` (${pct})` : ''}`;
  }
  if (target.measure === 'xOfY' && target.outOf !== null) return `${formatViNumber(value.value)} / ${formatViNumber(target.outOf)}`;
  const u = target.unit?.trim();
  return u === '%' ? `${formatViNumber(value.value)}%` : u ? `${formatViNumber(value.value)} ${u}` : formatViNumber(value.value);
}
