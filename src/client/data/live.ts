/**
 * IndexedDB as the UI's source of truth (G5): Dexie's liveQuery re-runs a query whenever a
 * transaction touches its tables (in this tab, other tabs, or the service worker), and this
 * turns it into a Solid signal. Screens therefore look the same offline, after a reload, or a
 * week later: they never render from a network response.
 */
import { liveQuery } from 'dexie';
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export function createLive<T>(query: () => Promise<T>, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial, { equals: false });
  const subscription = liveQuery(query).subscribe({
    next: (v) => setValue(() => v),
    error: (e) => console.error('liveQuery failed', e),
  });
  onCleanup(() => subscription.unsubscribe());
  return value;
}

/** Same, but `undefined` until the first answer, so a screen can wait instead of flashing "empty". */
export function createLiveOnce<T>(query: () => Promise<T>): Accessor<T | undefined> {
  return createLive<T | undefined>(query, undefined);
}
