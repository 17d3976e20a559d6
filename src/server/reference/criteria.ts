/**
 * The NTM criteria sets shipped with the app, as data files in `reference/criteria/` with
 * their legal source: the 2021–2025 commune set (Quyết định 318/QĐ-TTg) and the 2026–2030 set
 * (Quyết định 51/2025/QĐ-TTg, thresholds by commune group). Criterion names are confirmed;
 * indicators and thresholds we could not check against a published text say `confirmed: false`
 * (the office shows "chưa đối chiếu văn bản"). Validated here, so a broken file fails at start
 * and in the tests. A commune adds its own village-level set through the API.
 */
import { CriteriaSet } from '../../shared/schemas/registers';
import { indicatorsOf } from '../../shared/ntm';
import ntmCommune2021 from '../../../reference/criteria/ntm-xa-2021-2025.json' with { type: 'json' };
import ntmCommune2026 from '../../../reference/criteria/ntm-xa-2026-2030.json' with { type: 'json' };

/** The problems of a set beyond its shape: codes that repeat (states are keyed by indicator code). */
export function criteriaSetProblems(set: CriteriaSet): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  set.criteria.forEach((c, ci) => {
    if (set.criteria.findIndex((o) => o.code === c.code) !== ci) problems.push({ path: `criteria.${ci}.code`, message: `tiêu chí ${c.code} lặp lại` });
    c.indicators.forEach((i, ii) => {
      if (seen.has(i.code)) problems.push({ path: `criteria.${ci}.indicators.${ii}.code`, message: `chỉ tiêu ${i.code} lặp lại` });
      seen.add(i.code);
    });
  });
  return problems;
}

function load(name: string, data: unknown): CriteriaSet {
  const parsed = CriteriaSet.safeParse(data);
  if (!parsed.success) throw new Error(`reference/criteria/${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const problems = criteriaSetProblems(parsed.data);
  if (problems.length > 0) throw new Error(`reference/criteria/${name}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return parsed.data;
}

export const SHIPPED_CRITERIA: readonly CriteriaSet[] = [
  load('ntm-xa-2021-2025.json', ntmCommune2021),
  load('ntm-xa-2026-2030.json', ntmCommune2026),
];

/** The 2021–2025 commune set, the one the demo and the sample plans use. */
export const NTM_XA_2021_2025 = SHIPPED_CRITERIA[0]!;

/** How many indicators a set has (for messages and tests). */
export const indicatorCount = (set: CriteriaSet): number => indicatorsOf(set).length;
