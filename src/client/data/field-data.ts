/**
 * What field screens may ask of the phone's storage and the server: one facade over the data
 * layer, so no screen holds the raw IndexedDB (a screen that could query Dexie directly would
 * be one more place that reads the outbox its own way). Each method is the data module's
 * function with the database already bound; the wall check (test/unit/walls.test.ts) keeps
 * `data/db.ts` out of everything outside `data/`.
 */
import { fieldDb, type FieldDb, type MetaValues } from './db';
import { allMeta, setMeta } from './meta';
import { loadUnitData } from './unit-data';
import { loadDraft, saveDraft, discardDraft } from './drafts';
import { queueReport } from './outbox';
import { downloadUnsent } from './download';
import { enrollDevice } from './enroll';
import { saveDeviceName } from './device-name';
import { startSyncController } from './sync-controller';
import { loadRegisterCounts } from './register-count';
import { loadVillageNtm } from './ntm';
import { loadRegister } from './register-data';
import {
  createHousehold, editHousehold, tickItem, moveHousehold, mergeHousehold, confirmConflictValue, dismissRefused,
} from './household-changes';

export interface OutboxCounts {
  /** Queued or on the wire. */
  waiting: number;
  rejected: number;
  /** The period of the first refused report, to open its form. */
  firstRejected: string | null;
  /** Household register changes queued or on the wire (the one sync state counts them too). */
  householdWaiting: number;
  /** Household register changes the server refused (shown in the register). */
  householdRejected: number;
}

function bind(db: FieldDb) {
  return {
    meta: () => allMeta(db),
    setMeta: <K extends keyof MetaValues>(key: K, value: MetaValues[K]) => setMeta(db, key, value),
    unitData: () => loadUnitData(db),
    /** The village's NTM criteria inputs (the commune's village-level set, own states and register). */
    villageNtm: () => loadVillageNtm(db),
    loadDraft: (periodId: string) => loadDraft(db, periodId),
    saveDraft: (draft: Parameters<typeof saveDraft>[1]) => saveDraft(db, draft),
    discardDraft: (periodId: string) => discardDraft(db, periodId),
    queueReport: (report: Parameters<typeof queueReport>[1], options?: Parameters<typeof queueReport>[2]) => queueReport(db, report, options),
    /** Counted on the status index and only the (few) refused reports read: this re-runs on
     * every outbox write, and reading a thousand waiting reports each time slowed their delivery. */
    outboxCounts: async (): Promise<OutboxCounts> => {
      const [waiting, refused, householdWaiting, householdRejected] = await Promise.all([
        db.outbox.where('status').anyOf('queued', 'sending').count(),
        db.outbox.where('status').equals('rejected').toArray(),
        db.householdOutbox.where('status').anyOf('queued', 'sending').count(),
        db.householdOutbox.where('status').equals('rejected').count(),
      ]);
      return { waiting, rejected: refused.length, firstRejected: refused[0]?.periodId ?? null, householdWaiting, householdRejected };
    },
    // ---- household register (issue 10): each resolves once the change is on disk and queued ----
    register: () => loadRegister(db),
    createHousehold: (unitId: string, fields: Parameters<typeof createHousehold>[2]) => createHousehold(db, unitId, fields),
    editHousehold: <F extends Parameters<typeof editHousehold>[2]>(id: string, field: F, value: Parameters<typeof editHousehold<F>>[3]) =>
      editHousehold(db, id, field, value),
    tickItem: (householdId: string, checklistId: string, periodId: string, itemId: string, value: boolean | null) =>
      tickItem(db, householdId, checklistId, periodId, itemId, value),
    moveHousehold: (id: string, reason: string) => moveHousehold(db, id, reason),
    mergeHousehold: (id: string, into: string, reason: string) => mergeHousehold(db, id, into, reason),
    confirmConflict: (householdId: string, key: string, value: unknown) => confirmConflictValue(db, householdId, key, value),
    dismissRefusedChange: (changeId: string) => dismissRefused(db, changeId),
    /** Everything in the outbox, refused reports included: what a revoked phone still holds. */
    unsentCount: () => db.outbox.count(),
    downloadUnsent: () => downloadUnsent(db),
    enroll: (code: string, deviceName: string) => enrollDevice({ db }, code, deviceName),
    /** The phone's own name, kept here first and sent to the server with the next sync. */
    saveDeviceName: (name: string) => saveDeviceName({ db }, name),
    /** Asks the browser to keep this site's storage (an installed PWA usually gets it) and remembers the answer. */
    askToPersist: async (): Promise<boolean | null> => {
      if (!navigator.storage?.persist) {
        await setMeta(db, 'persisted', null);
        return null;
      }
      let granted = false;
      try {
        granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
      } catch {
        granted = false;
      }
      await setMeta(db, 'persisted', granted);
      return granted;
    },
    startSync: () => startSyncController({ db }),
    /** Linked targets: the unit's register count for each register-linked target in a period. */
    registerCounts: (periodId: string, targets: Parameters<typeof loadRegisterCounts>[2]) => loadRegisterCounts(db, periodId, targets),
  };
}

export type FieldData = ReturnType<typeof bind>;

/** The facade over this phone's database (one per page or service worker). */
export function openFieldData(db: FieldDb = fieldDb()): FieldData {
  return bind(db);
}
