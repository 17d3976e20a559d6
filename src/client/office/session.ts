/**
 * The office session: the token lives in sessionStorage, so it ends with the browser tab
 * (office computers are shared) and never reaches the field app's IndexedDB.
 */
import { createSignal } from 'solid-js';
import type { PublicUser } from '../../shared/schemas/users';

const KEY = 'sothidua.office.session';

export interface OfficeSession {
  token: string;
  user: PublicUser;
}

function load(): OfficeSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as OfficeSession) : null;
  } catch {
    return null;
  }
}

const [session, setSessionSignal] = createSignal<OfficeSession | null>(load());
export { session };

export function setSession(next: OfficeSession | null): void {
  try {
    if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the session lives in memory for this page only.
  }
  setSessionSignal(next);
}
