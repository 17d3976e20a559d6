/**
 * Turns zod issues into our error codes and dotted paths, so a user reads "Giá trị phải là
 * một con số" at `values.3.value` instead of a parser's English. The first issue wins: the
 * client shows one reason per report.
 */
import type * as z from 'zod/mini';
import type { ErrorCode } from '../../shared/errors';

export interface FieldError {
  code: ErrorCode;
  path?: string;
}

type Issue = z.core.$ZodIssue;

const NUMERIC_KEYS = ['value', 'numerator', 'denominator'] as const;

export function joinPath(path: readonly PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** A report value matched no shape: say which field is wrong rather than "invalid union". */
function explainValue(raw: unknown, path: readonly PropertyKey[]): FieldError {
  const here = joinPath(path);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { code: 'value.invalid', path: here };
  const value = raw as Record<string, unknown>;
  if (typeof value.targetId !== 'string' || value.targetId.length === 0) {
    return { code: 'value.required', path: joinPath([...path, 'targetId']) };
  }
  for (const key of NUMERIC_KEYS) {
    if (key in value && (typeof value[key] !== 'number' || !Number.isFinite(value[key]))) {
      return { code: 'value.not_a_number', path: joinPath([...path, key]) };
    }
  }
  if ('done' in value && typeof value.done !== 'boolean') return { code: 'value.invalid', path: joinPath([...path, 'done']) };
  if ('numerator' in value !== 'denominator' in value) {
    return { code: 'value.required', path: joinPath([...path, 'numerator' in value ? 'denominator' : 'numerator']) };
  }
  return { code: 'value.wrong_shape', path: here };
}

export function issueToError(issue: Issue, input: unknown): FieldError {
  const path = issue.path as PropertyKey[];
  const here = joinPath(path);
  switch (issue.code) {
    case 'invalid_union':
      return explainValue(at(input, path), path);
    case 'invalid_type':
      // A list or object missing or where something else came: the request's shape is wrong, not a value.
      if (issue.expected === 'array' || issue.expected === 'object') return { code: 'request.invalid', path: here };
      if (at(input, path) === undefined) return { code: 'value.required', path: here };
      if (issue.expected === 'number') return { code: 'value.not_a_number', path: here };
      return { code: 'value.invalid', path: here };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'value.too_long', path: here };
      return { code: 'value.invalid', path: here };
    case 'custom':
      if (typeof at(input, path) === 'number') return { code: 'value.not_a_number', path: here };
      return { code: 'value.invalid', path: here };
    default:
      return { code: 'value.invalid', path: here };
  }
}

export function firstError(error: { issues: readonly Issue[] }, input: unknown): FieldError {
  const issue = error.issues[0];
  return issue ? issueToError(issue, input) : { code: 'request.invalid' };
}

/**
 * The dotted path of the first string (or key) holding a NUL character, or null. PostgreSQL
 * cannot store U+0000 in text and fails the whole statement, so such input must be refused
 * as a bad value before it reaches a query — on SQLite too, so both engines answer alike.
 */
export function nulPath(value: unknown, path: readonly PropertyKey[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? (joinPath(path) ?? '') : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return joinPath([...path, key]) ?? '';
    const found = nulPath(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
