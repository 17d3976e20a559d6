/**
 * What the register screen shows, as pure functions over the register: the filter (name
 * without diacritics, hamlet, verdict for a checklist and period, a missing item), the count
 * line, and how a stored value reads. The rules themselves are the shared ones
 * (meetsChecklist, registerCount, matchesName), so the office counts as the phone does.
 */
import type { Assessment, ChecklistSet, Household } from '../../../shared/schemas/registers';
import { matchesName, meetsChecklist, registerCount } from '../../../shared/registers';

export type Verdict = 'all' | 'meets' | 'fails' | 'unassessed';
export interface RegisterFilter {
  query: string;
  hamlet: string;
  verdict: Verdict;
  /** An item code: households where it does not hold (false, or not yet looked at). */
  missing: string;
  showGone: boolean;
}

export const assessmentOf = (assessments: readonly Assessment[], householdId: string, checklistId: string, periodId: string) =>
  assessments.find((a) => a.householdId === householdId && a.checklistId === checklistId && a.periodId === periodId);

export function filterRegister(
  households: readonly Household[], assessments: readonly Assessment[], checklist: ChecklistSet | null, periodId: string, f: RegisterFilter,
): Household[] {
  const collator = new Intl.Collator('vi');
  return households.filter((h) => {
    if (!f.showGone && h.status !== 'active') return false;
    if (f.query.trim() && !matchesName(h.headName, f.query)) return false;
    if (f.hamlet && (h.hamlet ?? '') !== f.hamlet) return false;
    if (!checklist) return true;
    const items = assessmentOf(assessments, h.id, checklist.id, periodId)?.items;
    const verdict = meetsChecklist(checklist, items);
    if (f.verdict === 'meets' && verdict !== true) return false;
    if (f.verdict === 'fails' && verdict !== false) return false;
    if (f.verdict === 'unassessed' && verdict !== null) return false;
    if (f.missing && items?.[f.missing] === true) return false;
    return true;
  }).sort((a, b) => collator.compare(a.hamlet ?? '', b.hamlet ?? '') || collator.compare(a.headName, b.headName));
}

/** "64 hộ · 41 đạt 5 không 3 sạch · 12 chưa rà": the numbers for the count line. */
export function countLine(households: readonly Household[], assessments: readonly Assessment[], checklist: ChecklistSet | null, periodId: string) {
  if (!checklist) return { total: households.filter((h) => h.status === 'active').length, meeting: 0, unassessed: 0 };
  const c = registerCount(households, assessments, checklist, periodId);
  return { total: c.total, meeting: c.meeting, unassessed: c.total - c.assessed };
}

export const hamletsOf = (households: readonly Household[]) =>
  [...new Set(households.map((h) => h.hamlet ?? '').filter(Boolean))].sort(new Intl.Collator('vi').compare);
