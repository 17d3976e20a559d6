/**
 * When the phone syncs, and what the UI knows about it. It owns the schedule: at app start,
 * when the connection returns, after each "Gửi", on "Đồng bộ ngay", and on a timer that backs
 * off exponentially with jitter while the server cannot be reached. One sync runs at a time;
 * each pushes the outbox first (so the office gets reports soonest), then pulls.
 */
import { createSignal } from 'solid-js';
import type { FieldDb } from './db';
import type { HttpDeps } from './http';
import { pushOutbox, type PushFailure, type PushProgress } from './push';
import { pushEverything } from './household-push';
import { retryDelayMs } from './retry';
import { pullSync, type PullFailure } from './sync';
import { coalesced } from './coalesce';
import { pushDeviceName } from './device-name';

export type SyncProblem = PushFailure | PullFailure | 'client' | null;

const [syncing, setSyncing] = createSignal(false);
const [progress, setProgress] = createSignal<PushProgress | null>(null);
const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
const [problem, setProblem] = createSignal<SyncProblem>(null);
/** Pages fetched so far in a pull that runs long (first sync of a big commune); 0 otherwise. */
const [pullPages, setPullPages] = createSignal(0);
/** "Đồng bộ ngay" was pressed with no connection, so the badge answers "Chưa có mạng, sẽ tự gửi"; cleared when it returns. */
const [askedOffline, setAskedOffline] = createSignal(false);
export const syncState = { syncing, progress, online, problem, pullPages, askedOffline };

/** While signals are good, pull the office's decisions this often. */
export const PERIODIC_MS = 10 * 60_000;
/** Show the progress bar only for syncs with this many reports or more ("a long sync"). */
const PROGRESS_THRESHOLD = 20;

export interface SyncController {
  syncNow(reason?: string): Promise<void>;
  stop(): void;
}

/**
 * What the schedule reacts to and what it runs; the browser's own by default. Tests hand in
 * fakes to check the schedule alone (test/unit/client-sync-controller.test.ts).
 */
export interface SyncSeams {
  push: typeof pushOutbox;
  pull: typeof pullSync;
  retryDelay: (attempt: number) => number;
  /** Where 'online' and 'offline' arrive (window). */
  connection: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Where 'visibilitychange' arrives (document), and whether the page is visible. */
  page: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState: DocumentVisibilityState };
  /** navigator.onLine: false is reliable, true is not. */
  isOnline: () => boolean;
}

const browserSeams = (): SyncSeams => ({
  // Reports, then the household register's changes: one schedule, one retry policy.
  push: pushEverything,
  pull: pullSync,
  retryDelay: retryDelayMs,
  connection: window,
  page: document,
  isOnline: () => navigator.onLine,
});

export function startSyncController(deps: HttpDeps & { db: FieldDb }, seams: SyncSeams = browserSeams()): SyncController {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void syncNow('timer'), ms);
  };

  async function runOnce(): Promise<void> {
    // With no connection at all a push can only fail, after marking its batch 'sending' and
    // back: two durable writes that a "Gửi" pressed meanwhile waits behind. The 'online'
    // event starts the next sync (navigator.onLine false is reliable; true is not).
    if (!seams.isOnline()) {
      setOnline(false);
      return;
    }
    setSyncing(true);
    setProblem(null);
    try {
      const pushed = await seams.push({
        ...deps,
        onProgress: (p) => setProgress(p.total >= PROGRESS_THRESHOLD ? p : null),
      });
      if (pushed.failure === 'not_enrolled') return;
      if (pushed.failure) {
        setProblem(pushed.failure);
        if (pushed.failure === 'network' || pushed.failure === 'server') schedule(seams.retryDelay(++failures));
        return;
      }
      const pulled = await seams.pull({ ...deps, onPage: (p) => setPullPages(p.pages >= 2 ? p.pages : 0) });
      if (pulled.failure) {
        setProblem(pulled.failure);
        if (pulled.failure === 'network' || pulled.failure === 'server') schedule(seams.retryDelay(++failures));
        return;
      }
      failures = 0;
      // A phone name typed offline goes now; failing it never fails the sync.
      await pushDeviceName(deps).catch(() => false);
      schedule(PERIODIC_MS);
    } catch (error) {
      console.error('sync failed', error);
      setProblem('client');
      schedule(seams.retryDelay(++failures));
    } finally {
      setProgress(null);
      setPullPages(0);
      setSyncing(false);
    }
  }

  const runCoalesced = coalesced(runOnce);
  function syncNow(reason = 'manual'): Promise<void> {
    if (reason === 'manual' && !seams.isOnline()) setAskedOffline(true);
    return runCoalesced();
  }

  const onOnline = () => {
    setOnline(true);
    setAskedOffline(false);
    failures = 0;
    void syncNow('online');
  };
  const onOffline = () => setOnline(false);
  const onVisible = () => {
    if (seams.page.visibilityState === 'visible' && seams.isOnline()) void syncNow('visible');
  };
  seams.connection.addEventListener('online', onOnline);
  seams.connection.addEventListener('offline', onOffline);
  seams.page.addEventListener('visibilitychange', onVisible);
  void syncNow('start');

  return {
    syncNow,
    stop() {
      clearTimeout(timer);
      seams.connection.removeEventListener('online', onOnline);
      seams.connection.removeEventListener('offline', onOffline);
      seams.page.removeEventListener('visibilitychange', onVisible);
    },
  };
}

/**
 * Asks the browser to run the outbox push from the service worker when the connection
 * returns, even if the app is closed by then (Background Sync; Chrome on Android has it).
 */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register('outbox');
  } catch {
    // Not supported or not allowed: the page's own timer and online event still deliver.
  }
}
