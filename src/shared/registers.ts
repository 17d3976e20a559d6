/**
 * The rules of household registers, shared by the phone, the office and the server: when a
 * household meets a checklist, how a unit's register is counted for a period, how a change is
 * keyed (changes to one field or one checklist item are ordered and disputed together), and how
 * names are folded for search ("nguyen van" finds "Nguyễn Văn", "d" finds "đ").
 */
import type { Assessment, ChecklistSet, Household, HouseholdChange } from './schemas/registers';

/** The key under which changes to one field or one checklist item are ordered and disputed. */
export function changeKey(c: Pick<HouseholdChange, 'kind' | 'field' | 'checklistId' | 'periodId' | 'itemId'>): string {
  switch (c.kind) {
    case 'field':
      return `field:${c.field}`;
    case 'item':
      return itemKey(c.checklistId ?? '', c.periodId ?? '', c.itemId ?? '');
    case 'move':
    case 'merge':
      return 'field:status';
    case 'create':
      return 'create';
  }
}

export const itemKey = (checklistId: string, periodId: string, itemId: string): string => `item:${checklistId}:${periodId}:${itemId}`;

/**
 * The parts of an item key. Period ids may hold colons (`<plan>:q4`); item codes never do
 * (a-z, 0-9, -), and checklist ids are uuids or shipped slugs, so the checklist is the first
 * part, the item the last, and the period everything between.
 */
export function parseItemKey(key: string): { checklistId: string; periodId: string; itemId: string } | null {
  const parts = key.split(':');
  if (parts[0] !== 'item' || parts.length < 4) return null;
  return { checklistId: parts[1]!, periodId: parts.slice(2, -1).join(':'), itemId: parts[parts.length - 1]! };
}

/** A household meets a checklist when every item holds; null while any item is not yet looked at. */
export function meetsChecklist(checklist: Pick<ChecklistSet, 'items'>, items: Assessment['items'] | undefined): boolean | null {
  if (!items) return null;
  let unknown = false;
  for (const item of checklist.items) {
    const v = items[item.code];
    if (v === false) return false;
    if (v !== true) unknown = true;
  }
  return unknown ? null : true;
}

export interface RegisterCount {
  /** Households still in the register (not moved away, not merged). */
  total: number;
  /** Of those, assessed on every item (or on the one item asked about). */
  assessed: number;
  /** Of those, meeting the checklist (or holding the one item). */
  meeting: number;
}

/**
 * A unit's register against a checklist for one period: "28 / 32 hộ". With `itemCode`, the
 * households holding that one item (e.g. hygienic toilet) instead of the whole checklist.
 */
export function registerCount(
  households: readonly Pick<Household, 'id' | 'status'>[],
  assessments: readonly Pick<Assessment, 'householdId' | 'checklistId' | 'periodId' | 'items'>[],
  checklist: Pick<ChecklistSet, 'id' | 'items'>,
  periodId: string,
  itemCode?: string,
): RegisterCount {
  const byHousehold = new Map<string, Assessment['items']>();
  for (const a of assessments) if (a.checklistId === checklist.id && a.periodId === periodId) byHousehold.set(a.householdId, a.items);
  const count: RegisterCount = { total: 0, assessed: 0, meeting: 0 };
  for (const h of households) {
    if (h.status !== 'active') continue;
    count.total++;
    const items = byHousehold.get(h.id);
    const verdict = itemCode === undefined ? meetsChecklist(checklist, items) : (items?.[itemCode] ?? null);
    if (verdict === null) continue;
    count.assessed++;
    if (verdict) count.meeting++;
  }
  return count;
}

/** Lower case without diacritics, đ as d: the form names are compared and searched in. */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Every word of the query starts a word of the name, in any order: "van ng" finds "Nguyễn Văn A". */
export function matchesName(name: string, query: string): boolean {
  const words = foldVietnamese(name).split(' ');
  return foldVietnamese(query).split(' ').filter(Boolean).every((q) => words.some((w) => w.startsWith(q)));
}
