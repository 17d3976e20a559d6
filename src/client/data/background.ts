/**
 * The service worker's way into the data layer: one push of the outbox, with the very same
 * code the page uses, straight from IndexedDB. Kept apart from `field-data.ts` so the worker
 * bundle carries the outbox and nothing the screens need.
 */
import { fieldDb } from './db';
import type { PushOutcome } from './push';
import { pushEverything } from './household-push';

/** Reports and household register changes, like the page's sync (household-push.ts). */
export function pushOutboxInBackground(): Promise<PushOutcome> {
  return pushEverything({ db: fieldDb() });
}
