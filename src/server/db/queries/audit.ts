/**
 * The audit trail: who (id, name, role), when, which action on which record, and the record
 * before and after — written with `recordAudit(tx, …)` in the SAME transaction as the change,
 * so an entry exists exactly when the change does. Nothing updates or deletes an entry.
 *
 * Never put a household's name (or any household data) in `before`/`after`: the operator and
 * every office user of the commune read this trail. Pass the records the office manages
 * (plans, targets, shares, units, users without password hashes, codes without the code,
 * devices, reviews, locks).
 *
 * @example
 * await inTransaction(deps.db, async (tx) => {
 *   await updatePlan(tx, next, communeId, now);
 *   await recordAudit(tx, { actor: principal, at: now, communeId, action: 'plan.update', entity: 'plan', entityId: next.id, before: plan, after: next });
 * });
 */
import type { DbHandle } from '../handle';
import { uuidv7 } from '../../../shared/ids';

export interface AuditActor {
  userId: string | null;
  name: string;
  role: string;
}

export interface AuditInput {
  /** The principal (or, for first-run setup, the account being created). */
  actor: AuditActor;
  /** ISO instant of the change (deps.clock()). */
  at: string;
  communeId: string | null;
  /** Dotted: `plan.activate`, `target.update`, `user.create`, `review.approve`, `period.lock`. */
  action: string;
  /** `plan`, `period`, `target`, `assignment`, `unit`, `user`, `enrollment_code`, `device`, `report`, `commune`. */
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  /** Position in the trail: what the next page starts below. */
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The audit actor of a signed-in principal. */
export function actorOf(p: { userId: string; name: string; role: string }): AuditActor {
  return { userId: p.userId, name: p.name, role: p.role };
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordAudit(tx: DbHandle, input: AuditInput): Promise<void> {
  await recordAudits(tx, [input]);
}

/** Several entries in one statement (a bulk change: a batch of targets, a sheet of codes). */
export async function recordAudits(tx: DbHandle, inputs: readonly AuditInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += 200) {
    const rows = inputs.slice(i, i + 200).map((e) => ({
      id: uuidv7(Date.parse(e.at) || Date.now()),
      commune_id: e.communeId,
      at: e.at,
      actor_id: e.actor.userId,
      actor_name: e.actor.name,
      actor_role: e.actor.role,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before_json: json(e.before),
      after_json: json(e.after),
    }));
    if (rows.length) await tx.kysely.insertInto('audit_log').values(rows).execute();
  }
}

export interface AuditFilter {
  /** null: every commune (the operator). */
  communeId: string | null;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** ISO instants or dates, inclusive `from`, exclusive `to`. */
  from?: string;
  to?: string;
  /** Paging: entries older than this position (the `next` of the previous page). */
  before?: number;
  limit: number;
}

export async function listAudit(db: DbHandle, f: AuditFilter): Promise<AuditEntry[]> {
  let q = db.kysely.selectFrom('audit_log').selectAll();
  if (f.communeId !== null) q = q.where('commune_id', '=', f.communeId);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, actorRole: r.actor_role, action: r.action,
    entity: r.entity, entityId: r.entity_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}
