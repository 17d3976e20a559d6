/**
 * The service worker's way into the data layer: one push of the outbox, with the very same
 * code the page uses, straight from IndexedDB. Kept apart from `field-data.ts` so the worker
 * bundle carries the outbox and nothing the screens need.
 */
import { fieldDb } from './db';
import { pushOutbox, type PushOutcome } from './push';

export function pushOutboxInBackground(): Promise<PushOutcome> {
  return pushOutbox({ db: fieldDb() });
}
