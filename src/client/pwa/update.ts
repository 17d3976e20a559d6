/**
 * G7: an app update never loses work. Screens holding unsaved input register a flush here;
 * "Cập nhật" runs every flush (each writes its draft to IndexedDB) before the new service
 * worker takes over and the page reloads.
 */
const flushers = new Set<() => Promise<void>>();

/** Registers a draft flush; returns the function that unregisters it (call on cleanup). */
export function onBeforeUpdate(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function flushBeforeUpdate(): Promise<void> {
  await Promise.all([...flushers].map((flush) => flush()));
}
