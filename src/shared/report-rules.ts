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
