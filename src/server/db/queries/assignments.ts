/**
 * Which village or association carries which target, and its share. Assignments are replaced
 * as a set per target and logged under the unit they belong to, so only that unit's phones
 * (and the office) hear of them.
 */
import type { Assignment } from '../../../shared/schemas/targets';
import type { DbHandle } from '../handle';
import type { TargetRow } from './targets';
import { recordChanges, type ChangeInput } from './changes';
import { assignmentFromRow } from './records';

export const toAssignment = assignmentFromRow;

export async function listAssignments(db: DbHandle, planId: string): Promise<Assignment[]> {
  const rows = await db.kysely.selectFrom('assignments').selectAll().where('plan_id', '=', planId)
    .orderBy('target_id').orderBy('unit_id').execute();
  return rows.map(toAssignment);
}

export async function listAssignmentsOfTarget(db: DbHandle, targetId: string): Promise<Assignment[]> {
  const rows = await db.kysely.selectFrom('assignments').selectAll().where('target_id', '=', targetId).orderBy('unit_id').execute();
  return rows.map(toAssignment);
}

/**
 * Makes the target's assignments exactly `wanted`: a unit keeps its assignment id when it
 * stays assigned (its phones see an update, not a delete and an insert).
 */
export async function replaceAssignments(
  tx: DbHandle, target: TargetRow, communeId: string,
  wanted: readonly { unitId: string; share: number | null }[], newId: () => string,
): Promise<Assignment[]> {
  const current = await tx.kysely.selectFrom('assignments').selectAll().where('target_id', '=', target.id).execute();
  const byUnit = new Map(current.map((a) => [a.unit_id, a]));
  const keep = new Set(wanted.map((w) => w.unitId));
  const changes: ChangeInput[] = [];
  for (const old of current) {
    if (keep.has(old.unit_id)) continue;
    await tx.kysely.deleteFrom('assignments').where('id', '=', old.id).execute();
    changes.push({ entity: 'assignments', entityId: old.id, communeId, unitId: old.unit_id });
  }
  const result: Assignment[] = [];
  for (const w of wanted) {
    const old = byUnit.get(w.unitId);
    if (old) {
      if (old.share !== w.share) {
        await tx.kysely.updateTable('assignments').set({ share: w.share }).where('id', '=', old.id).execute();
        changes.push({ entity: 'assignments', entityId: old.id, communeId, unitId: w.unitId });
      }
      result.push({ ...toAssignment(old), share: w.share });
    } else {
      const id = newId();
      await tx.kysely.insertInto('assignments').values({
        id, plan_id: target.plan_id, commune_id: communeId, target_id: target.id, unit_id: w.unitId, share: w.share,
      }).execute();
      changes.push({ entity: 'assignments', entityId: id, communeId, unitId: w.unitId });
      result.push({ id, planId: target.plan_id, targetId: target.id, unitId: w.unitId, share: w.share });
    }
  }
  await recordChanges(tx, changes);
  return result;
}
