/**
 * The service worker. It keeps the app shell so the app opens with no signal, answers every
 * navigation with index.html (the router decides), never touches /api (reports must reach the
 * server or fail visibly, never be answered from a cache), and on Background Sync pushes the
 * outbox with the very same code the page uses, straight from IndexedDB.
 */
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { pushOutboxInBackground } from '../data/background';

// The DOM lib has no worker event types (and 'webworker' conflicts with it): the few we use.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
interface WorkerScope {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
}
declare const self: WorkerScope;

// The build replaces self.__WB_MANIFEST with the list of the field app's files and their hashes.
precacheAndRoute(self.__WB_MANIFEST);
// Drop caches left by older Workbox versions so a phone's storage does not fill up with them.
cleanupOutdatedCaches();
// Any page address (/, /report/…, /settings, /enroll?code=…) opens the cached shell, offline too;
// /api is excluded so the server's answers are always live.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api(\/|$)/] }));

// registerType 'prompt': the new version waits until the page, after saving drafts, asks it to
// take over (G7). Never skipWaiting on install.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first installation takes the open page at once, so the app that just enrolled is already
// served offline-capable; later versions still wait for "Cập nhật" (they only activate on SKIP_WAITING).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Background Sync: the browser wakes us when the connection is back, even with the app closed.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'outbox') return;
  event.waitUntil(
    pushOutboxInBackground().then((outcome) => {
      // Rejecting tells the browser to try this sync again later, with its own backoff.
      if (outcome.failure === 'network' || outcome.failure === 'server') throw new Error(`outbox push: ${outcome.failure}`);
    }),
  );
});
