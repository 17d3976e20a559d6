/**
 * The per-value rules of a report, shared by the phone's form and the server's ingest so
 * both refuse and question the same things with the same codes (one each, from
 * `errors.ts`). Errors block a report: the target exists and is assigned to the unit (a child
 * of an assigned target counts), each target once, the value's shape matches the target's
 * measure, counts are not negative, x of y stays within y, a rate's numerator stays within
 * its denominator and the denominator is not 0 when both are. Warnings ask someone to look
 * again (a percent above 100, ten times last period's figure) and never block.
 * A fall in rank (negative) and "110% of budget" are allowed.
 */
import { ERRORS, WARNINGS, type ErrorCode, type WarningCode } from './errors';
import { formatViNumber, readEnglishNumber } from './vi-number';
import type { ReportValue } from './schemas/reports';
import type { Target, Measure } from './schemas/targets';

export interface RuleIssue<C extends ErrorCode | WarningCode = ErrorCode | WarningCode> {
  code: C;
  /** Dotted, relative to the report: `values.3.value`. */
  path: string;
  targetId: string;
  /** Numbers the message names (`{previous}`), filled in vi-VN by `ruleMessage`. */
  params?: Record<string, number>;
}

export interface RuleResult {
  /** In value order; the first is what a user is shown. */
  errors: RuleIssue<ErrorCode>[];
  /** Only for values without an error. */
  warnings: RuleIssue<WarningCode>[];
}

export type RuleTarget = Pick<Target, 'id' | 'parentId' | 'measure' | 'outOf'> & { unit?: string | null };
type TargetLookup = ReadonlyMap<string, RuleTarget>;

export interface RuleContext {
  /** This unit's figure for a target in its last report of an earlier period. */
  previous?: ReadonlyMap<string, number>;
}

/** A figure ten times the previous period's is probably a slip (25 typed for 2,5). */
export const IMPLAUSIBLE_GROWTH = 10;

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

type Found = { code: ErrorCode; path: string; params?: Record<string, number> } | null;

function errorOf(value: ReportValue, target: RuleTarget, at: string): Found {
  if (shapeOf(value) !== SHAPE_OF_MEASURE[target.measure]) return { code: 'value.wrong_shape', path: at };
  if ('numerator' in value) {
    if (!Number.isFinite(value.numerator)) return { code: 'value.not_a_number', path: `${at}.numerator` };
    if (!Number.isFinite(value.denominator)) return { code: 'value.not_a_number', path: `${at}.denominator` };
    if (value.numerator < 0) return { code: 'value.negative', path: `${at}.numerator` };
    if (value.denominator < 0) return { code: 'value.negative', path: `${at}.denominator` };
    if (value.numerator > value.denominator) return { code: 'value.numerator_exceeds_denominator', path: `${at}.numerator` };
    if (value.denominator === 0) return { code: 'value.zero_denominator', path: `${at}.denominator` };
    return null;
  }
  if ('value' in value) {
    if (!Number.isFinite(value.value)) return { code: 'value.not_a_number', path: `${at}.value` };
    if (target.measure === 'rank') return null; // a change in rank may be a fall
    if (value.value < 0) return { code: 'value.negative', path: `${at}.value` };
    if (target.measure === 'xOfY' && target.outOf !== null && value.value > target.outOf) {
      return { code: 'value.exceeds_out_of', path: `${at}.value`, params: { outOf: target.outOf } };
    }
  }
  return null;
}

function warningOf(value: ReportValue, target: RuleTarget, at: string, context: RuleContext): RuleIssue<WarningCode> | null {
  if (!('value' in value) || target.measure === 'rank') return null;
  const path = `${at}.value`;
  if (target.unit?.trim() === '%' && value.value > 100) return { code: 'value.percent_over_100', path, targetId: target.id };
  const previous = context.previous?.get(target.id);
  if (previous !== undefined && previous > 0 && value.value >= IMPLAUSIBLE_GROWTH * previous) {
    return { code: 'value.ten_times_last', path, targetId: target.id, params: { previous } };
  }
  return null;
}

/**
 * Every problem with a report's values, in order.
 * @example checkReportValues([{ targetId: 't1', value: -1 }], targets, new Set(['t1']))
 * // { errors: [{ code: 'value.negative', path: 'values.0.value', targetId: 't1' }], warnings: [] }
 */
export function checkReportValues(
  values: readonly ReportValue[],
  targetsById: TargetLookup,
  assignedTargetIds: ReadonlySet<string>,
  context: RuleContext = {},
): RuleResult {
  const result: RuleResult = { errors: [], warnings: [] };
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const at = `values.${i}`;
    const targetId = value.targetId;
    const target = targetsById.get(targetId);
    if (!target) return result.errors.push({ code: 'report.unknown_target', path: `${at}.targetId`, targetId });
    if (seen.has(targetId)) return result.errors.push({ code: 'value.duplicate_target', path: `${at}.targetId`, targetId });
    seen.add(targetId);
    if (!isAssigned(targetId, targetsById, assignedTargetIds)) {
      return result.errors.push({ code: 'report.target_not_assigned', path: `${at}.targetId`, targetId });
    }
    const error = errorOf(value, target, at);
    if (error) return result.errors.push({ ...error, targetId });
    const warning = warningOf(value, target, at, context);
    if (warning) result.warnings.push(warning);
  });
  return result;
}

/** The catalogue's Vietnamese sentence for an issue, its numbers written vi-VN. */
export function ruleMessage(issue: RuleIssue): string {
  const template: string = issue.code in WARNINGS ? WARNINGS[issue.code as WarningCode] : ERRORS[issue.code as ErrorCode][1];
  return fillParams(template, issue.params);
}

/** `{name}` → the param in vi-VN ("1.110"); an unknown name stays as written. */
export function fillParams(template: string, params: Record<string, number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? formatViNumber(params[name]) : m));
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
export function checkValueBounds(values: readonly ReportValue[], targetsById: ReadonlyMap<string, BoundsTarget>): RuleIssue<ErrorCode>[] {
  const issues: RuleIssue<ErrorCode>[] = [];
  values.forEach((value, i) => {
    const target = targetsById.get(value.targetId);
    if (!target) return;
    const parts: [string, number][] = 'numerator' in value
      ? [['numerator', value.numerator], ['denominator', value.denominator]]
      : 'value' in value ? [['value', value.value]] : [];
    for (const [key, n] of parts) {
      if (!Number.isFinite(n)) continue;
      if (Math.abs(n) > MAX_REPORT_VALUE) { issues.push({ code: 'value.too_large', path: `values.${i}.${key}`, targetId: value.targetId }); break; }
      if (target.wholeNumber && !Number.isInteger(n)) { issues.push({ code: 'value.not_integer', path: `values.${i}.${key}`, targetId: value.targetId }); break; }
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

/**
 * Why typed text is not a number, as a catalogue code: a number typed the English way gets a
 * message that shows it the Vietnamese way (`6,294.3` → "Dùng dấu phẩy cho số thập phân:
 * 6.294,3"); anything else is simply not a number. For text that `parseTypedNumber` refused.
 */
export function typingIssue(text: string): { code: ErrorCode; params?: Record<string, number> } {
  const english = readEnglishNumber(text);
  if (english) return { code: english.kind === 'decimal' ? 'value.english_decimal' : 'value.english_grouping', params: { value: english.value } };
  return { code: 'value.not_a_number' };
}
