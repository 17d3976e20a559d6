/**
 * Reads the village-level criteria set the office types from the province's decision, one
 * item a line: "1 Giao thông" is criterion 1; "1.1 Đường trục thôn được cứng hóa" is an
 * indicator of the criterion above it. A criterion typed without indicators gets one of the
 * same name (a criterion is met when its indicators are, so it needs at least one).
 */
import type { Criterion } from '../../../shared/schemas/registers';

const CRITERION = /^(\d{1,2})[.)]?\s+(.+)$/;
const INDICATOR = /^(\d{1,2}\.\d{1,2}[a-z]?)[.)]?\s+(.+)$/;

export function parseVillageCriteria(text: string): { criteria: Criterion[]; bad: string[] } {
  const criteria: Criterion[] = [];
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const ind = INDICATOR.exec(line);
    if (ind) {
      const last = criteria.at(-1);
      if (!last || !ind[1]!.startsWith(`${last.code}.`)) bad.push(line);
      else last.indicators.push({ code: ind[1]!, name: ind[2]!.trim(), confirmed: false });
      continue;
    }
    const cri = CRITERION.exec(line);
    if (cri) criteria.push({ code: cri[1]!, name: cri[2]!.trim(), indicators: [], confirmed: false });
    else bad.push(line);
  }
  for (const c of criteria) if (c.indicators.length === 0) c.indicators.push({ code: c.code, name: c.name, confirmed: false });
  return { criteria, bad };
}
