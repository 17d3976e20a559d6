/**
 * Who may see and change what. The authenticated principal lives on the Hono context; every
 * scope decision in the server goes through these helpers so the rules exist once:
 * field users (village, association) act for their own unit only; office/admin for their
 * commune; the hosting operator sees every commune's structure but never household names.
 */
import type { Role } from '../../shared/schemas/users';
import { FIELD_ROLES, OFFICE_ROLES } from '../../shared/schemas/users';

export interface Principal {
  userId: string;
  name: string;
  role: Role;
  unitId: string | null;
  communeId: string | null;
  /** Set when the request came with a device token. */
  deviceId: string | null;
}

/** A unit as scope checks need it. */
export interface ScopedUnit {
  id: string;
  communeId: string | null;
  kind: string;
}

export function isFieldUser(p: Principal): boolean {
  return FIELD_ROLES.includes(p.role);
}

export function isOfficeUser(p: Principal): boolean {
  return OFFICE_ROLES.includes(p.role);
}

export function isOperator(p: Principal): boolean {
  return p.role === 'operator';
}

/** Office staff or admin of exactly this commune. */
export function isOfficeOf(p: Principal, communeId: string | null): boolean {
  return isOfficeUser(p) && communeId !== null && p.communeId === communeId;
}

/** May see anything (but households) of this commune's structure: units, plans, targets. */
export function canReadCommune(p: Principal, communeId: string | null): boolean {
  if (isOperator(p)) return true;
  return communeId !== null && p.communeId === communeId;
}

const REPORTING_KINDS = new Set(['village', 'association']);

/** May file a report for this unit: field users for their own unit; office for any reporting
 * unit of their commune (importing a phone's exported file, "Nhập thay"), and for the commune
 * unit itself (its commune-only targets). */
export function canReportFor(p: Principal, unit: ScopedUnit): boolean {
  if (unit.kind === 'commune') return isOfficeOf(p, unit.communeId) && unit.id === unit.communeId;
  if (!REPORTING_KINDS.has(unit.kind)) return false;
  if (isFieldUser(p)) return p.unitId === unit.id;
  return isOfficeOf(p, unit.communeId);
}

/** May approve or return reports of this commune. */
export function canReview(p: Principal, communeId: string): boolean {
  return isOfficeOf(p, communeId);
}
