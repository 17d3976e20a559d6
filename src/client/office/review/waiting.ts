/**
 * How many reports wait for a decision, for the nav link. One list request of up to 100 ids
 * (no count endpoint): beyond that the office sees "99+", which is all a badge needs to say.
 */
import { createSignal } from 'solid-js';
import { listReports } from '../api';

export const WAITING_CAP = 100;
const [waiting, setWaiting] = createSignal<number | null>(null);
export { waiting };

export async function refreshWaiting(): Promise<void> {
  try {
    const page = await listReports({ state: 'submitted', limit: WAITING_CAP });
    setWaiting(page.next ? WAITING_CAP : page.reports.length);
  } catch {
    // The badge is a convenience: the screen itself says what went wrong.
    setWaiting(null);
  }
}

/** "3", or "99+" once the cap is reached. */
export function waitingLabel(count: number): string {
  return count >= WAITING_CAP ? `${WAITING_CAP - 1}+` : String(count);
}
