/**
 * The household change queue: every change a field user makes to the register (add a household,
 * edit a field, tick a checklist item, mark moved away, merge, confirm a disputed value) is
 * written here before the screen says it is saved. ONE transaction updates the local household
 * (and assessment) row — so the register shows the change at once, offline — AND queues the
 * change for the server. Taking changes out is household-push.ts's job (only on a receipt).
 *
 * Revisions: the server counts one revision per applied change and disputes a change made from
 * an older revision to a key someone else changed since. So the local row's revision is moved on
 * by one for each change queued here, and the next change of this phone is sent from it: two
 * quick edits of one field on one phone are never a dispute with itself.
 *
 * A sync page overwrites rows with the server's copies; `replayPending` then puts the changes
 * still waiting back on top (sync.ts calls it inside the page's transaction), so an edit made
 * while a sync ran is not hidden until the next one.
 */
import type { Assessment, Household, HouseholdChange } from '../../shared/schemas';
import { changeKey } from '../../shared/registers';
import { uuidv7 } from '../../shared/ids';
import { type FieldDb, type HouseholdOutboxItem, isQuotaError, noteWriteOutcome } from './db';
import { StorageFullError } from './outbox';
import { getMeta } from './meta';

/** The editable fields of a household and their values (shared/schemas/registers HOUSEHOLD_FIELDS). */
export interface HouseholdFields {
  headName: string;
  hamlet: string | null;
  address: string | null;
  members: number | null;
  poor: boolean;
  nearPoor: boolean;
}
export type HouseholdFieldName = keyof HouseholdFields;

/** What a queueing call did: `unchanged` when the value was already so (nothing is queued). */
export type QueueResult = { status: 'queued'; changeId: string } | { status: 'unchanged' };

/** The id a tick made on this phone is kept under until the server's assessment arrives. */
export const localAssessmentId = (householdId: string, checklistId: string, periodId: string): string =>
  `local:${householdId}:${checklistId}:${periodId}`;

const TABLES = (db: FieldDb) => [db.households, db.assessments, db.householdOutbox, db.meta];

/** Runs one queueing transaction, turning a full disk into the error the screens explain (G8). */
async function write<T>(db: FieldDb, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await db.transaction('rw', TABLES(db), work);
  } catch (error) {
    await noteWriteOutcome(db, error);
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
  await noteWriteOutcome(db, null);
  return result;
}

/**
 * The queue's order is the order the changes were made: a household's create must reach the
 * server before its ticks, a merge after both households. Two taps in one millisecond would tie
 * (and the tie would go by random id bits), so each change queues strictly after the last.
 */
let lastQueuedAt = 0;
function nextQueuedAt(now: number): number {
  lastQueuedAt = Math.max(now, lastQueuedAt + 0.001);
  return lastQueuedAt;
}

function newItem(change: HouseholdChange, now: number, before?: unknown): HouseholdOutboxItem {
  return {
    id: change.id, change, householdId: change.householdId, status: 'queued', attempts: 0, lastError: null, queuedAt: nextQueuedAt(now),
    ...(before !== undefined ? { before } : {}),
  };
}

/** Adds a household to the unit's register. Resolves with its id once it is on disk. */
export async function createHousehold(
  db: FieldDb, unitId: string, fields: Partial<HouseholdFields> & { headName: string }, now: number = Date.now(),
): Promise<string> {
  const householdId = uuidv7(now);
  const value = {
    unitId, headName: fields.headName.trim(), hamlet: blankToNull(fields.hamlet), address: blankToNull(fields.address),
    members: fields.members ?? null, poor: fields.poor ?? false, nearPoor: fields.nearPoor ?? false,
  };
  const change: HouseholdChange = { id: uuidv7(now), householdId, kind: 'create', value, baseRevision: 0, createdAt: new Date(now).toISOString() };
  const household: Household = {
    id: householdId, unitId, headName: value.headName, hamlet: value.hamlet, address: value.address, members: value.members,
    poor: value.poor, nearPoor: value.nearPoor, status: 'active', statusReason: null, mergedInto: null, anonymisedAt: null,
    // The server's create makes revision 1; the next change of this phone is sent from it.
    revision: 1, conflicts: [], updatedAt: change.createdAt,
  };
  await write(db, async () => {
    await Promise.all([db.households.add(household), db.householdOutbox.add(newItem(change, now))]);
  });
  return householdId;
}

/** Sets one field of a household (`resolve`: this is the value the unit confirms in a dispute). */
export async function editHousehold<F extends HouseholdFieldName>(
  db: FieldDb, householdId: string, field: F, value: HouseholdFields[F], options: { resolve?: boolean; now?: number } = {},
): Promise<QueueResult> {
  const v = typeof value === 'string' ? (field === 'headName' ? value.trim() : blankToNull(value)) : value;
  return queueChange(db, { householdId, kind: 'field', field, value: v, resolve: options.resolve }, options.now);
}

/** Ticks one checklist item for a period: true holds, false does not, null not looked at. */
export async function tickItem(
  db: FieldDb, householdId: string, checklistId: string, periodId: string, itemId: string, value: boolean | null,
  options: { resolve?: boolean; now?: number } = {},
): Promise<QueueResult> {
  return queueChange(db, { householdId, kind: 'item', checklistId, periodId, itemId, value, resolve: options.resolve }, options.now);
}

/** Marks a household as moved away; it stays in the register under "đã chuyển đi". */
export async function moveHousehold(db: FieldDb, householdId: string, reason: string, options: { resolve?: boolean; now?: number } = {}): Promise<QueueResult> {
  return queueChange(db, { householdId, kind: 'move', value: { reason: reason.trim() }, resolve: options.resolve }, options.now);
}

/** Merges a household into another of the same unit (e.g. registered twice); both stay visible. */
export async function mergeHousehold(
  db: FieldDb, householdId: string, into: string, reason: string, options: { resolve?: boolean; now?: number } = {},
): Promise<QueueResult> {
  const value = reason.trim() ? { into, reason: reason.trim() } : { into };
  return queueChange(db, { householdId, kind: 'merge', value, resolve: options.resolve }, options.now);
}

/**
 * Confirms one of the values of a disputed field or item (the household's `conflicts` entry
 * `key`): sent as that change again with `resolve: true`, which makes it the value in force and
 * clears the dispute on the server.
 */
export async function confirmConflictValue(db: FieldDb, householdId: string, key: string, value: unknown, now?: number): Promise<QueueResult> {
  const options = { resolve: true, now };
  if (key.startsWith('field:') && key !== 'field:status') {
    return editHousehold(db, householdId, key.slice('field:'.length) as HouseholdFieldName, value as never, options);
  }
  if (key === 'field:status') {
    const s = value as { status?: string; reason?: string | null; mergedInto?: string | null };
    if (s.status === 'merged' && s.mergedInto) return mergeHousehold(db, householdId, s.mergedInto, s.reason ?? '', options);
    if (s.status === 'moved') return moveHousehold(db, householdId, s.reason ?? '', options);
    throw new Error('A household cannot be confirmed back to active from the phone');
  }
  const [, checklistId, periodId, itemId] = key.split(':');
  return tickItem(db, householdId, checklistId!, periodId!, itemId!, value as boolean | null, options);
}

type Draft = Omit<HouseholdChange, 'id' | 'baseRevision' | 'createdAt'>;

/** The one path of every change after `create`: apply locally, queue, one transaction. */
async function queueChange(db: FieldDb, draft: Draft, now: number = Date.now()): Promise<QueueResult> {
  return write(db, async () => {
    const household = await db.households.get(draft.householdId);
    if (!household) throw new Error(`Unknown household ${draft.householdId}`);
    const assessment = draft.kind === 'item' ? await findAssessment(db, draft.householdId, draft.checklistId!, draft.periodId!) : undefined;
    const change: HouseholdChange = {
      ...stripUndefined(draft), id: uuidv7(now), baseRevision: household.revision, createdAt: new Date(now).toISOString(),
    };
    const user = await getMeta(db, 'user');
    const applied = applyLocally(household, assessment, change, user?.name ?? '');
    // The same value again (a second tap on "Đạt"): nothing to send. A confirmation always goes.
    if (!applied.changed && change.resolve !== true) return { status: 'unchanged' } as const;
    await Promise.all([
      db.households.put(applied.household),
      applied.assessment ? db.assessments.put(applied.assessment) : undefined,
      db.householdOutbox.add(newItem(change, now, valueBefore(household, assessment, change))),
    ]);
    return { status: 'queued', changeId: change.id } as const;
  });
}

async function findAssessment(db: FieldDb, householdId: string, checklistId: string, periodId: string): Promise<Assessment | undefined> {
  const rows = await db.assessments.where('householdId').equals(householdId).toArray();
  const mine = rows.filter((a) => a.checklistId === checklistId && a.periodId === periodId);
  // The server's copy (if it came) rather than the local one made before it.
  return mine.find((a) => !a.id.startsWith('local:')) ?? mine[0];
}

/**
 * A change applied to the local copies, as the server will apply it (changes.ts): the value
 * set, the revision moved on, a confirmed dispute cleared. Pure, so the replay after a sync
 * page does exactly what queueing did.
 */
export function applyLocally(
  household: Household, assessment: Assessment | undefined, change: HouseholdChange, by: string,
): { household: Household; assessment?: Assessment; changed: boolean } {
  const key = changeKey(change);
  const h: Household = { ...household };
  if (change.resolve === true) h.conflicts = h.conflicts.filter((c) => c.key !== key);
  let changed = false;
  let a: Assessment | undefined;
  switch (change.kind) {
    case 'create':
      return { household: h, changed: false };
    case 'field': {
      const field = change.field!;
      changed = JSON.stringify(h[field]) !== JSON.stringify(change.value);
      (h as Record<string, unknown>)[field] = change.value;
      break;
    }
    case 'item': {
      a = assessment
        ? { ...assessment, items: { ...assessment.items } }
        : {
          id: localAssessmentId(h.id, change.checklistId!, change.periodId!), householdId: h.id, checklistId: change.checklistId!,
          checklistVersion: '', periodId: change.periodId!, items: {}, by, at: change.createdAt,
        };
      const value = change.value as boolean | null;
      changed = (a.items[change.itemId!] ?? null) !== value;
      a.items[change.itemId!] = value;
      a.by = by;
      a.at = change.createdAt;
      break;
    }
    case 'move':
    case 'merge': {
      const v = change.value as { reason?: string; into?: string };
      const next = { status: change.kind === 'move' ? 'moved' : 'merged', statusReason: v.reason ?? null, mergedInto: change.kind === 'merge' ? v.into! : null } as const;
      changed = h.status !== next.status || h.statusReason !== next.statusReason || h.mergedInto !== next.mergedInto;
      Object.assign(h, next);
      break;
    }
  }
  if (changed || change.resolve === true) {
    h.revision = household.revision + 1;
    h.updatedAt = change.createdAt;
  }
  return { household: h, assessment: a, changed };
}

/**
 * After a sync page wrote the server's copies of these households (or their assessments): drop
 * the local stand-ins of assessments the server now has, and apply the changes still waiting
 * on top, oldest first. Must run inside a transaction over households, assessments and
 * householdOutbox (and meta).
 */
export async function replayPending(db: FieldDb, householdIds: readonly string[], serverAssessments: readonly Assessment[]): Promise<void> {
  // One request for the page, not one per assessment: a first sync brings thousands.
  const standIns = serverAssessments.map((a) => localAssessmentId(a.householdId, a.checklistId, a.periodId)).filter((id, i) => id !== serverAssessments[i]!.id);
  if (standIns.length) await db.assessments.bulkDelete(standIns);
  if (householdIds.length === 0) return;
  const pending = (await db.householdOutbox.where('householdId').anyOf([...householdIds]).toArray())
    .filter((i) => i.status !== 'rejected' && i.change.kind !== 'create')
    .sort((x, y) => x.queuedAt - y.queuedAt || (x.id < y.id ? -1 : 1));
  if (pending.length === 0) return;
  const by = (await getMeta(db, 'user'))?.name ?? '';
  for (const item of pending) {
    const household = await db.households.get(item.householdId);
    if (!household) continue;
    const c = item.change;
    const assessment = c.kind === 'item' ? await findAssessment(db, c.householdId, c.checklistId!, c.periodId!) : undefined;
    const applied = applyLocally(household, assessment, c, by);
    await db.households.put(applied.household);
    if (applied.assessment) await db.assessments.put(applied.assessment);
  }
}

/**
 * A change the server refused goes back out of the local copy (the value it replaced returns),
 * so the register never shows as saved what the server will not hold. The refused change itself
 * stays in the queue, with its reason, until the user dismisses it.
 */
export async function revertRefused(db: FieldDb, item: HouseholdOutboxItem): Promise<void> {
  const c = item.change;
  const before = item.before;
  const household = await db.households.get(c.householdId);
  if (!household) return;
  if (c.kind === 'field' && JSON.stringify(household[c.field!]) === JSON.stringify(c.value)) {
    await db.households.put({ ...household, [c.field!]: before });
  } else if (c.kind === 'item') {
    const a = await findAssessment(db, c.householdId, c.checklistId!, c.periodId!);
    if (a && a.items[c.itemId!] === c.value) await db.assessments.put({ ...a, items: { ...a.items, [c.itemId!]: (before ?? null) as boolean | null } });
  } else if ((c.kind === 'move' || c.kind === 'merge') && before && typeof before === 'object') {
    await db.households.put({ ...household, ...(before as Pick<Household, 'status' | 'statusReason' | 'mergedInto'>) });
  }
}

/** The value a change replaced, kept with it so a refusal can put it back (revertRefused). */
export function valueBefore(household: Household | undefined, assessment: Assessment | undefined, c: HouseholdChange): unknown {
  if (!household) return undefined;
  if (c.kind === 'field') return household[c.field!];
  if (c.kind === 'item') return assessment?.items[c.itemId!] ?? null;
  if (c.kind === 'move' || c.kind === 'merge') return { status: household.status, statusReason: household.statusReason, mergedInto: household.mergedInto };
  return undefined;
}

/** Removes a refused change the user has read (its value was already taken back). */
export async function dismissRefused(db: FieldDb, changeId: string): Promise<void> {
  await db.transaction('rw', db.householdOutbox, async () => {
    const item = await db.householdOutbox.get(changeId);
    if (item?.status === 'rejected') await db.householdOutbox.delete(changeId);
  });
}

function blankToNull(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
