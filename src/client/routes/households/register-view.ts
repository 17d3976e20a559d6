/**
 * What the register screens share: the live register from IndexedDB, the checklist and period
 * being assessed, and the list's filter. The choice and filter live at module level so the walk
 * screen goes through the very households the list showed, and coming back keeps the filter.
 */
import { createMemo, createSignal } from 'solid-js';
import { useApp, type AppContextValue } from '../../app-context';
import { requestBackgroundSync } from '../../data/sync-controller';
import { createLiveOnce } from '../../data/live';
import { NO_FILTER, defaultPeriod, prepareRows, usableChecklists, type RegisterFilter } from '../../model/register';

const [checklistChoice, setChecklistChoice] = createSignal<string | null>(null);
const [periodChoice, setPeriodChoice] = createSignal<string | null>(null);
const [filter, setFilter] = createSignal<RegisterFilter>(NO_FILTER);
export { setChecklistChoice, setPeriodChoice, filter, setFilter };

/** Today's date in Vietnam, by the server's clock (phones' clocks are often wrong). */
export function todayIn(offsetMs: number): string {
  return new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function useRegister() {
  const app = useApp();
  const data = createLiveOnce(() => app.data.register());
  const today = () => todayIn(data()?.meta.serverOffsetMs ?? 0);
  const periods = createMemo(() => [...(data()?.periods ?? [])].sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : a.name.localeCompare(b.name))));
  const period = createMemo(() => periods().find((p) => p.id === periodChoice()) ?? defaultPeriod(periods(), today()), undefined, {
    equals: (a, b) => a?.id === b?.id,
  });
  // The version that governs the chosen period (the one the counts use).
  const checklists = createMemo(() => {
    const p = period();
    return p ? usableChecklists(data()?.checklists ?? [], p) : [];
  });
  const checklist = createMemo(
    () => {
      const sets = checklists();
      // An association (Women's Union) keeps "5 không 3 sạch" first; otherwise the first valid set.
      return sets.find((s) => s.id === checklistChoice()) ?? sets.find((s) => s.code === '5k3s') ?? sets[0];
    },
    undefined,
    // Every re-read of the register brings new copies of the same set: without this, each tick
    // on the walk screen redrew all its toggles (and a thumb mid-tap lost its button).
    { equals: (a, b) => a?.id === b?.id },
  );
  const rows = createMemo(() => {
    const d = data();
    return d ? prepareRows(d.households, d.assessments, checklist(), period()?.id ?? null) : [];
  });
  return { app, data, checklists, checklist, periods, period, rows };
}

/** How long the register waits after the last change before it sends: a walk ticks in bursts. */
export const SEND_AFTER_MS = 3_000;
let sendTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * After a change is saved on the phone: send it soon, as "Gửi" does for a report, but once per
 * burst of ticks rather than once per tap; and ask the service worker to send it if the app is
 * closed before then. Offline, the sync controller does nothing until the connection returns.
 */
export function sendSoon(app: Pick<AppContextValue, 'controller'>): void {
  void requestBackgroundSync();
  clearTimeout(sendTimer);
  sendTimer = setTimeout(() => void app.controller()?.syncNow('change'), SEND_AFTER_MS);
}
