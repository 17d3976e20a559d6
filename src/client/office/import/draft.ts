/**
 * The import draft the office edits: the importer's proposal turned into form rows (numbers as
 * the person reads and types them, "6.294,3"), the edits (drop, merge), the checks that must
 * pass before anything is sent, and the two request bodies it becomes. Pure, so it is tested
 * without a browser; the screen only renders it.
 */
import * as z from 'zod/mini';
import type { PlanImportResult, ImportWarning } from '../../../shared/plan-import/schema';
import type { Rhythm } from '../../../shared/schemas/plans';
import { defaultAggregation, type Area, type Comparator, type Measure, type Target } from '../../../shared/schemas/targets';
import { suggestLink } from '../../../shared/target-links';
import { PlanCreate, TargetInput } from '../../../shared/schemas/office';
import { formatViNumber, parseTypedNumber } from '../../../shared/vi-number';
import { matchAssignee } from '../../../shared/associations';
import { t } from '../messages';

export interface DraftRow {
  /** The importer's id ("t2.1"), or "n1"… for rows the office adds. */
  key: string;
  parentKey: string | null;
  area: Area;
  label: string;
  comparator: Comparator;
  measure: Measure;
  /** As typed: "6.294,3", "2.5", "". */
  value: string;
  valueMax: string;
  outOf: string;
  unit: string;
  assignee: string;
  line: number | null;
  sourceText: string | null;
  dropped: boolean;
}

export interface DraftRound {
  name: string;
  from: string;
  to: string;
  reportDeadline: string;
}

export interface DraftPlan {
  title: string;
  number: string;
  /** `YYYY-MM-DD` or ''. */
  issuedOn: string;
  year: string;
  issuer: string;
  theme: string;
  rounds: DraftRound[];
  reporting: Rhythm[];
}

export interface ImportDraft {
  text: string;
  plan: DraftPlan;
  rows: DraftRow[];
  warnings: ImportWarning[];
}

export interface DraftError {
  /** 'plan' for the header; a row's key otherwise. */
  where: string;
  field: string;
  message: string;
}

export const numberText = (n: number | null): string => (n === null ? '' : formatViNumber(n));

/** '' → null; a number as a person types it; 'invalid' when it is not one. */
export function readNumber(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  return parseTypedNumber(text)?.value ?? 'invalid';
}

export function fromImport(text: string, result: PlanImportResult): ImportDraft {
  const p = result.plan;
  return {
    text,
    warnings: result.warnings,
    plan: {
      title: p.title,
      number: p.number,
      issuedOn: p.issuedOn ?? '',
      year: p.year === null ? '' : String(p.year),
      issuer: p.issuer,
      theme: p.theme,
      rounds: p.rounds.map((r) => ({ name: r.name, from: r.from, to: r.to, reportDeadline: r.reportDeadline ?? '' })),
      reporting: [...p.reporting],
    },
    rows: result.targets.map((tg) => ({
      key: tg.id,
      parentKey: tg.parentId,
      area: tg.area,
      label: tg.label,
      comparator: tg.comparator,
      measure: tg.measure,
      value: numberText(tg.value),
      valueMax: numberText(tg.valueMax),
      outOf: numberText(tg.outOf),
      unit: tg.unit ?? '',
      assignee: tg.assignee ?? '',
      line: tg.source.line,
      sourceText: tg.source.text,
      dropped: false,
    })),
  };
}

/** Drops a row, or brings it back. */
export function toggleDropped(rows: DraftRow[], key: string): DraftRow[] {
  return rows.map((r) => (r.key === key ? { ...r, dropped: !r.dropped } : r));
}

/**
 * Merges a row into the kept row above it (one target the importer split in two): labels are
 * joined, the row above keeps its figures (or takes these if it had none), children move up.
 */
export function mergeIntoPrevious(rows: DraftRow[], key: string): DraftRow[] {
  const i = rows.findIndex((r) => r.key === key);
  if (i <= 0) return rows;
  let j = i - 1;
  while (j >= 0 && (rows[j]!.dropped || rows[j]!.key === rows[i]!.parentKey)) j--;
  if (j < 0) j = i - 1;
  const target = rows[j]!;
  const gone = rows[i]!;
  const merged: DraftRow = {
    ...target,
    label: `${target.label}; ${gone.label}`,
    ...(target.value.trim() === '' && target.measure !== 'status'
      ? { value: gone.value, valueMax: gone.valueMax, outOf: gone.outOf, unit: target.unit || gone.unit }
      : {}),
  };
  return rows.flatMap((r, k) => {
    if (k === i) return [];
    if (k === j) return [merged];
    return [r.parentKey === gone.key ? { ...r, parentKey: target.key } : r];
  });
}

/** A row edit that keeps comparator and measure consistent: "done" is a status, a status is "done". */
export function editRow(row: DraftRow, patch: Partial<DraftRow>): DraftRow {
  const next = { ...row, ...patch };
  if (patch.comparator === 'done') next.measure = 'status';
  else if (patch.comparator && row.comparator === 'done' && next.measure === 'status') next.measure = 'quantity';
  if (patch.measure === 'status') next.comparator = 'done';
  else if (patch.measure && row.measure === 'status' && next.comparator === 'done') next.comparator = 'atLeast';
  if (patch.measure === 'rate' && next.unit.trim() === '') next.unit = '%';
  return next;
}

export interface Requests {
  plan: z.infer<typeof PlanCreate>;
  targets: Array<z.infer<typeof TargetInput>>;
}

/**
 * Checks the draft the way the server will, and builds the request bodies. `ids` maps row keys
 * (and 'plan') to the UUIDs to create them under; the same map on a retry makes it idempotent.
 */
/**
 * Checks the draft before anything is sent. `associations` (the commune's, when known) lets a
 * "Giao cho" name that matches none be marked on its row here, with what to do, instead of the
 * server refusing the whole batch later: a commune set up from scratch often has not added
 * every body a plan names (the server matches names by the same shared rule).
 */
export function checkDraft(
  draft: ImportDraft, ids: Map<string, string>, associations: readonly { id: string; name: string }[] | null = null,
): { errors: DraftError[]; requests: Requests | null } {
  const errors: DraftError[] = [];
  const p = draft.plan;
  const planErr = (field: string, message: string) => errors.push({ where: 'plan', field, message });
  if (!p.title.trim()) planErr('title', t('err.title'));
  const year = Number(p.year);
  if (!/^\d{4}$/.test(p.year.trim()) || year < 2000 || year > 2100) planErr('year', t('err.year'));
  if (p.issuedOn && !/^\d{4}-\d{2}-\d{2}$/.test(p.issuedOn)) planErr('issuedOn', t('err.date'));
  p.rounds.forEach((r, i) => {
    if (!r.name.trim()) planErr(`rounds.${i}.name`, t('err.roundName'));
    if (!r.from || !r.to) planErr(`rounds.${i}.from`, t('err.roundDates'));
    else if (r.from > r.to) planErr(`rounds.${i}.to`, t('err.roundOrder'));
  });

  const kept = draft.rows.filter((r) => !r.dropped);
  const keptKeys = new Set(kept.map((r) => r.key));
  const targets: Requests['targets'] = [];
  kept.forEach((r, i) => {
    const rowErr = (field: string, message: string) => errors.push({ where: r.key, field, message });
    if (!r.label.trim()) rowErr('label', t('err.label'));
    const status = r.comparator === 'done' || r.measure === 'status';
    const value = readNumber(r.value);
    const valueMax = readNumber(r.valueMax);
    const outOf = readNumber(r.outOf);
    if (!status && value === 'invalid') rowErr('value', t('err.notNumber'));
    if (r.comparator === 'range' && valueMax === 'invalid') rowErr('valueMax', t('err.notNumber'));
    if (r.measure === 'xOfY' && outOf === 'invalid') rowErr('outOf', t('err.notNumber'));
    const num = (v: number | null | 'invalid') => (v === 'invalid' ? null : v);
    if (!status && value === null) rowErr('value', t('err.valueRequired'));
    if (r.comparator === 'range') {
      if (valueMax === null) rowErr('valueMax', t('err.valueMaxRequired'));
      else if (num(value) !== null && num(valueMax)! < num(value)!) rowErr('valueMax', t('err.rangeOrder'));
    }
    if (r.measure === 'xOfY') {
      if (outOf === null) rowErr('outOf', t('err.outOfRequired'));
      else if (num(value) !== null && num(value)! > num(outOf)!) rowErr('value', t('err.xOverY'));
    }
    if (r.unit.length > 50) rowErr('unit', t('err.unitLong'));
    if (associations && r.assignee.trim() && !matchAssignee(r.assignee, associations)) rowErr('assigneeName', t('import.unknownAssignee'));
    const measure: Measure = status ? 'status' : r.measure;
    const parentKey = r.parentKey && keptKeys.has(r.parentKey) ? r.parentKey : null;
    targets.push({
      id: ids.get(r.key),
      parentId: parentKey ? (ids.get(parentKey) ?? null) : null,
      area: r.area,
      label: r.label.trim(),
      unit: status || !r.unit.trim() ? null : r.unit.trim(),
      comparator: status ? 'done' : r.comparator,
      value: status ? null : num(value),
      valueMax: !status && r.comparator === 'range' ? num(valueMax) : null,
      outOf: !status && r.measure === 'xOfY' ? num(outOf) : null,
      measure,
      aggregation: defaultAggregation(measure),
      assigneeName: r.assignee.trim() || null,
      source: r.line === null ? null : { line: r.line, text: r.sourceText ?? '' },
      position: i + 1,
    });
    // Linked targets (issue 10): "5 không, 3 sạch" and the like follow their register at once;
    // the plan screen shows the link on the row, where the office may remove it.
    const link = suggestLink(targets[targets.length - 1] as Pick<Target, 'label' | 'measure' | 'unit'>);
    if (link) targets[targets.length - 1]!.link = link;
  });

  const plan = {
    id: ids.get('plan'),
    number: p.number.trim(),
    issuedOn: p.issuedOn || null,
    year,
    title: p.title.trim(),
    theme: p.theme.trim(),
    rounds: p.rounds.map((r) => ({ name: r.name.trim(), from: r.from, to: r.to, reportDeadline: r.reportDeadline || null })),
    reporting: [...new Set(p.reporting)],
  };
  if (errors.length > 0) return { errors, requests: null };
  // Last guard: the very schemas the server checks with.
  const planCheck = z.safeParse(PlanCreate, plan);
  if (!planCheck.success) planErr(String(planCheck.error.issues[0]?.path[0] ?? 'title'), t('err.invalid'));
  targets.forEach((tg, i) => {
    const c = z.safeParse(TargetInput, tg);
    if (!c.success) errors.push({ where: kept[i]!.key, field: String(c.error.issues[0]?.path[0] ?? 'label'), message: t('err.invalid') });
  });
  return errors.length > 0 ? { errors, requests: null } : { errors, requests: { plan, targets } };
}

/** Splits targets in batches so parents go before (or with) their children, for the progress bar. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
