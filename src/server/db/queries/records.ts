/**
 * Row ⇄ record mapping for every synced entity, written once so that the sync, the office
 * routes and the ingest all send records shaped exactly as the shared schemas say.
 * JSON columns are TEXT and booleans 0/1 on both engines (see ../schema.ts).
 */
import type { Selectable } from 'kysely';
import type {
  AssessmentsTable, AssignmentsTable, HouseholdsTable, PeriodsTable, PlansTable, ReportsTable, ReviewsTable, TargetsTable, UnitsTable,
} from '../schema';
import type { Unit } from '../../../shared/schemas/units';
import type { Plan, Period } from '../../../shared/schemas/plans';
import type { Target, Assignment } from '../../../shared/schemas/targets';
import type { StoredReport, Review, ReportValue, ReportWarning } from '../../../shared/schemas/reports';
import type { Assessment, Household } from '../../../shared/schemas/registers';

export const unitFromRow = (r: Selectable<UnitsTable>): Unit => ({
  id: r.id,
  parentId: r.parent_id,
  kind: r.kind as Unit['kind'],
  name: r.name,
  communeId: r.commune_id,
  successorId: r.successor_id,
  replacedOn: r.replaced_on,
  closedAt: r.closed_at ?? null,
});

export const unitToRow = (u: Unit, now: string): Selectable<UnitsTable> => ({
  id: u.id,
  parent_id: u.parentId,
  kind: u.kind,
  name: u.name,
  commune_id: u.communeId,
  successor_id: u.successorId,
  replaced_on: u.replacedOn,
  closed_at: u.closedAt ?? null,
  deleted: 0,
  created_at: now,
  updated_at: now,
});

export const planFromRow = (r: Selectable<PlansTable>): Plan => ({
  id: r.id,
  issuerUnitId: r.issuer_unit_id,
  number: r.number,
  issuedOn: r.issued_on,
  year: r.year,
  issuer: r.issuer,
  title: r.title,
  theme: r.theme,
  rounds: JSON.parse(r.rounds_json),
  reporting: JSON.parse(r.reporting_json),
  status: r.status as Plan['status'],
  graceDays: r.grace_days ?? 0,
  closedAt: r.closed_at ?? null,
});

/** `communeId` is the commune the plan belongs to (its issuer, for a commune's plan). */
export const planToRow = (p: Plan, communeId: string | null, now: string): Selectable<PlansTable> => ({
  id: p.id,
  issuer_unit_id: p.issuerUnitId,
  commune_id: communeId,
  number: p.number,
  issued_on: p.issuedOn,
  year: p.year,
  issuer: p.issuer,
  title: p.title,
  theme: p.theme,
  rounds_json: JSON.stringify(p.rounds),
  reporting_json: JSON.stringify(p.reporting),
  status: p.status,
  grace_days: p.graceDays ?? 0,
  closed_at: p.closedAt ?? null,
  deleted: 0,
  created_at: now,
  updated_at: now,
});

export const periodFromRow = (r: Selectable<PeriodsTable>): Period => ({
  id: r.id,
  planId: r.plan_id,
  kind: r.kind as Period['kind'],
  name: r.name,
  from: r.from_date,
  to: r.to_date,
  deadline: r.deadline,
  lockedAt: r.locked_at ?? null,
});

export const periodToRow = (p: Period, communeId: string | null): Selectable<PeriodsTable> => ({
  id: p.id,
  plan_id: p.planId,
  commune_id: communeId,
  kind: p.kind,
  name: p.name,
  from_date: p.from,
  to_date: p.to,
  deadline: p.deadline,
  locked_at: p.lockedAt ?? null,
  deleted: 0,
});

export const targetFromRow = (r: Selectable<TargetsTable>): Target => ({
  id: r.id,
  planId: r.plan_id,
  parentId: r.parent_id,
  position: r.position,
  area: r.area as Target['area'],
  label: r.label,
  unit: r.unit,
  comparator: r.comparator as Target['comparator'],
  value: r.value,
  valueMax: r.value_max,
  outOf: r.out_of,
  measure: r.measure as Target['measure'],
  aggregation: r.aggregation as Target['aggregation'],
  assigneeUnitId: r.assignee_unit_id,
  source: r.source_json ? JSON.parse(r.source_json) : null,
  wholeNumber: r.whole_number === 1,
  communeOnly: r.commune_only === 1,
  link: r.link_json ? (JSON.parse(r.link_json) as Target['link']) : null,
});

export const targetToRow = (t: Target, communeId: string | null): Selectable<TargetsTable> => ({
  id: t.id,
  plan_id: t.planId,
  commune_id: communeId,
  parent_id: t.parentId,
  position: t.position,
  area: t.area,
  label: t.label,
  unit: t.unit,
  comparator: t.comparator,
  value: t.value,
  value_max: t.valueMax,
  out_of: t.outOf,
  measure: t.measure,
  aggregation: t.aggregation,
  assignee_unit_id: t.assigneeUnitId,
  source_json: t.source ? JSON.stringify(t.source) : null,
  whole_number: t.wholeNumber ? 1 : 0,
  commune_only: t.communeOnly ? 1 : 0,
  link_json: t.link ? JSON.stringify(t.link) : null,
  deleted: 0,
});

export const assignmentFromRow = (r: Selectable<AssignmentsTable>): Assignment => ({
  id: r.id,
  planId: r.plan_id,
  targetId: r.target_id,
  unitId: r.unit_id,
  share: r.share,
});

export const assignmentToRow = (a: Assignment, communeId: string | null): Selectable<AssignmentsTable> => ({
  id: a.id,
  plan_id: a.planId,
  commune_id: communeId,
  target_id: a.targetId,
  unit_id: a.unitId,
  share: a.share,
});

export const reportFromRow = (r: Selectable<ReportsTable>): StoredReport => ({
  id: r.id,
  unitId: r.unit_id,
  planId: r.plan_id,
  periodId: r.period_id,
  values: JSON.parse(r.values_json) as ReportValue[],
  note: r.note,
  createdAt: r.created_at,
  supersedes: r.supersedes,
  submittedBy: r.submitted_by,
  deviceId: r.device_id,
  receivedAt: r.received_at,
  state: r.state as StoredReport['state'],
  correctionOf: r.correction_of,
  late: r.late === 1,
  daysLate: r.days_late ?? 0,
  clockSkew: r.clock_skew === 1,
  enteredBy: r.entered_by ? { userId: r.entered_by, name: r.entered_by_name ?? '' } : null,
  // Derived from the unit's other reports: set by queries/report-views.ts where it is known.
  newerReportId: null,
  warnings: JSON.parse(r.warnings_json ?? '[]') as ReportWarning[],
});

export const reviewFromRow = (r: Selectable<ReviewsTable>): Review => ({
  id: r.id,
  reportId: r.report_id,
  decision: r.decision as Review['decision'],
  reason: r.reason,
  by: r.reviewer_name,
  at: r.at,
});

/** The household's own fields live in data_json; revision and disputes in their columns. */
export type HouseholdData = Omit<Household, 'id' | 'unitId' | 'updatedAt' | 'revision' | 'conflicts'>;

export const householdFromRow = (r: Selectable<HouseholdsTable>): Household => ({
  ...(JSON.parse(r.data_json) as HouseholdData),
  id: r.id,
  unitId: r.unit_id,
  revision: Number(r.revision),
  conflicts: JSON.parse(r.conflicts_json) as Household['conflicts'],
  updatedAt: r.updated_at,
});

export const householdToRow = (h: Household, communeId: string, meta: Record<string, unknown> = {}): Selectable<HouseholdsTable> => {
  const { id, unitId, updatedAt, revision, conflicts, ...data } = h;
  return {
    id, unit_id: unitId, commune_id: communeId, data_json: JSON.stringify(data), updated_at: updatedAt, deleted: 0,
    revision, conflicts_json: JSON.stringify(conflicts), meta_json: JSON.stringify(meta),
  };
};

export const assessmentFromRow = (r: Selectable<AssessmentsTable>): Assessment => ({
  id: r.id,
  householdId: r.household_id,
  checklistId: r.checklist_id,
  checklistVersion: r.checklist_version,
  periodId: r.period_id,
  items: JSON.parse(r.items_json) as Assessment['items'],
  by: r.by_name,
  at: r.at,
});
