/**
 * Finds the association a plan names ("Hội LHPN", "Ủy ban MTTQ", "Đoàn Thanh niên") among the
 * commune's units. Plans abbreviate and drop accents freely, so names are compared folded
 * (no case, no diacritics), with the usual abbreviations spelled out, and word by word.
 */
import { fold } from '../../shared/plan-import/lines';

const ABBREVIATIONS: [RegExp, string][] = [
  [/\blhpn\b/g, 'lien hiep phu nu'],
  [/\bccb\b/g, 'cuu chien binh'],
  [/\bhnd\b/g, 'hoi nong dan'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bub\b/g, 'uy ban'],
  [/\bubmttq\b/g, 'uy ban mat tran to quoc'],
  [/\bdtn\b/g, 'doan thanh nien'],
  [/\bnct\b/g, 'nguoi cao tuoi'],
];
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
