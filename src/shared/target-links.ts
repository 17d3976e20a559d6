/**
 * Linked targets (issue 10), the rules in one place for the server, the office and the phone:
 * which measures a link fits, which checklist version counts for a period, what the register
 * proposes for a report, when a report's figure overrides the register (then a note is
 * required), and the "28 / 32 hộ" figure shown beside a linked target. Counts only: nothing
 * here sees a household's name.
 */
import type { ErrorCode } from './errors';
import type { ChecklistSet } from './schemas/registers';
import type { ReportValue, RegisterProposal } from './schemas/reports';
import type { Measure, Target, TargetLink } from './schemas/targets';
import { foldVietnamese, type RegisterCount } from './registers';

/** The unit a register-linked quantity must count in. */
export const HOUSEHOLD_UNIT = 'hộ';

/**
 * Whether a link fits the target's measure: a register gives a number of households (quantity
 * in "hộ") or households meeting / all households (rate); a criteria set gives x of y.
 * Returns the refusal's code, or null when it fits.
 */
export function linkMeasureProblem(link: TargetLink, target: Pick<Target, 'measure' | 'unit'>): ErrorCode | null {
  if (link.kind === 'criteria') return target.measure === 'xOfY' ? null : 'link.criteria_measure';
  if (target.measure === 'rate') return null;
  if (target.measure === 'quantity' && (target.unit ?? '').trim().toLowerCase() === HOUSEHOLD_UNIT) return null;
  return 'link.register_measure';
}

/**
 * A register link against the checklists the commune may use (shipped and its own): the code
 * must exist, and the item, if named, must be in some version of it. Returns the refusal and
 * the field it concerns, or null.
 */
export function registerLinkProblem(
  link: Extract<TargetLink, { kind: 'register' }>, checklists: readonly Pick<ChecklistSet, 'code' | 'items'>[],
): { code: ErrorCode; field: 'checklistCode' | 'itemCode' } | null {
  const versions = checklists.filter((c) => c.code === link.checklistCode);
  if (versions.length === 0) return { code: 'link.unknown_checklist', field: 'checklistCode' };
  if (link.itemCode !== undefined && !versions.some((v) => v.items.some((i) => i.code === link.itemCode))) {
    return { code: 'link.unknown_item', field: 'itemCode' };
  }
  return null;
}

/**
 * The version of a checklist that counts for a period: the one in force on the period's first
 * day (households are ticked from the period's start, so a version that comes into force
 * mid-period governs from the next period), the latest to come into force; a commune's own
 * version before a shipped one of the same date. Ticks are stored per version and period, so
 * ticks made under an older version keep counting for the periods that version governs.
 */
export function checklistForPeriod<C extends Pick<ChecklistSet, 'code' | 'validFrom' | 'validTo' | 'communeId'>>(
  checklists: readonly C[], code: string, period: { from: string; to: string },
): C | null {
  const inForceOn = (day: string) => checklists.filter((c) => c.code === code && c.validFrom <= day && (c.validTo === null || c.validTo >= day));
  // None in force on the first day (the first version came later): the one in force on the last.
  const candidates = inForceOn(period.from).length > 0 ? inForceOn(period.from) : inForceOn(period.to);
  let best: C | null = null;
  for (const c of candidates) {
    if (!best || c.validFrom > best.validFrom || (c.validFrom === best.validFrom && !!c.communeId && !best.communeId)) best = c;
  }
  return best;
}

/** The figure the register proposes for a linked target, in the value's own shape. */
export function proposedFigure(measure: Measure, count: RegisterProposal): { value: number } | { numerator: number; denominator: number } {
  return measure === 'rate' ? { numerator: count.meeting, denominator: count.total } : { value: count.meeting };
}

/** The register count as it travels with a report value (assessed is the phone's business). */
export const proposalOf = (count: Pick<RegisterCount, 'meeting' | 'total'>): RegisterProposal => ({ meeting: count.meeting, total: count.total });

/** A value typed over what the register proposed (it carries the proposal, and differs from it). */
export function overridesRegister(value: ReportValue): boolean {
  if ('done' in value || !value.register) return false;
  if ('numerator' in value) return value.numerator !== value.register.meeting || value.denominator !== value.register.total;
  return value.value !== value.register.meeting;
}

export interface OverrideIssue {
  code: 'report.override_needs_note';
  /** Relative to the report, like the other value rules: the note is what is missing. */
  path: 'note';
  targetId: string;
}

/**
 * A report whose figure for a register-linked target differs from what the register proposed
 * must say why in its note ("3 hộ mới chưa vào sổ"). Only register-linked targets are judged:
 * a proposal sent for another target means nothing and is ignored.
 */
export function overrideIssue(
  values: readonly ReportValue[], targetsById: ReadonlyMap<string, { link?: TargetLink | null }>, note: string | null | undefined,
): OverrideIssue | null {
  if ((note ?? '').trim() !== '') return null;
  for (const v of values) {
    if (targetsById.get(v.targetId)?.link?.kind === 'register' && overridesRegister(v)) {
      return { code: 'report.override_needs_note', path: 'note', targetId: v.targetId };
    }
  }
  return null;
}

/** The households a reported value counts: a quantity's value, a rate's numerator; null for a status. */
export function reportedHouseholds(value: ReportValue | null | undefined): number | null {
  if (!value || 'done' in value) return null;
  return 'numerator' in value ? value.numerator : value.value;
}

/**
 * "28 / 32 hộ" beside a linked target: the unit's reported figure (households, or a rate's
 * numerator) over the register's households; before anything is reported, the register's own
 * count of households meeting it. Null when the unit keeps no register (no households).
 */
export function linkedCount(
  reported: number | null | undefined, count: Pick<RegisterCount, 'meeting' | 'total'> | null | undefined,
): { done: number; of: number; from: 'report' | 'register' } | null {
  if (!count || count.total === 0) return null;
  if (reported !== null && reported !== undefined) return { done: reported, of: count.total, from: 'report' };
  return { done: count.meeting, of: count.total, from: 'register' };
}

/** A unit's progress entry as far as "28 / 32 hộ" needs it (schemas/progress.ts UnitProgressEntry fits). */
export interface LinkedUnitFigure {
  achieved: number | null;
  /** Rates: the households counted (achieved is then a percent). */
  numerator?: number | null;
  register?: Pick<RegisterCount, 'meeting' | 'total'>;
}

/** "28 / 32 hộ" for one unit of the progress answer: its reported households over its register's. */
export function unitLinkedCount(u: LinkedUnitFigure): ReturnType<typeof linkedCount> {
  return linkedCount(u.numerator !== undefined ? u.numerator : u.achieved, u.register);
}

/**
 * The commune's "x / y hộ" for a register-linked target: over the units that keep a register,
 * the figures they reported (or their registers' counts where they have not) over all their
 * households. Null when no unit keeps one.
 */
export function targetLinkedCount(units: readonly LinkedUnitFigure[]): ReturnType<typeof linkedCount> {
  let done = 0;
  let of = 0;
  let reported = false;
  for (const u of units) {
    const c = unitLinkedCount(u);
    if (!c) continue;
    done += c.done;
    of += c.of;
    reported ||= c.from === 'report';
  }
  return of === 0 ? null : { done, of, from: reported ? 'report' : 'register' };
}

/**
 * What an imported target obviously follows, from its words: "5 không, 3 sạch" → the 5k3s
 * register, "gia đình văn hóa" → that register, "đạt 13/19 tiêu chí nông thôn mới" → the
 * 2021–2025 NTM commune set. Only a suggestion (the office sees it on the row and may remove
 * it), and only when the target's measure fits the link.
 */
export function suggestLink(t: Pick<Target, 'label' | 'measure' | 'unit'>): TargetLink | null {
  const words = foldVietnamese(t.label).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ');
  const candidates: TargetLink[] = [];
  if (/\b5 khong 3 sach\b|\bnam khong ba sach\b/.test(words)) candidates.push({ kind: 'register', checklistCode: '5k3s' });
  if (/\bgia dinh van hoa\b/.test(words)) candidates.push({ kind: 'register', checklistCode: 'gia-dinh-van-hoa' });
  // A village's set ("làng đạt 15/19") is not the commune's: "thôn" inside "nông thôn mới" does not count.
  const village = /\blang\b|\bthon\b/.test(words.replace(/nong thon moi/g, ''));
  if (/\btieu chi\b/.test(words) && /\bnong thon moi\b|\bntm\b/.test(words) && !village) {
    candidates.push({ kind: 'criteria', criteriaSetCode: 'ntm-xa-2021-2025' });
  }
  return candidates.find((link) => linkMeasureProblem(link, t) === null) ?? null;
}
