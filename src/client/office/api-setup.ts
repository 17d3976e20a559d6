/**
 * The calls of the commune-setup screens (units, people and phones, the audit trail), over the
 * office's one `call` (issue 8's office API: hand-over, printed cards, closing a unit, audit).
 */
import type { Unit } from '../../shared/schemas/units';
import type { Role } from '../../shared/schemas/users';
import type { AdminUser, UnitCreate, UnitPatch, UserCreate, UserPatch } from '../../shared/schemas/office';
import { call } from './api';

export type { AdminUser };

/** A unit as the units list carries it; `closedAt` once the server knows about closing. */
export type OfficeUnit = Unit & { closedAt?: string | null };

export interface DeviceEntry {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastSyncAt: string | null;
  appVersion: string | null;
  revokedAt: string | null;
}

export interface EnrollmentGrant {
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
}

export interface EnrollmentCard extends EnrollmentGrant {
  userId: string;
  name: string;
  unitName: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** Vietnam calendar days yyyy-mm-dd, both included. */
  from?: string;
  to?: string;
  /** The `next` of the previous page. */
  before?: string;
}

const enc = encodeURIComponent;

// ——— units

export async function listOfficeUnits(): Promise<OfficeUnit[]> {
  return (await call<{ units: OfficeUnit[] }>('/api/units')).units;
}

export function createUnit(body: UnitCreate): Promise<OfficeUnit> {
  return call('/api/units', { method: 'POST', json: body });
}

export function renameUnit(id: string, patch: UnitPatch): Promise<OfficeUnit> {
  return call(`/api/units/${enc(id)}`, { method: 'PATCH', json: patch });
}

export function replaceUnit(id: string, successor: string, on?: string): Promise<OfficeUnit> {
  return call(`/api/units/${enc(id)}/replace`, { method: 'POST', json: on ? { successor, on } : { successor } });
}

/**
 * Closes a unit. Without `shares` the server refuses (409 `unit.has_shares`, `details.shares`)
 * when the unit still carries shares, and the screen asks what becomes of them.
 */
export async function closeUnit(id: string, choice?: { shares: 'drop' | 'move'; toUnitId?: string }): Promise<OfficeUnit> {
  return (await call<{ unit: OfficeUnit }>(`/api/units/${enc(id)}/close`, { method: 'POST', json: choice ?? {} })).unit;
}

// ——— people

export async function listUsers(): Promise<AdminUser[]> {
  return (await call<{ users: AdminUser[] }>('/api/users')).users;
}

export function createUser(body: UserCreate): Promise<AdminUser> {
  return call('/api/users', { method: 'POST', json: body });
}

export function updateUser(id: string, patch: UserPatch): Promise<AdminUser> {
  return call(`/api/users/${enc(id)}`, { method: 'PATCH', json: patch });
}

export function issueCode(userId: string): Promise<EnrollmentGrant> {
  return call(`/api/users/${enc(userId)}/enrollment-codes`, { method: 'POST', json: {} });
}

/** The reporting role that goes with a unit's kind. */
export function fieldRoleFor(kind: Unit['kind']): Role {
  return kind === 'association' ? 'association' : 'village';
}

/**
 * "Đổi người phụ trách": the unit's field users are deactivated (their phones revoked), a new
 * head is made and given a code, in one step on the server.
 */
export function handOver(unit: Unit, head: { name: string; phone?: string }): Promise<{ user: AdminUser; previousUserIds: string[]; enrollment: EnrollmentGrant }> {
  return call(`/api/units/${enc(unit.id)}/hand-over`, { method: 'POST', json: { name: head.name, ...(head.phone ? { phone: head.phone } : {}) } });
}

/** Fresh codes for the cards to print; the server cancels each person's unused earlier codes. */
export async function enrollmentCards(users: AdminUser[]): Promise<EnrollmentCard[]> {
  return (await call<{ cards: EnrollmentCard[] }>('/api/enrollment-cards', { method: 'POST', json: { userIds: users.map((u) => u.id) } })).cards;
}

// ——— phones

/** Every phone of the commune (one request for the whole screen; grouped by user on screen). */
export async function listDevices(): Promise<DeviceEntry[]> {
  return (await call<{ devices: DeviceEntry[] }>('/api/devices')).devices;
}

export function revokeDevice(id: string): Promise<{ id: string; revokedAt: string }> {
  return call(`/api/devices/${enc(id)}/revoke`, { method: 'POST', json: {} });
}

// ——— audit

/** Vietnam's midnight starting the day `yyyy-mm-dd` (plus `days`), as the instant the trail compares with. */
export function vietnamMidnight(day: string, days = 0): string {
  const at = new Date(`${day}T00:00:00+07:00`);
  return new Date(at.getTime() + days * 86_400_000).toISOString();
}

/** Days are Vietnam's calendar days, both included: the server's `to` is exclusive, so it gets the next midnight. */
export function listAudit(filter: AuditFilter): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (!value) continue;
    if (key === 'from') qs.set(key, vietnamMidnight(value));
    else if (key === 'to') qs.set(key, vietnamMidnight(value, 1));
    else qs.set(key, value);
  }
  return call(`/api/audit?${qs}`);
}
