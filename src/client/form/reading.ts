/**
 * How the report form reads what the user typed, and what it checks before sending. Pure
 * (no DOM, no storage) so the rules are tested as tables. The reading is shown back under
 * each field ("= 2,5 ha"), so nobody sends 25 when they meant 2,5.
 */
import { parseTypedNumber, formatViNumber, formatPercent } from '../../shared/vi-number';
import type { ReportValue, Target } from '../../shared/schemas';
import { checkReportValues, checkValueBounds } from '../../shared/report-rules';

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

/** A problem found in the form; `key` is a message-catalogue key, `field` the draft key it belongs to. */
export interface FieldProblem {
  targetId: string;
  field: string;
  severity: Severity;
  key: string;
  params?: Record<string, string>;
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

/** Flags a value ten times the previous period's as probably a slip (25 typed for 2,5). */
export const IMPLAUSIBLE_GROWTH = 10;

/**
 * Reads the whole form into report values and finds the problems: errors block sending
 * (the server would refuse them too), warnings ask the user to look again.
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
      if (n.state === 'invalid') problems.push(problem(id, numeratorKey(id), 'error', 'value.not_a_number'));
      if (d.state === 'invalid') problems.push(problem(id, denominatorKey(id), 'error', 'value.not_a_number'));
      if (n.state === 'ok' && d.state === 'ok') {
        if (n.value < 0 || d.value < 0) problems.push(problem(id, n.value < 0 ? numeratorKey(id) : denominatorKey(id), 'error', 'value.negative'));
        else if (n.value > d.value) problems.push(problem(id, numeratorKey(id), 'error', 'value.numerator_exceeds_denominator'));
        else if (d.value === 0 && n.value === 0) problems.push(problem(id, denominatorKey(id), 'error', 'check.zero_denominator'));
        values.push({ targetId: id, numerator: n.value, denominator: d.value });
      } else if (n.state === 'ok' || d.state === 'ok') {
        const missing = n.state === 'ok' ? denominatorKey(id) : numeratorKey(id);
        if (n.state !== 'invalid' && d.state !== 'invalid') problems.push(problem(id, missing, 'error', 'check.rate_incomplete'));
      }
      continue;
    }
    const read = readNumber(fields[id]);
    if (read.state === 'invalid') problems.push(problem(id, id, 'error', 'value.not_a_number'));
    if (read.state !== 'ok') continue;
    numbers[id] = read.value;
    values.push({ targetId: id, value: read.value });
    problems.push(...plausibility(item, read.value));
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
  // Last, the server's own rules (shared code): anything they refuse must not leave the phone.
  const targetsById = new Map(items.map((i) => [i.target.id, i.target]));
  const carried = new Set(items.map((i) => i.target.id));
  for (const issue of [...checkReportValues(values, targetsById, carried), ...checkValueBounds(values, targetsById)]) {
    const index = Number(issue.path.split('.')[1]);
    const targetId = values[index]?.targetId;
    if (!targetId || problems.some((p) => p.targetId === targetId && p.severity === 'error')) continue;
    const field = issue.path.endsWith('.numerator') ? numeratorKey(targetId) : issue.path.endsWith('.denominator') ? denominatorKey(targetId) : targetId;
    problems.push(problem(targetId, field, 'error', issue.code));
  }
  return { values, problems, sums };
}

/** Checks a single number against what is plausible for its target. */
export function plausibility(item: FormTarget, value: number): FieldProblem[] {
  const { target } = item;
  const id = target.id;
  if (target.measure === 'rank') return [];
  if (value < 0) return [problem(id, id, 'error', 'value.negative')];
  if (target.measure === 'xOfY' && target.outOf !== null && value > target.outOf) {
    return [problem(id, id, 'error', 'check.over_out_of', { outOf: formatViNumber(target.outOf) })];
  }
  if (target.unit?.trim() === '%' && value > 100) return [problem(id, id, 'warning', 'check.percent_over_100')];
  if (item.previous !== null && item.previous > 0 && value >= IMPLAUSIBLE_GROWTH * item.previous) {
    return [problem(id, id, 'warning', 'check.ten_times_last', { previous: formatViNumber(item.previous) })];
  }
  return [];
}

function problem(targetId: string, field: string, severity: Severity, key: string, params?: Record<string, string>): FieldProblem {
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
