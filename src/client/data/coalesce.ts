/**
 * Runs a task one at a time. A request while it runs schedules exactly one more run after it
 * (the running one may have read its input before the request's cause, e.g. a report queued
 * mid-sync); further requests meanwhile share that follow-up instead of piling up.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let followUp: Promise<void> | null = null;
  const request = (): Promise<void> => {
    if (followUp) return followUp;
    if (running) {
      followUp = running.then(() => {
        followUp = null;
        return request();
      });
      return followUp;
    }
    running = task().finally(() => {
      running = null;
    });
    return running;
  };
  return request;
}
