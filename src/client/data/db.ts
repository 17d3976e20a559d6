/**
 * The phone's database (IndexedDB through Dexie). It owns everything the field app knows
 * offline: the synced copy of the unit's plans and targets, the drafts being typed, and the
 * outbox of reports not yet receipted by the server. Every schema version stays in this file,
 * because a phone may skip releases and must be able to upgrade from any of them.
 */
import Dexie, { type Table } from 'dexie';
import type {
  Unit, Plan, Period, Target, Assignment, StoredReport, Review, Household, Assessment, ReportSubmission, PublicUser,
  HouseholdChange, ChecklistSet,
} from '../../shared/schemas';
import type { NtmStateRecord, NtmTrackerRecord } from '../../shared/schemas/ntm';

export const DB_NAME = 'so-thi-dua';

/** What the server said when it refused a report, kept to show the user. */
export interface OutboxError {
  code: string;
  message: string;
  path?: string;
}

export type OutboxStatus = 'queued' | 'sending' | 'rejected';

/** A report waiting for the server's receipt. Leaves this table only when the receipt arrives. */
export interface OutboxItem {
  id: string;
  report: ReportSubmission;
  status: OutboxStatus;
  attempts: number;
  lastError: OutboxError | null;
  /** Device time (ms) when "Gửi" was pressed. */
  queuedAt: number;
  /** Version 2: copied from report.periodId so the form can find its pending report by index. */
  periodId: string;
}

/**
 * What the user typed into a report form, exactly as typed (so "2.5" stays "2.5" and the
 * reading can be shown again). Keys: targetId, `${targetId}/n`, `${targetId}/d` for rates.
 */
export interface Draft {
  periodId: string;
  fields: Record<string, string>;
  note: string;
  updatedAt: number;
  /** Version 2: the returned report this draft corrects, so the correction supersedes it. */
  supersedes: string | null;
}

/**
 * A household change (create, field edit, item tick, move, merge, confirming a disputed value)
 * waiting for the server's receipt. Like a report in the outbox it leaves this table only when
 * the server names its id as accepted or duplicate; a refused one stays, with the reason.
 */
export interface HouseholdOutboxItem {
  id: string;
  change: HouseholdChange;
  /** Copied from change.householdId: the register marks households with changes not yet sent. */
  householdId: string;
  status: OutboxStatus;
  attempts: number;
  lastError: OutboxError | null;
  /** Device time (ms) when it was made; the push sends oldest first. */
  queuedAt: number;
  /** The value it replaced on this phone, put back if the server refuses the change. */
  before?: unknown;
}

/** Key-value settings and sync state; see meta.ts for the typed accessors. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export interface MetaValues {
  token: string;
  deviceId: string;
  user: PublicUser;
  cursor: string;
  /** Server time minus phone time at the last sync response (ms). */
  serverOffsetMs: number;
  /** Device time (ms) of the last successful sync. */
  lastSyncAt: number;
  /** The answer of navigator.storage.persist(): true, false, or null when not asked/unsupported. */
  persisted: boolean | null;
  locale: 'vi' | 'en';
  /** Set when the server said this device was revoked; cleared only by enrolling again. */
  revoked: boolean;
  /** Set when the device ran out of storage; shown until a write succeeds again. */
  quotaError: boolean;
  setupChecked: boolean;
  /** The phone's name for the office's device list, and whether the server still has to hear it. */
  deviceName: string;
  deviceNamePending: boolean;
}

/** Version 1 as first shipped. Never edit it: phones in the field may still hold it. */
export const SCHEMA_V1 = {
  meta: 'key',
  units: 'id',
  plans: 'id',
  periods: 'id, planId',
  targets: 'id, planId',
  assignments: 'id, unitId, targetId',
  reports: 'id, periodId, unitId',
  reviews: 'id, reportId',
  households: 'id, unitId',
  outbox: 'id, status, queuedAt',
  drafts: 'periodId',
} as const;

/** Version 2: outbox indexed by period (the form shows a period's pending report). */
export const SCHEMA_V2 = { ...SCHEMA_V1, outbox: 'id, status, queuedAt, periodId', drafts: 'periodId, updatedAt' } as const;

/** Version 3: household registers — the ticks of each household per checklist and period. */
export const SCHEMA_V3 = { ...SCHEMA_V2, assessments: 'id, householdId' } as const;

/**
 * Version 4: the NTM tracker (the commune's criteria choices and the own village's indicator
 * states), the household change queue, the checklists (so a phone can tick offline), and
 * assessments findable by household, checklist and period (the walk screen's lookup; the
 * server makes an assessment's id, so a tick made offline is kept under a local id until the
 * server's copy arrives).
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  assessments: 'id, householdId, [checklistId+periodId]',
  householdOutbox: 'id, status, queuedAt, householdId',
  checklists: 'id',
  ntmTrackers: 'id',
  ntmStates: 'id, unitId',
} as const;

export class FieldDb extends Dexie {
  meta!: Table<MetaRow, string>;
  units!: Table<Unit, string>;
  plans!: Table<Plan, string>;
  periods!: Table<Period, string>;
  targets!: Table<Target, string>;
  assignments!: Table<Assignment, string>;
  reports!: Table<StoredReport, string>;
  reviews!: Table<Review, string>;
  households!: Table<Household, string>;
  assessments!: Table<Assessment, string>;
  ntmTrackers!: Table<NtmTrackerRecord, string>;
  ntmStates!: Table<NtmStateRecord, string>;
  outbox!: Table<OutboxItem, string>;
  drafts!: Table<Draft, string>;
  householdOutbox!: Table<HouseholdOutboxItem, string>;
  checklists!: Table<ChecklistSet, string>;

  constructor(name: string = DB_NAME, upTo: 1 | 2 | 3 | 4 = 4) {
    // 'strict' makes Chrome flush a transaction to disk before reporting it complete, so
    // "Đã lưu trên máy" is true even if the battery dies the next second (G1). Dexie's live-query
    // cache is off: it replays every write onto cached query results inside the writing
    // transaction, which "Gửi" and a 500-report receipt waited for; live queries re-read instead.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    this.version(1).stores(SCHEMA_V1);
    if (upTo >= 2) {
      this.version(2)
        .stores(SCHEMA_V2)
        .upgrade(async (tx) => {
          await tx.table('outbox').toCollection().modify((item: Partial<OutboxItem>) => {
            item.periodId = item.report?.periodId ?? '';
          });
          await tx.table('drafts').toCollection().modify((draft: Partial<Draft>) => {
            if (draft.supersedes === undefined) draft.supersedes = null;
          });
        });
    }
    if (upTo >= 3) this.version(3).stores(SCHEMA_V3);
    // New tables and one more index only: Dexie builds the index over the rows already there.
    if (upTo >= 4) this.version(4).stores(SCHEMA_V4);
  }
}

let shared: FieldDb | null = null;

/** The app's one database connection (page or service worker). */
export function fieldDb(): FieldDb {
  shared ??= new FieldDb();
  return shared;
}

/**
 * The "storage full" warning (G8): set when a write fails for lack of space, cleared by the
 * next write that succeeds. Kept in memory too so a successful keystroke costs no extra read.
 */
const quotaFlagged = new WeakMap<FieldDb, boolean>();
export async function noteWriteOutcome(db: FieldDb, error: unknown | null): Promise<void> {
  if (error !== null) {
    if (!isQuotaError(error)) return;
    quotaFlagged.set(db, true);
    await db.meta.put({ key: 'quotaError', value: true }).catch(() => undefined);
    return;
  }
  if (!quotaFlagged.has(db)) quotaFlagged.set(db, (await db.meta.get('quotaError'))?.value === true);
  if (!quotaFlagged.get(db)) return;
  quotaFlagged.set(db, false);
  await db.meta.put({ key: 'quotaError', value: false });
}

/** True for the errors a full disk produces, which the UI must show (G8). */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
