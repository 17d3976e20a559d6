/**
 * The commune's associations (hội, đoàn thể) as plans and offices write them: the usual
 * abbreviations, once, for everything that matches a written name to a unit (the server's
 * assignee matching, the plan importer's check in test/unit/assignees.test.ts). Plans
 * abbreviate and drop accents freely, so names are compared folded (no case, no diacritics),
 * with the abbreviations spelled out, word by word.
 */
import { fold } from './plan-import/lines';

/** Folded abbreviation → folded full words. Longer abbreviations first ("ubmttq" before "ub"). */
export const ASSOCIATION_ABBREVIATIONS: readonly (readonly [short: string, full: string])[] = [
  ['ubmttq', 'uy ban mat tran to quoc'],
  ['lhpn', 'lien hiep phu nu'],
  ['ccb', 'cuu chien binh'],
  ['hnd', 'hoi nong dan'],
  ['mttq', 'mat tran to quoc'],
  ['ub', 'uy ban'],
  ['dtn', 'doan thanh nien'],
  ['nct', 'nguoi cao tuoi'],
  ['tnxp', 'thanh nien xung phong'],
  ['ctd', 'chu thap do'],
  ['ldld', 'lien doan lao dong'],
  ['bchqs', 'ban chi huy quan su'],
];

const ABBREVIATIONS: [RegExp, string][] = ASSOCIATION_ABBREVIATIONS.map(([short, full]) => [new RegExp(`\\b${short}\\b`, 'g'), full]);
// Words that say nothing about which association it is.
const NOISE = new Set(['xa', 'viet', 'nam', 'cua', 'ho', 'chi', 'minh', 'tncs', 'cong', 'san']);

export function nameWords(name: string): string[] {
  let s = fold(name).replace(/[^a-z0-9\s]/g, ' ');
  for (const [re, full] of ABBREVIATIONS) s = s.replace(re, full);
  return s.split(/\s+/).filter((w) => w && !NOISE.has(w));
}

/**
 * The one unit whose name holds every word of the given name (or the reverse); null when
 * none or more than one does, so a guess never lands on the wrong association.
 */
export function matchAssignee<U extends { id: string; name: string }>(name: string, units: readonly U[]): U | null {
  const wanted = nameWords(name);
  if (wanted.length === 0) return null;
  const exact = units.filter((u) => nameWords(u.name).join(' ') === wanted.join(' '));
  if (exact.length === 1) return exact[0]!;
  const covers = (a: string[], b: string[]) => b.every((w) => a.includes(w));
  const found = units.filter((u) => {
    const words = nameWords(u.name);
    return covers(words, wanted) || covers(wanted, words);
  });
  return found.length === 1 ? found[0]! : null;
}
