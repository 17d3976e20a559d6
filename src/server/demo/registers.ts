/**
 * Versioned reference sets the demo loads: the Women's Union "5 không, 3 sạch" household
 * checklist. The demo assesses households against the shipped, checked 2014 text
 * (reference/checklists/5k3s-2014.json), not a copy of its own, so the demo and a real commune
 * use the same version. The NTM criteria sets are shipped files too (reference/criteria/,
 * loaded by server/reference/criteria.ts), not demo data.
 */
import type { ChecklistSet } from '../../shared/schemas/registers';
import { SHIPPED_CHECKLISTS } from '../reference/checklists';

export const CHECKLIST_5K3S: ChecklistSet = SHIPPED_CHECKLISTS.find((s) => s.code === '5k3s' && s.version === '2014')!;
