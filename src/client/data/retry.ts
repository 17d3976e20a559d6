/**
 * When to try again after a network or server failure. Used by the sync controller; kept
 * apart so the policy reads (and is tested) on its own.
 */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * How long to wait before retry number `attempt` (1 = first retry): exponential backoff with
 * full jitter, so a hundred phones regaining signal at the same cell tower don't all knock
 * at the same second.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
