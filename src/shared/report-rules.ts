/**
 * The per-value rules of a report, shared by the phone's form and the server's ingest so
 * both refuse the same things with the same codes: the target exists and is assigned to the
 * unit (a child of an assigned target counts), each target once, the value's shape matches
 * the target's measure, counts are not negative, x of y stays within y, a rate's numerator
 * stays within its denominator. A fall in rank (negative) and "110% of budget" are allowed.
 */
import type { ErrorCode } from './errors';
import type { ReportValue } from './schemas/reports';
import type { Target, Measure } from './schemas/targets';

export interface RuleIssue {
  code: ErrorCode;
  /** Dotted, relative to the report: `values.3.value`. */
  path: string;
}

type TargetLookup = ReadonlyMap<string, Pick<Target, 'id' | 'parentId' | 'measure' | 'outOf'>>;

const MAX_DEPTH = 32;

/** Assigned directly, or through an assigned ancestor (breakdowns: "bò" under "gia súc"). */
export function isAssigned(targetId: string, targetsById: TargetLookup, assignedTargetIds: ReadonlySet<string>): boolean {
  let id: string | null | undefined = targetId;
  for (let depth = 0; id && depth < MAX_DEPTH; depth++) {
    if (assignedTargetIds.has(id)) return true;
    id = targetsById.get(id)?.parentId;
  }
  return false;
}

type Shape = 'number' | 'rate' | 'status';

function shapeOf(value: ReportValue): Shape {
  if ('done' in value) return 'status';
  if ('numerator' in value) return 'rate';
  return 'number';
}

const SHAPE_OF_MEASURE: Record<Measure, Shape> = {
  quantity: 'number',
  xOfY: 'number',
  rank: 'number',
  rate: 'rate',
  status: 'status',
};

function checkOne(value: ReportValue, target: Pick<Target, 'measure' | 'outOf'>, at: string): RuleIssue | null {
  if (shapeOf(value) !== SHAPE_OF_MEASURE[target.measure]) return { code: 'value.wrong_shape', path: at };
  if ('numerator' in value) {
    if (!Number.isFinite(value.numerator)) return { code: 'value.not_a_number', path: `${at}.numerator` };
    if (!Number.isFinite(value.denominator)) return { code: 'value.not_a_number', path: `${at}.denominator` };
    if (value.numerator < 0) return { code: 'value.negative', path: `${at}.numerator` };
    if (value.denominator < 0) return { code: 'value.negative', path: `${at}.denominator` };
    if (value.numerator > value.denominator) return { code: 'value.numerator_exceeds_denominator', path: `${at}.numerator` };
    return null;
  }
  if ('value' in value) {
    if (!Number.isFinite(value.value)) return { code: 'value.not_a_number', path: `${at}.value` };
    if (target.measure === 'rank') return null; // a change in rank may be a fall
    if (value.value < 0) return { code: 'value.negative', path: `${at}.value` };
    if (target.measure === 'xOfY' && target.outOf !== null && value.value > target.outOf) {
      return { code: 'value.exceeds_out_of', path: `${at}.value` };
    }
  }
  return null;
}

/**
 * Every problem with a report's values, in order (the first is what a user is shown).
 * @example checkReportValues([{ targetId: 't1', value: -1 }], targets, new Set(['t1']))
 * // [{ code: 'value.negative', path: 'values.0.value' }]
 */
export function checkReportValues(
  values: readonly ReportValue[],
  targetsById: TargetLookup,
  assignedTargetIds: ReadonlySet<string>,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const at = `values.${i}`;
    const target = targetsById.get(value.targetId);
    if (!target) return issues.push({ code: 'report.unknown_target', path: `${at}.targetId` });
    if (seen.has(value.targetId)) return issues.push({ code: 'value.duplicate_target', path: `${at}.targetId` });
    seen.add(value.targetId);
    if (!isAssigned(value.targetId, targetsById, assignedTargetIds)) {
      return issues.push({ code: 'report.target_not_assigned', path: `${at}.targetId` });
    }
    const issue = checkOne(value, target, at);
    if (issue) issues.push(issue);
  });
  return issues;
}

// ---- Issue 8: bounds and plausibility. Kept as separate functions so the shape of
// checkReportValues' result can change (errors/warnings) without touching these rules.

/** Above this a figure is a typing slip (an extra row of zeros), never a commune's result. */
export const MAX_REPORT_VALUE = 1e12;

type BoundsTarget = Pick<Target, 'measure'> & { wholeNumber?: boolean };

/**
 * Errors on a value's size and kind: a fractional figure on a whole-number target
 * (`value.not_integer`), anything beyond 10^12 (`value.too_large`). A rate's parts are counts
 * too, so they follow the same rules.
 * @example checkValueBounds([{ targetId: 't', value: 2.5 }], new Map([['t', { measure: 'quantity', wholeNumber: true }]]))
 * // [{ code: 'value.not_integer', path: 'values.0.value' }]
 */
export function checkValueBounds(values: readonly ReportValue[], targetsById: ReadonlyMap<string, BoundsTarget>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  values.forEach((value, i) => {
    const target = targetsById.get(value.targetId);
    if (!target) return;
    const parts: [string, number][] = 'numerator' in value
      ? [['numerator', value.numerator], ['denominator', value.denominator]]
      : 'value' in value ? [['value', value.value]] : [];
    for (const [key, n] of parts) {
      if (!Number.isFinite(n)) continue;
      if (Math.abs(n) > MAX_REPORT_VALUE) { issues.push({ code: 'value.too_large', path: `values.${i}.${key}` }); break; }
      if (target.wholeNumber && !Number.isInteger(n)) { issues.push({ code: 'value.not_integer', path: `values.${i}.${key}` }); break; }
    }
  });
  return issues;
}

export interface ValueWarning {
  code: 'value.above_share' | 'value.above_target';
  targetId: string;
}

type WarningTarget = Pick<Target, 'id' | 'measure' | 'value' | 'comparator'>;

/**
 * Figures that are allowed but worth a second look by the reviewer (and, on the phone, before
 * "Gửi"): a quantity more than 3× the unit's share, or above the whole commune's target.
 * Rates, x of y, statuses and ranks carry a per-unit goal, not a share to compare with.
 * @example plausibilityWarnings([{ targetId: 't', value: 40 }], targets, new Map([['t', 10]]))
 * // [{ code: 'value.above_share', targetId: 't' }]
 */
export function plausibilityWarnings(
  values: readonly ReportValue[],
  targetsById: ReadonlyMap<string, WarningTarget>,
  sharesByTarget: ReadonlyMap<string, number | null>,
): ValueWarning[] {
  const warnings: ValueWarning[] = [];
  for (const value of values) {
    if (!('value' in value) || !Number.isFinite(value.value)) continue;
    const target = targetsById.get(value.targetId);
    if (!target || target.measure !== 'quantity') continue;
    const share = sharesByTarget.get(target.id) ?? null;
    if (share !== null && share > 0 && value.value > 3 * share) {
      warnings.push({ code: 'value.above_share', targetId: target.id });
    } else if (target.value !== null && target.value > 0 && target.comparator !== 'atMost' && value.value > target.value) {
      warnings.push({ code: 'value.above_target', targetId: target.id });
    }
  }
  return warnings;
}
