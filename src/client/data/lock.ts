/**
 * One outbox push at a time per device. The page and the service worker (Background Sync)
 * may both try to push; a Web Lock serialises them across contexts. Where Web Locks are
 * missing (old browsers, Node tests), a promise chain serialises pushes within this context.
 */
const LOCK_NAME = 'so-thi-dua-outbox';
let chain: Promise<unknown> = Promise.resolve();

export function withOutboxLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request(LOCK_NAME, work) as Promise<T>;
  const run = chain.then(work, work);
  chain = run.catch(() => undefined);
  return run;
}
