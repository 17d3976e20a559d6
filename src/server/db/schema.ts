/**
 * The database as Kysely sees it: one interface per table. Both engines store the same
 * columns the same way (JSON as TEXT, booleans as 0/1 integers, instants as ISO 8601 text)
 * so every query in queries/ runs unchanged on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  commune_id: string | null;
  successor_id: string | null;
  replaced_on: string | null;
  closed_at: string | null;
  deleted: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string | null;
  name: string;
  role: string;
  unit_id: string | null;
  commune_id: string | null;
  /** `scrypt$N$r$p$salt$hash`, or null for field users who only enroll devices. */
  password_hash: string | null;
  /** Contact number the office typed (hand-over); optional. */
  phone: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  last_sync_at: string | null;
  app_version: string | null;
}

export interface AuthTokensTable {
  /** SHA-256 of the token, base64url: the raw token is never stored. */
  token_hash: string;
  user_id: string;
  device_id: string | null;
  kind: 'session' | 'device';
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface EnrollmentCodesTable {
  code_hash: string;
  user_id: string;
  issued_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One-time links for setting one's own password (a commune's first admin). */
export interface InvitationsTable {
  /** SHA-256 of the link's secret, base64url. */
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  at: string;
}

export interface PlansTable {
  id: string;
  issuer_unit_id: string;
  commune_id: string | null;
  number: string;
  issued_on: string | null;
  year: number;
  issuer: string;
  title: string;
  theme: string;
  rounds_json: string;
  reporting_json: string;
  status: string;
  grace_days: number;
  closed_at: string | null;
  deleted: number;
  created_at: string;
  updated_at: string;
}

export interface PeriodsTable {
  id: string;
  plan_id: string;
  commune_id: string | null;
  kind: string;
  name: string;
  from_date: string;
  to_date: string;
  deadline: string;
  locked_at: string | null;
  deleted: number;
}

export interface TargetsTable {
  id: string;
  plan_id: string;
  commune_id: string | null;
  parent_id: string | null;
  position: number;
  area: string;
  label: string;
  unit: string | null;
  comparator: string;
  value: number | null;
  value_max: number | null;
  out_of: number | null;
  measure: string;
  aggregation: string;
  assignee_unit_id: string | null;
  source_json: string | null;
  whole_number: number;
  commune_only: number;
  /** Linked targets (migration 110): the TargetLink as JSON, null when the target follows nothing. */
  link_json: string | null;
  deleted: number;
}

export interface AssignmentsTable {
  id: string;
  plan_id: string;
  commune_id: string | null;
  target_id: string;
  unit_id: string;
  share: number | null;
}

export interface ReportsTable {
  /** The client's UUIDv7: resending the same report can never store it twice. */
  id: string;
  unit_id: string;
  commune_id: string;
  plan_id: string;
  period_id: string;
  values_json: string;
  note: string | null;
  created_at: string;
  supersedes: string | null;
  submitted_by: string;
  device_id: string | null;
  received_at: string;
  state: string;
  correction_of: string | null;
  /** SHA-256 of the canonical JSON of the submission as sent: tells a replay from a conflict. */
  content_hash: string;
  /** Judged once at receipt (shared/lateness.ts): after deadline + grace, a lock or the plan's close. */
  late: number;
  days_late: number;
  /** createdAt more than 24 h after receivedAt: the phone's clock is wrong. */
  clock_skew: number;
  /** Nhập thay: the office user who entered it on the unit's behalf. */
  entered_by: string | null;
  entered_by_name: string | null;
  /** Plausibility warnings at receipt (shared/report-rules.ts), JSON `[{ code, message, targetId }]`. */
  warnings_json: string;
}

export interface ReviewsTable {
  id: string;
  report_id: string;
  commune_id: string;
  unit_id: string;
  decision: string;
  reason: string | null;
  reviewer_id: string;
  reviewer_name: string;
  at: string;
}

export interface HouseholdsTable {
  id: string;
  unit_id: string;
  commune_id: string;
  data_json: string;
  updated_at: string;
  deleted: number;
  revision: Generated<number>;
  conflicts_json: Generated<string>;
  meta_json: Generated<string>;
}

export interface HouseholdChangesTable {
  id: string;
  household_id: string;
  unit_id: string;
  commune_id: string;
  kind: string;
  change_key: string;
  value_json: string;
  base_revision: number;
  created_at: string;
  received_at: string;
  user_id: string;
  user_name: string;
  device_id: string | null;
  content_hash: string;
  applied: number;
  conflict: number;
}

export interface AssessmentsTable {
  id: string;
  household_id: string;
  unit_id: string;
  commune_id: string;
  checklist_id: string;
  checklist_version: string;
  period_id: string;
  items_json: string;
  by_name: string;
  at: string;
}

export interface VersionedSetTable {
  id: string;
  code: string;
  version: string;
  data_json: string;
  created_at: string;
}

export interface ChecklistSetsTable extends VersionedSetTable {
  commune_id: string | null;
}

/** commune_id since migration 120: null for shipped sets, the commune for its own village-level set. */
export interface CriteriaSetsTable extends VersionedSetTable {
  commune_id: string | null;
}

/** Which criteria set (and commune group) a commune follows, per level (migration 120). */
export interface NtmTrackersTable {
  /** `${commune_id}:${level}`. */
  id: string;
  commune_id: string;
  level: 'commune' | 'village';
  criteria_set_id: string;
  criteria_set_code: string;
  criteria_set_version: string;
  commune_group: number | null;
  updated_by: string;
  updated_at: string;
}

/** Every recorded state of an NTM indicator, one row per change; the latest `at` is in force. */
export interface NtmIndicatorStatesTable {
  id: string;
  commune_id: string;
  /** The commune itself (commune-level set) or a village (village-level set). */
  unit_id: string;
  criteria_set_id: string;
  indicator_code: string;
  /** 1, 2, … per (unit, set, indicator): the latest recording is the highest. */
  revision: number;
  state: 'met' | 'notMet' | null;
  figure: number | null;
  note: string;
  by_user_id: string | null;
  by_name: string;
  at: string;
}

/** Written by triggers on every synced table (migration 2026_12_01_020), never by hand. */
export interface ChangesTable {
  seq: Generated<number>;
  txid: number;
  commune_id: string | null;
  unit_id: string | null;
  entity: string;
  entity_id: string;
}

/** The audit trail: who did what to which record, before and after. Append-only. */
export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  commune_id: string | null;
  at: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface DB {
  units: UnitsTable;
  users: UsersTable;
  devices: DevicesTable;
  auth_tokens: AuthTokensTable;
  enrollment_codes: EnrollmentCodesTable;
  login_failures: LoginFailuresTable;
  invitations: InvitationsTable;
  plans: PlansTable;
  periods: PeriodsTable;
  targets: TargetsTable;
  assignments: AssignmentsTable;
  reports: ReportsTable;
  reviews: ReviewsTable;
  households: HouseholdsTable;
  household_changes: HouseholdChangesTable;
  assessments: AssessmentsTable;
  checklist_sets: ChecklistSetsTable;
  criteria_sets: CriteriaSetsTable;
  ntm_trackers: NtmTrackersTable;
  ntm_indicator_states: NtmIndicatorStatesTable;
  changes: ChangesTable;
  app_meta: AppMetaTable;
  audit_log: AuditLogTable;
  report_notes: ReportNotesTable;
}

/** The office's own words for a period's A4 progress report (migration 070). */
export interface ReportNotesTable {
  period_id: string;
  plan_id: string;
  commune_id: string;
  general: string;
  shortcomings: string;
  directions: string;
  updated_at: string;
  updated_by: string;
}
