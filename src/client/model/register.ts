/**
 * The household register's screen logic, pure: which households a search and the filters
 * show, the count line, the walk's running count and its "next not yet assessed", and which
 * checklist and period the register opens on. The rules themselves (when a household meets a
 * checklist, how a register is counted, how names are folded) are shared/registers.ts's.
 */
import { checklistForPeriod } from '../../shared/target-links';
import type { Assessment, ChecklistSet, Household, Period } from '../../shared/schemas';
import { foldVietnamese, meetsChecklist, registerCount, type RegisterCount } from '../../shared/registers';

export type VerdictFilter = 'all' | 'meets' | 'fails' | 'unassessed';
export type StatusFilter = 'active' | 'gone';

export interface RegisterFilter {
  query: string;
  /** null: every hamlet. */
  hamlet: string | null;
  verdict: VerdictFilter;
  /** Only households where this item does not hold (false) — "thiếu nhà vệ sinh". */
  missingItem: string | null;
  /** Active households, or those moved away or merged (kept, never deleted). */
  status: StatusFilter;
}

export const NO_FILTER: RegisterFilter = { query: '', hamlet: null, verdict: 'all', missingItem: null, status: 'active' };

/** One row of the list, with what the filters and the row need computed once. */
export interface RegisterRow {
  household: Household;
  /** Folded words of the head's name, for the search. */
  words: string[];
  items: Assessment['items'] | undefined;
  verdict: boolean | null;
}

const collator = new Intl.Collator('vi');

/**
 * The register prepared for filtering: sorted by hamlet then name (Vietnamese order), names
 * folded once, each household's ticks for the chosen checklist and period looked up once.
 * Built when the data changes, so a keystroke in the search only filters (2,000 rows).
 */
export function prepareRows(
  households: readonly Household[], assessments: readonly Assessment[], checklist: ChecklistSet | undefined, periodId: string | null,
): RegisterRow[] {
  const items = new Map<string, Assessment['items']>();
  if (checklist && periodId) for (const a of assessments) if (a.checklistId === checklist.id && a.periodId === periodId) items.set(a.householdId, a.items);
  return [...households]
    .sort((a, b) => collator.compare(a.hamlet ?? '', b.hamlet ?? '') || collator.compare(a.headName, b.headName) || (a.id < b.id ? -1 : 1))
    .map((household) => {
      const its = items.get(household.id);
      return { household, words: foldVietnamese(household.headName).split(' '), items: its, verdict: checklist ? meetsChecklist(checklist, its) : null };
    });
}

/** Every word of the query starts a word of the name, any order (shared matchesName, on folded rows). */
function matches(row: RegisterRow, queryWords: readonly string[]): boolean {
  return queryWords.every((q) => row.words.some((w) => w.startsWith(q)));
}

export function filterRows(rows: readonly RegisterRow[], f: RegisterFilter): RegisterRow[] {
  const queryWords = foldVietnamese(f.query).split(' ').filter(Boolean);
  return rows.filter((row) => {
    const h = row.household;
    if (f.status === 'active' ? h.status !== 'active' : h.status === 'active') return false;
    if (f.hamlet !== null && (h.hamlet ?? '') !== f.hamlet) return false;
    if (f.verdict === 'meets' && row.verdict !== true) return false;
    if (f.verdict === 'fails' && row.verdict !== false) return false;
    if (f.verdict === 'unassessed' && row.verdict !== null) return false;
    if (f.missingItem !== null && row.items?.[f.missingItem] !== false) return false;
    return queryWords.length === 0 || matches(row, queryWords);
  });
}

/** The hamlets present in the register, in Vietnamese order ('' for households without one). */
export function hamletsOf(households: readonly Household[]): string[] {
  return [...new Set(households.map((h) => h.hamlet ?? ''))].sort(collator.compare);
}

/** The register's count for the walk and the list: "Đã rà 17/64 hộ, 12 đạt". */
export function runningCount(rows: readonly RegisterRow[], checklist: ChecklistSet, periodId: string): RegisterCount {
  const assessments = rows.filter((r) => r.items).map((r) => ({ householdId: r.household.id, checklistId: checklist.id, periodId, items: r.items! }));
  return registerCount(rows.map((r) => r.household), assessments, checklist, periodId);
}

/**
 * The next household (after `from`, going round) still to assess: one whose verdict is not
 * known yet. -1 when every household in `rows` has one.
 */
export function nextUnassessed(rows: readonly RegisterRow[], from: number): number {
  for (let step = 1; step <= rows.length; step++) {
    const i = (from + step) % rows.length;
    if (rows[i]!.verdict === null) return i;
  }
  return -1;
}

/**
 * The checklists to assess against for a period: of each checklist (code), the version that
 * governs the period by the one shared rule (`checklistForPeriod`, which the counts on the phone
 * and in the office use too, so a tick lands where it is counted); a checklist with no version
 * in force for the period offers its newest one.
 */
export function usableChecklists(sets: readonly ChecklistSet[], period: { from: string; to: string }): ChecklistSet[] {
  const byCode = new Map<string, ChecklistSet[]>();
  for (const s of sets) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
  const chosen = [...byCode].map(([code, versions]) =>
    checklistForPeriod(versions, code, period) ?? [...versions].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]!);
  return chosen.sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The period a register is assessed for by default: the year period that holds today (a
 * household's checklist is judged once a year), else the longest period holding today, else
 * the latest that has begun, else the first.
 */
export function defaultPeriod(periods: readonly Period[], today: string): Period | undefined {
  const holding = periods.filter((p) => p.from <= today && today <= p.to);
  const span = (p: Period) => Date.parse(p.to) - Date.parse(p.from);
  const year = holding.find((p) => p.kind === 'year');
  if (year) return year;
  if (holding.length) return [...holding].sort((a, b) => span(b) - span(a))[0];
  const begun = periods.filter((p) => p.from <= today).sort((a, b) => (a.from < b.from ? 1 : -1));
  return begun[0] ?? periods[0];
}
