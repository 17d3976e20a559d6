/**
 * Applying a batch of household changes from phones (and the office): nothing lost, nothing
 * stored twice, every device's word kept.
 *
 * - A change is stored once per id: the same id with the same content again is `duplicate`
 *   (a resend after a lost answer), with other content `rejected` — like reports.
 * - Changes to one field, or one checklist item of one period, are ordered by `createdAt`
 *   (the moment the person typed it), not by arrival: a phone that was offline for a week does
 *   not overwrite a newer edit made on another phone.
 * - A change made from an older revision of the household, to a field someone else changed
 *   since, with another value, is a dispute: the later value is in force, both are kept in the
 *   household's `conflicts` until the unit or the office confirms one (`resolve: true`).
 * - All of a batch is one transaction; the households it touches are locked (PostgreSQL) so
 *   two batches about one household are applied one after the other. Receipts go out after COMMIT.
 */
import { HouseholdChange, HouseholdCreateValue, HouseholdMergeValue, HouseholdMoveValue, HOUSEHOLD_FIELDS, type Assessment, type ChecklistSet, type HouseholdChangeResult, type HouseholdConflict } from '../../shared/schemas/registers';
import { changeKey } from '../../shared/registers';
import { errorBody, type ErrorCode } from '../../shared/errors';
import { UUID_PATTERN, uuidv7 } from '../../shared/ids';
import type { AppDeps } from '../context';
import { isFieldUser, isOfficeOf, type Principal } from '../auth/policy';
import { inTransaction, type DbHandle } from '../db/handle';
import { findChecklists } from '../db/queries/checklists';
import {
  deleteChange, findAssessments, findChangeIdentities, findCommunePeriods, findUnits, insertChangeOnce, insertHousehold, lockHouseholds,
  saveAssessment, updateHousehold, type AssessmentRow, type HouseholdRow,
} from '../db/queries/households';
import type { HouseholdData } from '../db/queries/records';
import { firstError, nulPath } from '../http/validation';
import { contentHash } from '../reports/canonical';

/** What is known of the change in force for one key: its order, and who set it. */
interface KeyMeta {
  rev: number;
  at: string;
  changeId: string;
  by: string;
}

function rejected(id: string | null, code: ErrorCode, path?: string): HouseholdChangeResult {
  const body = errorBody(code, path);
  return { id, status: 'rejected', code: body.code, message: body.message, ...(path ? { path } : {}) };
}

/** The households a principal may change: their own unit's, or (office) their commune's. */
function mayChange(p: Principal, unitId: string, communeId: string | null): boolean {
  return isFieldUser(p) ? p.unitId === unitId : isOfficeOf(p, communeId);
}

/** Checks a change's value for its kind; returns the value as it will be stored, or an error. */
function checkValue(c: HouseholdChange): { value: unknown } | { code: ErrorCode; path: string } {
  const fail = (parsed: { success: false; error: Parameters<typeof firstError>[0] }, raw: unknown) => {
    const e = firstError(parsed.error, raw);
    return { code: e.code, path: e.path ? `value.${e.path}` : 'value' };
  };
  switch (c.kind) {
    case 'create': {
      const r = HouseholdCreateValue.safeParse(c.value);
      return r.success ? { value: r.data } : fail(r, c.value);
    }
    case 'field': {
      if (!c.field) return { code: 'value.required', path: 'field' };
      const r = HOUSEHOLD_FIELDS[c.field].safeParse(c.value);
      return r.success ? { value: r.data } : fail(r, c.value);
    }
    case 'item': {
      if (!c.checklistId) return { code: 'value.required', path: 'checklistId' };
      if (!c.itemId) return { code: 'value.required', path: 'itemId' };
      if (!c.periodId) return { code: 'value.required', path: 'periodId' };
      if (c.value !== true && c.value !== false && c.value !== null) return { code: 'value.invalid', path: 'value' };
      return { value: c.value };
    }
    case 'move': {
      const r = HouseholdMoveValue.safeParse(c.value);
      return r.success ? { value: { status: 'moved', reason: r.data.reason, mergedInto: null } } : fail(r, c.value);
    }
    case 'merge': {
      const r = HouseholdMergeValue.safeParse(c.value);
      return r.success ? { value: { status: 'merged', reason: r.data.reason ?? null, mergedInto: r.data.into } } : fail(r, c.value);
    }
  }
}

interface Parsed {
  index: number;
  change: HouseholdChange;
  value: unknown;
  hash: string;
}

export async function applyHouseholdChanges(deps: AppDeps, principal: Principal, raws: readonly unknown[]): Promise<HouseholdChangeResult[]> {
  return applyChanges(deps.db, (work) => inTransaction(deps.db, work), deps, principal, raws);
}

/**
 * The same inside a transaction the caller holds, for a caller whose own checks decide which
 * changes to make (the import's duplicate check must read the register in the transaction
 * that writes it, or two imports at once would each create the same households).
 */
export async function applyHouseholdChangesIn(tx: DbHandle, deps: Pick<AppDeps, 'clock'>, principal: Principal, raws: readonly unknown[]): Promise<HouseholdChangeResult[]> {
  return applyChanges(tx, (work) => work(tx), deps, principal, raws);
}

async function applyChanges(
  db: DbHandle, write: <T>(work: (tx: DbHandle) => Promise<T>) => Promise<T>, deps: Pick<AppDeps, 'clock'>, principal: Principal, raws: readonly unknown[],
): Promise<HouseholdChangeResult[]> {
  const results: (HouseholdChangeResult | null)[] = raws.map(() => null);
  const hashes = raws.map((raw) => contentHash(raw));
  const rawIds = raws.map((raw) => {
    const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : null;
  });
  // A resend is answered before anything else is checked — but only as a duplicate of the
  // caller's own change: another unit's or commune's id gets the same answer as any taken id.
  const stored = await findChangeIdentities(db, rawIds.filter((id): id is string => id !== null && UUID_PATTERN.test(id)));
  const parsed: Parsed[] = [];
  raws.forEach((raw, index) => {
    const id = rawIds[index]!;
    if (id === null || !UUID_PATTERN.test(id)) return void (results[index] = rejected(id, id === null ? 'value.required' : 'value.invalid', 'id'));
    const existing = stored.get(id);
    if (existing) {
      const own = mayChange(principal, existing.unitId, existing.communeId);
      results[index] = own && existing.hash === hashes[index] ? { id, status: 'duplicate' } : rejected(id, 'household.change_conflict', 'id');
      return;
    }
    const nul = nulPath(raw);
    if (nul !== null) return void (results[index] = rejected(id, 'value.invalid', nul || undefined));
    const shape = HouseholdChange.safeParse(raw);
    if (!shape.success) {
      const e = firstError(shape.error, raw);
      return void (results[index] = rejected(id, e.code, e.path));
    }
    const checked = checkValue(shape.data);
    if ('code' in checked) return void (results[index] = rejected(id, checked.code, checked.path));
    parsed.push({ index, change: shape.data, value: checked.value, hash: hashes[index]! });
  });

  if (parsed.length > 0) {
    const written = await write((tx) => applyInTransaction(tx, deps, principal, parsed));
    written.forEach((r, i) => (results[parsed[i]!.index] = r));
  }
  return results.map((r) => r!);
}

/** The batch's working state: households and assessments as they will be written at the end. */
interface Working {
  households: Map<string, { row: HouseholdRow; data: HouseholdData; meta: Record<string, KeyMeta>; conflicts: HouseholdConflict[]; dirty: boolean }>;
  assessments: Map<string, { row: AssessmentRow; items: Assessment['items']; isNew: boolean; dirty: boolean }>;
  checklists: Map<string, ChecklistSet & { communeId: string | null }>;
  periods: Set<string>;
}

async function applyInTransaction(tx: DbHandle, deps: Pick<AppDeps, 'clock'>, p: Principal, batch: readonly Parsed[]): Promise<HouseholdChangeResult[]> {
  const receivedAt = deps.clock().toISOString();
  const householdIds = batch.flatMap(({ change, value }) => [change.householdId, ...(change.kind === 'merge' ? [(value as { mergedInto: string }).mergedInto] : [])]);
  const rows = await lockHouseholds(tx, householdIds);
  const communeId = p.communeId ?? '';
  const w: Working = {
    households: new Map([...rows].map(([id, row]) => [id, {
      row, data: JSON.parse(row.data_json) as HouseholdData, meta: JSON.parse(row.meta_json) as Record<string, KeyMeta>,
      conflicts: JSON.parse(row.conflicts_json) as HouseholdConflict[], dirty: false,
    }])),
    assessments: new Map(),
    checklists: await findChecklists(tx, batch.flatMap(({ change }) => (change.checklistId ? [change.checklistId] : []))),
    periods: await findCommunePeriods(tx, communeId, batch.flatMap(({ change }) => (change.periodId ? [change.periodId] : []))),
  };
  for (const a of await findAssessments(tx, [...rows.keys()])) {
    w.assessments.set(`${a.household_id}|${a.checklist_id}|${a.period_id}`, { row: a, items: JSON.parse(a.items_json) as Assessment['items'], isNew: false, dirty: false });
  }
  const units = await findUnits(tx, batch.flatMap(({ change, value }) => (change.kind === 'create' ? [(value as { unitId: string }).unitId] : [])));

  const results: HouseholdChangeResult[] = [];
  for (const item of batch) results.push(await applyOne(tx, p, item, w, units, receivedAt));

  // Write what changed; each row logs its own sync change (triggers, migrations 020 and 091).
  for (const h of w.households.values()) {
    if (!h.dirty) continue;
    await updateHousehold(tx, {
      ...h.row, data_json: JSON.stringify(h.data), meta_json: JSON.stringify(h.meta), conflicts_json: JSON.stringify(h.conflicts), updated_at: receivedAt,
    });
  }
  for (const a of w.assessments.values()) {
    if (!a.dirty) continue;
    await saveAssessment(tx, { ...a.row, items_json: JSON.stringify(a.items) }, a.isNew);
  }
  return results;
}

async function applyOne(
  tx: DbHandle, p: Principal, { change, value, hash }: Parsed, w: Working, units: Map<string, { kind: string; communeId: string | null }>, receivedAt: string,
): Promise<HouseholdChangeResult> {
  const by = p.name;
  if (change.kind === 'create') {
    const v = value as { unitId: string } & Partial<HouseholdData>;
    const unit = units.get(v.unitId);
    if (!unit || !['village', 'association'].includes(unit.kind) || !mayChange(p, v.unitId, unit.communeId)) return rejected(change.id, 'household.unknown_unit', 'value.unitId');
    const data: HouseholdData = {
      headName: v.headName!, hamlet: v.hamlet ?? null, address: v.address ?? null, members: v.members ?? null, poor: v.poor ?? false,
      nearPoor: v.nearPoor ?? false, status: 'active', statusReason: null, mergedInto: null, anonymisedAt: null,
    };
    const meta = { create: { rev: 1, at: change.createdAt, changeId: change.id, by } };
    const row: HouseholdRow = {
      id: change.householdId, unit_id: v.unitId, commune_id: unit.communeId ?? '', data_json: JSON.stringify(data), updated_at: receivedAt,
      deleted: 0, revision: 1, conflicts_json: '[]', meta_json: JSON.stringify(meta),
    };
    // The change id first: a resend (or a concurrent copy) of this create is a duplicate, not "exists".
    const changeRow = toChangeRow(change, hash, row, p, receivedAt, value, true, false);
    if (!(await insertChangeOnce(tx, changeRow))) return stillStored(tx, p, change.id, hash);
    if (w.households.has(change.householdId) || !(await insertHousehold(tx, row))) {
      await deleteChange(tx, change.id);
      return rejected(change.id, 'household.exists', 'householdId');
    }
    w.households.set(row.id, { row, data, meta, conflicts: [], dirty: false });
    return { id: change.id, status: 'accepted', revision: 1 };
  }

  const h = w.households.get(change.householdId) ?? (await lockLate(tx, w, change.householdId));
  if (!h || !mayChange(p, h.row.unit_id, h.row.commune_id)) {
    // A concurrent copy of this batch may have stored this change (and created its household) meanwhile.
    const existing = (await findChangeIdentities(tx, [change.id])).get(change.id);
    return existing ? stillStored(tx, p, change.id, hash) : rejected(change.id, 'household.unknown', 'householdId');
  }
  let target: { current: unknown; set(v: unknown): void };
  if (change.kind === 'item') {
    const checklist = w.checklists.get(change.checklistId!);
    if (!checklist || (checklist.communeId !== null && checklist.communeId !== h.row.commune_id)) return rejected(change.id, 'household.unknown_checklist', 'checklistId');
    if (!checklist.items.some((i) => i.code === change.itemId)) return rejected(change.id, 'household.unknown_item', 'itemId');
    if (!w.periods.has(change.periodId!)) return rejected(change.id, 'report.unknown_period', 'periodId');
    if (h.data.status !== 'active') return rejected(change.id, 'household.not_active', 'householdId');
    const a = assessmentFor(w, h.row, checklist, change.periodId!, by, change.createdAt);
    target = {
      current: a.items[change.itemId!] ?? null,
      set: (v) => {
        a.items[change.itemId!] = v as boolean | null;
        a.row = { ...a.row, at: change.createdAt, by_name: by };
        a.dirty = true;
      },
    };
  } else if (change.kind === 'field') {
    const field = change.field!;
    target = { current: h.data[field], set: (v) => { (h.data as Record<string, unknown>)[field] = v; } };
  } else {
    const v = value as { status: HouseholdData['status']; reason: string | null; mergedInto: string | null };
    if (v.mergedInto !== null) {
      const into = w.households.get(v.mergedInto);
      if (!into || into.row.id === h.row.id || into.row.unit_id !== h.row.unit_id || into.data.status !== 'active') return rejected(change.id, 'household.bad_merge', 'value.into');
    }
    target = {
      current: { status: h.data.status, reason: h.data.statusReason, mergedInto: h.data.mergedInto },
      set: () => { h.data.status = v.status; h.data.statusReason = v.reason; h.data.mergedInto = v.mergedInto; },
    };
  }

  const key = changeKey(change);
  const inForce = h.meta[key];
  const differs = JSON.stringify(target.current) !== JSON.stringify(value);
  // Ordered by when it was typed; a tie goes to the larger id, so every server agrees.
  const newer = !inForce || change.createdAt > inForce.at || (change.createdAt === inForce.at && change.id > inForce.changeId);
  const stale = change.baseRevision < Number(h.row.revision) && inForce !== undefined && inForce.rev > change.baseRevision;
  const conflict = stale && differs && change.resolve !== true;
  const applies = differs && (newer || change.resolve === true);

  const changeRow = toChangeRow(change, hash, h.row, p, receivedAt, value, applies, conflict);
  if (!(await insertChangeOnce(tx, changeRow))) return stillStored(tx, p, change.id, hash);

  if (conflict) {
    const entry = h.conflicts.find((c) => c.key === key);
    const incoming = { value, changeId: change.id, by, at: change.createdAt };
    if (entry) entry.values.push(incoming);
    else h.conflicts.push({ key, values: [{ value: target.current, changeId: inForce!.changeId, by: inForce!.by, at: inForce!.at }, incoming] });
    h.dirty = true;
  }
  if (change.resolve === true && h.conflicts.some((c) => c.key === key)) {
    h.conflicts = h.conflicts.filter((c) => c.key !== key);
    h.dirty = true;
  }
  if (applies) {
    target.set(value);
    const revision = Number(h.row.revision) + 1;
    h.row = { ...h.row, revision };
    h.meta[key] = { rev: revision, at: change.createdAt, changeId: change.id, by };
    h.dirty = true;
  }
  return { id: change.id, status: 'accepted', revision: Number(h.row.revision), ...(conflict ? { conflict: true } : {}) };
}

/**
 * A household this batch did not find at its start: created by a transaction that committed
 * since (PostgreSQL reads committed rows statement by statement). Locked and loaded now.
 */
async function lockLate(tx: DbHandle, w: Working, id: string): Promise<Working['households'] extends Map<string, infer H> ? H | undefined : never> {
  const row = (await lockHouseholds(tx, [id])).get(id);
  if (!row) return undefined;
  const entry = {
    row, data: JSON.parse(row.data_json) as HouseholdData, meta: JSON.parse(row.meta_json) as Record<string, KeyMeta>,
    conflicts: JSON.parse(row.conflicts_json) as HouseholdConflict[], dirty: false,
  };
  w.households.set(id, entry);
  for (const a of await findAssessments(tx, [id])) {
    w.assessments.set(`${a.household_id}|${a.checklist_id}|${a.period_id}`, { row: a, items: JSON.parse(a.items_json) as Assessment['items'], isNew: false, dirty: false });
  }
  return entry;
}

type WorkingAssessment = Working['assessments'] extends Map<string, infer A> ? A : never;

function assessmentFor(w: Working, h: HouseholdRow, checklist: ChecklistSet, periodId: string, by: string, at: string): WorkingAssessment {
  const k = `${h.id}|${checklist.id}|${periodId}`;
  let a = w.assessments.get(k);
  if (!a) {
    a = {
      row: {
        id: uuidv7(), household_id: h.id, unit_id: h.unit_id, commune_id: h.commune_id, checklist_id: checklist.id,
        checklist_version: checklist.version, period_id: periodId, items_json: '{}', by_name: by, at,
      },
      items: Object.fromEntries(checklist.items.map((i) => [i.code, null])), isNew: true, dirty: false,
    };
    w.assessments.set(k, a);
  }
  return a;
}

/** The id was stored meanwhile (a concurrent copy of this batch): duplicate if it is ours and the same. */
async function stillStored(tx: DbHandle, p: Principal, id: string, hash: string): Promise<HouseholdChangeResult> {
  const existing = (await findChangeIdentities(tx, [id])).get(id);
  return existing && existing.hash === hash && mayChange(p, existing.unitId, existing.communeId)
    ? { id, status: 'duplicate' }
    : rejected(id, 'household.change_conflict', 'id');
}

function toChangeRow(c: HouseholdChange, hash: string, h: HouseholdRow, p: Principal, receivedAt: string, value: unknown, applied: boolean, conflict: boolean) {
  return {
    id: c.id, household_id: c.householdId, unit_id: h.unit_id, commune_id: h.commune_id, kind: c.kind, change_key: changeKey(c),
    value_json: JSON.stringify(value), base_revision: c.baseRevision, created_at: c.createdAt, received_at: receivedAt,
    user_id: p.userId, user_name: p.name, device_id: p.deviceId, content_hash: hash, applied: applied ? 1 : 0, conflict: conflict ? 1 : 0,
  };
}
