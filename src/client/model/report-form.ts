/**
 * What a period's form opens with: its targets (with breakdown children and last period's
 * values for the plausibility check) and the starting text of every field — the draft if one
 * exists, else the report waiting in the outbox, else the latest report (a returned one opens
 * pre-filled so the user corrects it and the new report supersedes it).
 */
import type { Period, Plan, Target } from '../../shared/schemas';
import type { Draft, OutboxError } from '../data/db';
import { fieldsFromValues, type FormTarget } from '../form/reading';
import { latestReport, previousValue, reportStatus, returnReason, unitTargets, depthOf, type UnitData } from './unit-work';

export interface FormStart {
  period: Period;
  plan: Plan;
  items: FormTarget[];
  depth: Record<string, number>;
  assigned: Record<string, number | null>;
  fields: Record<string, string>;
  note: string;
  /** The report the new one replaces (returned, or earlier in this period), if any. */
  supersedes: string | null;
  /** Why the office returned the report being corrected. */
  returnedReason: string | null;
  /** The server's refusal of the pending copy, if it refused it. */
  rejected: OutboxError | null;
  /** A report for this period still waits in the outbox. */
  pending: boolean;
  fromDraft: boolean;
}

export function prepareForm(data: UnitData, periodId: string, draft: Draft | undefined): FormStart | null {
  const period = data.periods.find((p) => p.id === periodId);
  const plan = period && data.plans.find((p) => p.id === period.planId);
  if (!period || !plan) return null;
  const targets = unitTargets(data, plan.id);
  const childrenOf = (t: Target) => targets.filter((c) => c.parentId === t.id).map((c) => c.id);
  const items: FormTarget[] = targets.map((target) => ({
    target,
    childIds: childrenOf(target),
    previous: previousValue(data, period, target.id),
  }));
  const computed = new Set(items.filter((i) => i.childIds.length > 0).map((i) => i.target.id));
  const depth = Object.fromEntries(targets.map((t) => [t.id, depthOf(t, targets)]));
  const assigned = Object.fromEntries(
    targets.map((t) => [t.id, data.assignments.find((a) => a.unitId === data.unitId && a.targetId === t.id)?.share ?? t.value]),
  );

  const status = reportStatus(data, periodId);
  const latest = latestReport(data.reports, data.unitId, periodId);
  const base = {
    period, plan, items, depth, assigned,
    rejected: status.kind === 'rejected' ? status.item.lastError : null,
    pending: status.kind === 'queued' || status.kind === 'rejected',
    returnedReason: latest?.state === 'returned' ? returnReason(data.reviews, latest.id) ?? '' : null,
  };
  if (draft) {
    return { ...base, fields: draft.fields, note: draft.note, supersedes: draft.supersedes, fromDraft: true };
  }
  if (status.kind === 'queued' || status.kind === 'rejected') {
    const report = status.item.report;
    return { ...base, fields: fieldsFromValues(report.values, computed), note: report.note ?? '', supersedes: report.supersedes ?? null, fromDraft: false };
  }
  if (latest) {
    return { ...base, fields: fieldsFromValues(latest.values, computed), note: latest.note ?? '', supersedes: latest.id, fromDraft: false };
  }
  return { ...base, fields: {}, note: '', supersedes: null, fromDraft: false };
}
