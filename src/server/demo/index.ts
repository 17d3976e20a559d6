/**
 * Everything the demo commune consists of, as plain data; `load.ts` writes it to a database.
 */
import { planPeriods } from '../../shared/periods';
import { DEMO_UNITS, DEMO_USERS, COMMUNE_ID, DEMO_PASSWORDS } from './commune';
import { demoPlan, DEMO_TARGETS, DEMO_ASSIGNMENTS } from './plan';
import { CHECKLIST_5K3S } from './registers';
import { NTM_XA_2021_2025 } from '../reference/criteria';

export { DEMO_PASSWORDS, COMMUNE_ID as DEMO_COMMUNE_ID };
export type { DemoUnit, DemoUser } from './commune';

export function buildDemo(year: number) {
  const plan = demoPlan(year);
  return {
    communeId: COMMUNE_ID,
    units: DEMO_UNITS,
    users: DEMO_USERS,
    plan,
    periods: planPeriods(plan),
    targets: DEMO_TARGETS,
    assignments: DEMO_ASSIGNMENTS,
    checklistSets: [CHECKLIST_5K3S],
    // The shipped 2021–2025 set (already in every migrated database; listed so an old database gets it too).
    criteriaSets: [NTM_XA_2021_2025],
  };
}
export type Demo = ReturnType<typeof buildDemo>;
