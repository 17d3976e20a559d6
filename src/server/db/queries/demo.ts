/**
 * Writes the demo commune, for `npm run demo` and the first-run screen (demo/load.ts builds
 * it). Loading again keeps whatever is there (an office that edited the demo keeps its edits)
 * and only adds what is missing; the demo passwords given are reset so the printed ones always
 * work. Everything goes in one transaction (the sync log writes itself: migration 020).
 */
import { inTransaction, type DbHandle } from '../handle';
import { unitToRow, planToRow, periodToRow, targetToRow, assignmentToRow } from './records';
import type { ChecklistSet, CriteriaSet } from '../../../shared/schemas/registers';
import type { Demo } from '../../demo/index';

/** A demo username belongs to someone else: thrown inside the transaction, so nothing is written. */
export class DemoUsernameTaken extends Error {
  constructor(readonly username: string) {
    super(`demo username taken: ${username}`);
  }
}

/**
 * `hashes`: password hashes by demo user id. `inside` runs first in the same transaction
 * (the setup screen claims the installation there, so only one visitor loads it).
 */
export function writeDemo(
  db: DbHandle, demo: Demo, hashes: ReadonlyMap<string, string>, at: string, inside?: (tx: DbHandle) => Promise<void>,
): Promise<{ created: boolean }> {
  return inTransaction(db, async (tx) => {
    if (inside) await inside(tx);
    const has = async (table: 'units' | 'users' | 'plans' | 'targets' | 'assignments', id: string) =>
      !!(await tx.kysely.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
    const existed = await has('units', demo.communeId);

    for (const u of demo.units) {
      if (await has('units', u.id)) continue;
      const { key: _key, households: _households, ...unit } = u;
      await tx.kysely.insertInto('units').values(unitToRow(unit, at)).execute();
    }
    for (const u of demo.users) {
      const hash = hashes.get(u.id) ?? null;
      if (await has('users', u.id)) {
        if (hash) await tx.kysely.updateTable('users').set({ password_hash: hash, active: 1, updated_at: at }).where('id', '=', u.id).execute();
        continue;
      }
      const clash = await tx.kysely.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
      if (clash) throw new DemoUsernameTaken(u.username);
      await tx.kysely.insertInto('users').values({
        id: u.id, username: u.username, name: u.name, role: u.role, unit_id: u.unitId, commune_id: demo.communeId,
        password_hash: hash, active: 1, created_at: at, updated_at: at,
      }).execute();
    }
    if (!(await has('plans', demo.plan.id))) {
      await tx.kysely.insertInto('plans').values(planToRow(demo.plan, demo.communeId, at)).execute();
      await tx.kysely.insertInto('periods').values(demo.periods.map((p) => periodToRow(p, demo.communeId))).execute();
    }
    // Targets are listed parents first, so each child finds its parent.
    for (const t of demo.targets) {
      if (await has('targets', t.id)) continue;
      await tx.kysely.insertInto('targets').values(targetToRow(t, demo.communeId)).execute();
    }
    for (const a of demo.assignments) {
      if (await has('assignments', a.id)) continue;
      const taken = await tx.kysely.selectFrom('assignments').select('id')
        .where('target_id', '=', a.targetId).where('unit_id', '=', a.unitId).executeTakeFirst();
      if (taken) continue;
      await tx.kysely.insertInto('assignments').values(assignmentToRow(a, demo.communeId)).execute();
    }
    await saveSets(tx, 'checklist_sets', demo.checklistSets, at);
    await saveSets(tx, 'criteria_sets', demo.criteriaSets, at);
    return { created: !existed };
  });
}

/** Versioned sets are added once per (code, version); a newer version is a new row. */
async function saveSets(tx: DbHandle, table: 'checklist_sets' | 'criteria_sets', sets: readonly (ChecklistSet | CriteriaSet)[], at: string) {
  for (const s of sets) {
    const found = await tx.kysely.selectFrom(table).select('id').where('code', '=', s.code).where('version', '=', s.version).executeTakeFirst();
    if (found) continue;
    await tx.kysely.insertInto(table).values({ id: s.id, code: s.code, version: s.version, data_json: JSON.stringify(s), created_at: at }).execute();
  }
}
