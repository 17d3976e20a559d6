/**
 * What one plan's progress for one period is computed from, in five indexed reads: the period,
 * the plan's live targets, its assignments, the commune's units (names for the exports, and
 * successors for merged villages), and every report of the plan and period (all states: the
 * basis is chosen in shared/progress.ts, and lateness looks at a unit's first report whatever
 * became of it). No cache: an approval shows in the next answer.
 */
import type { DbHandle } from '../handle';
import type { Period } from '../../../shared/schemas/plans';
import type { Target, Assignment } from '../../../shared/schemas/targets';
import type { ReportState, ReportValue } from '../../../shared/schemas/reports';
import type { UnitKind } from '../../../shared/schemas/units';
import type { ReportLike } from '../../../shared/progress';
import { periodFromRow, targetFromRow } from './records';

export interface ProgressUnit {
  id: string;
  name: string;
  kind: UnitKind;
  successorId: string | null;
  replacedOn: string | null;
}

export interface ProgressReport extends ReportLike {
  receivedAt: string;
  state: ReportState;
  submittedBy: string;
}

export interface ProgressSource {
  period: Period;
  targets: Target[];
  assignments: Assignment[];
  units: ProgressUnit[];
  reports: ProgressReport[];
}

export async function findPeriodOfPlan(db: DbHandle, planId: string, periodId: string): Promise<Period | undefined> {
  const row = await db.kysely.selectFrom('periods').selectAll()
    .where('id', '=', periodId).where('plan_id', '=', planId).where('deleted', '=', 0).executeTakeFirst();
  return row ? periodFromRow(row) : undefined;
}

export async function loadProgressSource(db: DbHandle, planId: string, communeId: string, period: Period): Promise<ProgressSource> {
  const [targets, assignments, units, reports] = await Promise.all([
    db.kysely.selectFrom('targets').selectAll().where('plan_id', '=', planId).where('deleted', '=', 0).execute(),
    db.kysely.selectFrom('assignments').select(['id', 'plan_id', 'target_id', 'unit_id', 'share']).where('plan_id', '=', planId).execute(),
    db.kysely.selectFrom('units').select(['id', 'name', 'kind', 'successor_id', 'replaced_on', 'deleted'])
      .where('commune_id', '=', communeId).execute(),
    db.kysely.selectFrom('reports')
      .select(['id', 'unit_id', 'values_json', 'created_at', 'supersedes', 'state', 'correction_of', 'received_at', 'submitted_by'])
      .where('plan_id', '=', planId).where('period_id', '=', period.id).execute(),
  ]);
  // A deleted unit carries nothing any more, unless it was merged into a successor (its history counts there).
  const live = units.filter((u) => u.deleted === 0 || u.successor_id !== null);
  const liveIds = new Set(live.map((u) => u.id));
  return {
    period,
    targets: targets.map(targetFromRow),
    assignments: assignments.filter((a) => liveIds.has(a.unit_id))
      .map((a) => ({ id: a.id, planId: a.plan_id, targetId: a.target_id, unitId: a.unit_id, share: a.share })),
    units: live.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind, successorId: u.successor_id, replacedOn: u.replaced_on })),
    // Values are parsed only for the reports that count: a queue of corrections waiting, or
    // returned reports, are read for their dates and states alone.
    reports: reports.map((r) => {
      let parsed: ReportValue[] | undefined;
      return {
        id: r.id, unitId: r.unit_id, planId, periodId: period.id,
        get values() { return (parsed ??= JSON.parse(r.values_json) as ReportValue[]); },
        createdAt: r.created_at, supersedes: r.supersedes, state: r.state as ReportState, correctionOf: r.correction_of,
        receivedAt: r.received_at, submittedBy: r.submitted_by,
      };
    }),
  };
}
