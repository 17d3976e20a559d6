/**
 * The route registry's list of areas: every /api route of the app comes from here, so the
 * OpenAPI document and the scope-matrix test see exactly what is mounted.
 * To add an area: export it from its module (`export default defineArea(...)`) and list it below.
 */
import { listRoutes, type RegisteredRoute, type RouteArea } from '../http/registry';
import { healthArea, openApiArea, readyArea } from './meta';
import { authArea, meArea, devicesArea } from './auth';
import { reportsArea } from './reports';
import { syncArea } from './sync';
import units from './units';
import users from './users';
import plans from './plans';
import targets from './targets';
import assignments from './assignments';
import setup from './setup';
import households from './households';
import { invitationsArea } from './invitations';
import planLifecycle from './plan-lifecycle';
import audit from './audit';
import unitLifecycle from './unit-lifecycle';
import progress from './progress';
import reportNotes from './report-notes';
import ntm from './ntm';

export const AREAS: readonly RouteArea[] = [
  healthArea,
  openApiArea,
  authArea,
  meArea,
  devicesArea,
  syncArea,
  reportsArea,
  // Office CRUD (office-API engineer's modules).
  setup,
  units,
  users,
  plans,
  targets,
  assignments,
  // Household registers (issue 10).
  households,
  // Integrity (issue 12): invitations for admins who set their own password.
  invitationsArea,
  // Operations (ops-install).
  readyArea,
  // The office, part 1 (issue 8).
  planLifecycle,
  audit,
  unitLifecycle,
  // Progress and exports (progress-server engineer).
  progress,
  // The A4 progress report's free text (progress-ui engineer).
  reportNotes,
  // The NTM criteria tracker (issue 10, ntm-tracker).
  ntm,
];

/** Every registered route with its full path and access rule. */
export function allRoutes(): RegisteredRoute[] {
  return listRoutes(AREAS);
}
