/**
 * The office imports a village's household list kept in Excel: the screen reads the file and
 * maps its columns; the server previews (`dryRun`), flagging likely duplicates — the same head
 * of household in the same hamlet, compared without diacritics — and writes nothing until the
 * office confirms. The households are then created through the same change path as a phone's,
 * so their history and sync are the same.
 */
import * as z from 'zod/mini';
import { HOUSEHOLD_FIELDS, type HouseholdChangeResult } from '../../shared/schemas/registers';
import { foldVietnamese } from '../../shared/registers';
import { uuidv7 } from '../../shared/ids';
import type { AppDeps } from '../context';
import type { Principal } from '../auth/policy';
import { listRegister } from '../db/queries/households';
import type { HouseholdData } from '../db/queries/records';
import { applyHouseholdChangesIn } from './changes';
import { inTransaction, type DbHandle } from '../db/handle';
import { findUnit } from '../db/queries/units';
import { actorOf, recordAudit } from '../db/queries/audit';
import { firstError, nulPath } from '../http/validation';
import { errorBody, type ErrorCode } from '../../shared/errors';

export const MAX_IMPORT_ROWS = 5000;

export const HouseholdImportRow = z.object({
  headName: HOUSEHOLD_FIELDS.headName,
  hamlet: z.optional(HOUSEHOLD_FIELDS.hamlet),
  address: z.optional(HOUSEHOLD_FIELDS.address),
  members: z.optional(HOUSEHOLD_FIELDS.members),
  poor: z.optional(z.boolean()),
  nearPoor: z.optional(z.boolean()),
});
export const HouseholdImport = z.object({
  rows: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)),
  /** true: only say what would happen. */
  dryRun: z.boolean(),
});
export const HouseholdImportResult = z.object({
  rows: z.array(z.object({
    index: z.number(),
    status: z.enum(['new', 'duplicate', 'invalid', 'created']),
    /** A household already in the register, or an earlier row of the file, with the same name and hamlet. */
    duplicateOf: z.optional(z.object({ householdId: z.optional(z.string()), row: z.optional(z.number()) })),
    code: z.optional(z.string()),
    /** The Vietnamese message for `code`, to show beside the row. */
    message: z.optional(z.string()),
    path: z.optional(z.string()),
  })),
  created: z.number(),
});
type ImportResult = z.infer<typeof HouseholdImportResult>;

const keyOf = (headName: string, hamlet: string | null | undefined) => `${foldVietnamese(headName)}|${foldVietnamese(hamlet ?? '')}`;

export async function importRows(deps: AppDeps, p: Principal, unitId: string, body: z.infer<typeof HouseholdImport>): Promise<ImportResult> {
  if (body.dryRun) return classify(deps.db, body, unitId).then(({ out }) => ({ rows: out, created: 0 }));
  // The register is read, compared and written in one transaction holding the unit's row:
  // two imports of one file at once take turns, and the second finds the first's households.
  return inTransaction(deps.db, async (tx) => {
    await findUnit(tx, unitId, 'update');
    const { out, fresh } = await classify(tx, body, unitId);
    const created = fresh.length === 0 ? 0 : await create(tx, deps, p, unitId, out, fresh);
    // The trail says an import happened and how big it was; never whose names it held.
    await recordAudit(tx, {
      actor: actorOf(p), at: deps.clock().toISOString(), communeId: p.communeId, action: 'household.import', entity: 'unit', entityId: unitId,
      after: { rows: body.rows.length, created, duplicates: out.filter((r) => r.status === 'duplicate').length, invalid: out.filter((r) => r.status === 'invalid').length },
    });
    return { rows: out, created };
  });
}

type Fresh = { index: number; row: z.infer<typeof HouseholdImportRow> }[];

async function classify(db: DbHandle, body: z.infer<typeof HouseholdImport>, unitId: string): Promise<{ out: ImportResult['rows']; fresh: Fresh }> {
  const { households } = await listRegister(db, unitId);
  const known = new Map<string, string>();
  for (const h of households) {
    const data = JSON.parse(h.data_json) as HouseholdData;
    if (data.status === 'active') known.set(keyOf(data.headName, data.hamlet), h.id);
  }
  const seen = new Map<string, number>();
  const out: ImportResult['rows'] = [];
  const fresh: Fresh = [];
  body.rows.forEach((raw, index) => {
    const nul = nulPath(raw);
    const parsed = HouseholdImportRow.safeParse(raw);
    if (nul !== null || !parsed.success) {
      // The row's own error, named like any other bad input: `rows.3.members`, value.too_large…
      const e = nul !== null ? { code: 'value.invalid' as const, path: nul } : firstError(parsed.error!, raw);
      const body = errorBody(e.code as ErrorCode, undefined);
      out.push({ index, status: 'invalid', code: body.code, message: body.message, path: `rows.${index}${e.path ? '.' + e.path : ''}` });
      return;
    }
    const key = keyOf(parsed.data.headName, parsed.data.hamlet);
    const inRegister = known.get(key);
    const earlier = seen.get(key);
    if (inRegister !== undefined) out.push({ index, status: 'duplicate', duplicateOf: { householdId: inRegister } });
    else if (earlier !== undefined) out.push({ index, status: 'duplicate', duplicateOf: { row: earlier } });
    else {
      out.push({ index, status: 'new' });
      fresh.push({ index, row: parsed.data });
    }
    if (earlier === undefined) seen.set(key, index);
  });
  return { out, fresh };
}

async function create(tx: DbHandle, deps: AppDeps, p: Principal, unitId: string, out: ImportResult['rows'], fresh: Fresh): Promise<number> {
  // Likely duplicates and invalid rows are left for the office to fix in the file; the rest is written.
  const now = deps.clock();
  let created = 0;
  for (let i = 0; i < fresh.length; i += 500) {
    const chunk = fresh.slice(i, i + 500);
    const results: HouseholdChangeResult[] = await applyHouseholdChangesIn(tx, deps, p, chunk.map(({ row }) => ({
      id: uuidv7(now.getTime()), householdId: uuidv7(now.getTime()), kind: 'create', value: { unitId, ...row }, baseRevision: 0,
      createdAt: now.toISOString(),
    })));
    results.forEach((r, j) => {
      const entry = out.find((o) => o.index === chunk[j]!.index)!;
      if (r.status === 'accepted') {
        entry.status = 'created';
        created++;
      } else {
        entry.status = 'invalid';
        if (r.code) entry.code = r.code;
        if (r.message) entry.message = r.message;
      }
    });
  }
  return created;
}
