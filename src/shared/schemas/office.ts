import * as z from 'zod/mini';
import { Id, CalendarDate, FiniteNumber } from './common';
import { UnitKind } from './units';
import { Role, PublicUser } from './users';
import { Round, Rhythm, PlanStatus } from './plans';
import { Target } from './targets';

/**
 * Request bodies of the office API (units, users, plans, targets, assignments, first-run
 * setup). Everything the office screens send is checked against these, on the server and —
 * before sending — in the office app.
 */

export const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
/** Usernames people type at a desk: lowercase letters, digits, `.`, `-`, `_`. */
export const Username = z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,50}$/));
/** At least 8 characters: long enough against guessing, short enough to read out on the phone. */
export const Password = z.string().check(z.minLength(8), z.maxLength(200));

export const NewAccount = z.object({ username: Username, name: Name, password: Password });
export type NewAccount = z.infer<typeof NewAccount>;

/** Units an office creates inside its commune (communes come from the operator or setup). */
export const CommuneUnitKind = z.enum(['village', 'association', 'office']);

export const UnitCreate = z.object({
  id: z.optional(Id),
  /** Defaults to the commune; may be another unit of the same commune. */
  parentId: z.optional(z.nullable(Id)),
  kind: CommuneUnitKind,
  name: Name,
});
export type UnitCreate = z.infer<typeof UnitCreate>;

export const UnitPatch = z.object({
  name: z.optional(Name),
  parentId: z.optional(Id),
  kind: z.optional(CommuneUnitKind),
});
export type UnitPatch = z.infer<typeof UnitPatch>;

export const UnitReplace = z.object({ successor: Id, on: z.optional(CalendarDate) });

/**
 * The admin of a new commune, as the hosting operator names them: no password (strict, so a
 * password sent anyway is refused, not silently dropped). They set their own through the
 * invitation the answer carries.
 */
export const CommuneAdmin = z.strictObject({ username: Username, name: Name });
export type CommuneAdmin = z.infer<typeof CommuneAdmin>;

export const CommuneCreate = z.object({
  id: z.optional(Id),
  name: Name,
  /** A province or district above the commune, if the operator keeps them. */
  parentId: z.optional(z.nullable(Id)),
  admin: CommuneAdmin,
});
export type CommuneCreate = z.infer<typeof CommuneCreate>;

export const UserCreate = z.object({
  id: z.optional(Id),
  /** Needed to log in with a password (office, admin); field users may enroll with a code only. */
  username: z.optional(z.nullable(Username)),
  name: Name,
  role: Role,
  unitId: z.optional(z.nullable(Id)),
  password: z.optional(Password),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z.object({
  name: z.optional(Name),
  role: z.optional(Role),
  unitId: z.optional(z.nullable(Id)),
  active: z.optional(z.boolean()),
  /** A new password set by an admin (reset). */
  password: z.optional(Password),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const AdminUser = z.extend(PublicUser, {
  username: z.nullable(z.string()),
  communeId: z.nullable(Id),
  active: z.boolean(),
  hasPassword: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const Device = z.object({
  id: Id,
  userId: Id,
  userName: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.nullable(z.string()),
  /** The last sync this phone made, and the app version it sent then (`x-app-version`). */
  lastSyncAt: z.nullable(z.string()),
  appVersion: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});
export type Device = z.infer<typeof Device>;

const PlanFields = {
  number: z.string().check(z.trim(), z.maxLength(100)),
  issuedOn: z.nullable(CalendarDate),
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  issuer: z.optional(z.string().check(z.maxLength(300))),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
  theme: z.string().check(z.maxLength(1000)),
  rounds: z.array(Round).check(z.maxLength(12)),
  reporting: z.array(Rhythm).check(z.maxLength(3)),
  status: z.optional(PlanStatus),
  /** Days after a deadline a report still counts as on time. */
  graceDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(365))),
};
export const PlanCreate = z.object({ id: z.optional(Id), ...PlanFields });
export type PlanCreate = z.infer<typeof PlanCreate>;
export const PlanPatch = z.partial(z.object(PlanFields));
export type PlanPatch = z.infer<typeof PlanPatch>;

// The stored target's own field rules (targets.ts), so a limit changed there holds here too.
const T = Target.shape;
const TargetFields = {
  parentId: T.parentId,
  area: T.area,
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
  unit: T.unit,
  comparator: T.comparator,
  value: T.value,
  valueMax: T.valueMax,
  outOf: T.outOf,
  measure: T.measure,
  /** Defaults by measure: sum, weighted rate, count. */
  aggregation: z.optional(T.aggregation),
  assigneeUnitId: z.optional(T.assigneeUnitId),
  /** The association as the plan names it ("Hội LHPN"); matched without case or accents. */
  assigneeName: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  source: z.optional(T.source),
  position: z.optional(T.position),
  /** "Số nguyên"; defaults by unit of measure (shared/target-flags.ts). */
  wholeNumber: z.optional(z.boolean()),
  /** "Xã tự báo cáo": no unit reports it; the office does, as the commune's own report. */
  communeOnly: z.optional(z.boolean()),
  /** A register or criteria set the figure follows (issue 10); null removes it. */
  link: z.optional(T.link),
};
export const TargetInput = z.object({ id: z.optional(Id), ...TargetFields });
export type TargetInput = z.infer<typeof TargetInput>;
export const MAX_TARGETS_PER_BATCH = 1000;
export const TargetsBatch = z.object({ targets: z.array(TargetInput).check(z.minLength(1), z.maxLength(MAX_TARGETS_PER_BATCH)) });
export const TargetPatch = z.partial(z.object(TargetFields));
export type TargetPatch = z.infer<typeof TargetPatch>;

export const AssignmentsPut = z.object({
  assignments: z.array(z.object({ unitId: Id, share: z.nullable(FiniteNumber) })).check(z.maxLength(500)),
});
export type AssignmentsPut = z.infer<typeof AssignmentsPut>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });

/** `POST /api/invitations/accept`: the secret from the invitation link and the password chosen. */
export const InvitationAccept = z.object({ token: z.string().check(z.minLength(20), z.maxLength(200)), password: Password });
export const Invitation = z.object({ url: z.string(), expiresAt: z.string() });
export const SetupRequest = z.object({ communeName: Name, admin: NewAccount });
export type SetupRequest = z.infer<typeof SetupRequest>;

// ---- Issue 8: the office, part 1 (plan lifecycle, review, devices, hand-over, audit).

export const ActivationWarning = z.object({ code: z.string(), message: z.string(), targetId: Id });
export const NotReadyDetails = z.object({ missing: z.array(z.object({ targetId: Id, label: z.string() })) });

export const DeviceRename = z.object({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)) });

export const HandOverRequest = z.object({
  name: Name,
  username: z.optional(z.nullable(Username)),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(30)))),
});
export type HandOverRequest = z.infer<typeof HandOverRequest>;

export const EnrollmentCardsRequest = z.object({ userIds: z.array(Id).check(z.minLength(1), z.maxLength(500)) });
export const EnrollmentCard = z.object({
  userId: Id, name: z.string(), unitName: z.string(), code: z.string(), url: z.string(), qrSvg: z.string(), expiresAt: z.string(),
});

export const UnitClose = z.object({
  /** What becomes of the unit's shares: dropped, or moved to `toUnitId`. Required when it has any. */
  shares: z.optional(z.enum(['drop', 'move'])),
  toUnitId: z.optional(Id),
});
export type UnitClose = z.infer<typeof UnitClose>;

export const BulkApproveRequest = z.object({ ids: z.array(z.uuid()).check(z.minLength(1), z.maxLength(500)) });
export const BulkApproveResult = z.object({
  results: z.array(z.object({ id: z.string(), status: z.enum(['approved', 'skipped']), code: z.optional(z.string()) })),
});

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: z.nullable(Id),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
