/**
 * The sync controller's schedule, on fake timers: it syncs at start, when the connection
 * returns, on "Đồng bộ ngay" (without piling runs up), retries with a growing back-off while
 * the server cannot be reached, and otherwise pulls every ten minutes. Push and pull are
 * fakes here: what they do is tested in test/integration/client-*.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSyncController, syncState, PERIODIC_MS, type SyncController, type SyncSeams } from '../../src/client/data/sync-controller';
import type { PushOutcome } from '../../src/client/data/push';
import type { PullOutcome } from '../../src/client/data/sync';
import type { FieldDb } from '../../src/client/data/db';

const pushed = (failure: PushOutcome['failure'] = null): PushOutcome => ({ delivered: 0, rejected: 0, remaining: 0, failure });
const pulled = (failure: PullOutcome['failure'] = null) => ({ failure }) as PullOutcome;

class FakePage extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

let online: boolean;
let connection: EventTarget;
let page: FakePage;
let push: ReturnType<typeof vi.fn<SyncSeams['push']>>;
let pull: ReturnType<typeof vi.fn<SyncSeams['pull']>>;
let controller: SyncController | null = null;
/** The back-off the controller asked for, by attempt: attempt × 1 s here, to read easily. */
const retryDelay = vi.fn((attempt: number) => attempt * 1_000);

function start(): SyncController {
  controller = startSyncController({ db: {} as FieldDb }, { push, pull, retryDelay, connection, page, isOnline: () => online });
  return controller;
}

/** Lets the promise chains of a run settle without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  online = true;
  connection = new EventTarget();
  page = new FakePage();
  push = vi.fn<SyncSeams['push']>(async () => pushed());
  pull = vi.fn<SyncSeams['pull']>(async () => pulled());
  retryDelay.mockClear();
});

afterEach(() => {
  controller?.stop();
  controller = null;
  vi.useRealTimers();
});

describe('sync controller schedule', () => {
  it('syncs at start, pushing before pulling, then every ten minutes', async () => {
    const order: string[] = [];
    push.mockImplementation(async () => (order.push('push'), pushed()));
    pull.mockImplementation(async () => (order.push('pull'), pulled()));
    start();
    await settle();
    expect(order).toEqual(['push', 'pull']);
    await vi.advanceTimersByTimeAsync(PERIODIC_MS - 1);
    expect(push).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(push).toHaveBeenCalledTimes(2);
  });

  it('backs off while the server cannot be reached, longer each time, and resets after a success', async () => {
    push.mockResolvedValueOnce(pushed('network')).mockResolvedValueOnce(pushed('server')).mockResolvedValue(pushed());
    start();
    await settle();
    expect(retryDelay).toHaveBeenLastCalledWith(1);
    expect(pull).not.toHaveBeenCalled(); // a failed push does not pull

    await vi.advanceTimersByTimeAsync(999);
    expect(push).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(push).toHaveBeenCalledTimes(2);
    expect(retryDelay).toHaveBeenLastCalledWith(2);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(push).toHaveBeenCalledTimes(3);
    expect(pull).toHaveBeenCalledTimes(1);
    // Success: back to the ten-minute rhythm, and the next failure starts again at attempt 1.
    push.mockResolvedValueOnce(pushed('network'));
    await vi.advanceTimersByTimeAsync(PERIODIC_MS);
    expect(retryDelay).toHaveBeenLastCalledWith(1);
  });

  it('a pull that fails on the network backs off the same way', async () => {
    pull.mockResolvedValueOnce(pulled('network'));
    start();
    await settle();
    expect(retryDelay).toHaveBeenLastCalledWith(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pull).toHaveBeenCalledTimes(2);
  });

  it('does not retry a refusal (revoked, auth) on a timer', async () => {
    push.mockResolvedValue(pushed('revoked'));
    start();
    await settle();
    expect(retryDelay).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(PERIODIC_MS * 3);
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('with no connection does not try, and syncs at once when it returns (resetting the back-off)', async () => {
    online = false;
    start();
    await settle();
    expect(push).not.toHaveBeenCalled();
    online = true;
    push.mockResolvedValueOnce(pushed('network')); // first try after coming back fails…
    connection.dispatchEvent(new Event('online'));
    await settle();
    expect(push).toHaveBeenCalledTimes(1);
    expect(retryDelay).toHaveBeenLastCalledWith(1);
    connection.dispatchEvent(new Event('online')); // …signal flickers: tried again at once
    await settle();
    expect(push).toHaveBeenCalledTimes(2);
    expect(retryDelay).toHaveBeenCalledTimes(1);
  });

  it('"Đồng bộ ngay" pressed offline is answered (the badge says so) until the connection returns; the start-up try is not', async () => {
    online = false;
    const c = start();
    await settle();
    expect(syncState.askedOffline()).toBe(false); // nobody asked
    await c.syncNow('manual');
    expect(syncState.askedOffline()).toBe(true);
    expect(syncState.online()).toBe(false);
    expect(push).not.toHaveBeenCalled();
    online = true;
    connection.dispatchEvent(new Event('online'));
    await settle();
    expect(syncState.askedOffline()).toBe(false);
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('"Đồng bộ ngay" during a sync runs exactly one more sync after it, however often pressed', async () => {
    let release!: () => void;
    push.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(pushed()))));
    const c = start();
    await settle();
    const presses = [c.syncNow('manual'), c.syncNow('manual'), c.syncNow('manual')];
    release();
    await Promise.all(presses);
    expect(push).toHaveBeenCalledTimes(2);
    expect(pull).toHaveBeenCalledTimes(2);
  });

  it('syncs when the app comes back to the foreground', async () => {
    start();
    await settle();
    page.visibilityState = 'visible';
    page.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(push).toHaveBeenCalledTimes(2);
  });

  it('stops: no timer fires and no event starts a sync', async () => {
    const c = start();
    await settle();
    c.stop();
    connection.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(PERIODIC_MS * 2);
    expect(push).toHaveBeenCalledTimes(1);
  });
});
