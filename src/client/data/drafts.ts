/**
 * Drafts: what the user has typed into a period's form and not yet sent. Saved on every
 * keystroke (the form debounces lightly), restored when the form opens again, removed in the
 * same transaction that queues the report (outbox.ts).
 */
import type { Draft, FieldDb } from './db';
import { isQuotaError } from './db';
import { setMeta } from './meta';

export async function loadDraft(db: FieldDb, periodId: string): Promise<Draft | undefined> {
  return db.drafts.get(periodId);
}

export async function saveDraft(db: FieldDb, draft: Omit<Draft, 'updatedAt'>, now = Date.now()): Promise<void> {
  try {
    await db.drafts.put({ ...draft, updatedAt: now });
  } catch (error) {
    if (isQuotaError(error)) await setMeta(db, 'quotaError', true).catch(() => undefined);
    throw error;
  }
}

export async function discardDraft(db: FieldDb, periodId: string): Promise<void> {
  await db.drafts.delete(periodId);
}

/** A draft with nothing typed is not worth keeping (opening a form must not create one). */
export function isEmptyDraft(draft: Pick<Draft, 'fields' | 'note'>): boolean {
  return draft.note.trim() === '' && Object.values(draft.fields).every((v) => v.trim() === '');
}
