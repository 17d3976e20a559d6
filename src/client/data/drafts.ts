/**
 * Drafts: what the user has typed into a period's form and not yet sent. Saved on every
 * keystroke (the form debounces lightly), restored when the form opens again, removed in the
 * same transaction that queues the report (outbox.ts).
 */
import type { Draft, FieldDb } from './db';
import { noteWriteOutcome } from './db';

export async function loadDraft(db: FieldDb, periodId: string): Promise<Draft | undefined> {
  return db.drafts.get(periodId);
}

export async function saveDraft(db: FieldDb, draft: Omit<Draft, 'updatedAt'>, now = Date.now()): Promise<void> {
  try {
    await db.drafts.put({ ...draft, updatedAt: now });
  } catch (error) {
    await noteWriteOutcome(db, error);
    throw error;
  }
  await noteWriteOutcome(db, null);
}

export async function discardDraft(db: FieldDb, periodId: string): Promise<void> {
  await db.drafts.delete(periodId);
}

/** A draft with nothing typed is not worth keeping (opening a form must not create one). */
export function isEmptyDraft(draft: Pick<Draft, 'fields' | 'note'>): boolean {
  return draft.note.trim() === '' && Object.values(draft.fields).every((v) => v.trim() === '');
}
