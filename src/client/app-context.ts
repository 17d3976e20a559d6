/**
 * What every field screen shares: the data facade (never the raw database), the live device settings (token, user,
 * cursor, clock offset…), the sync controller, and a one-line flash message that survives a
 * route change ("Đã lưu trên máy…" after sending).
 */
import { createContext, createSignal, useContext, type Accessor } from 'solid-js';
import type { MetaValues } from './data/db';
import type { FieldData } from './data/field-data';
import type { SyncController } from './data/sync-controller';

export interface AppContextValue {
  data: FieldData;
  meta: Accessor<Partial<MetaValues> | undefined>;
  syncNow: () => Promise<void>;
  controller: Accessor<SyncController | null>;
}

export const AppContext = createContext<AppContextValue>();

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}

export type FlashTone = 'ok' | 'warn' | 'error';
const [flash, setFlash] = createSignal<{ text: string; tone: FlashTone } | null>(null);
export { flash };
let flashTimer: ReturnType<typeof setTimeout> | undefined;
/** Shows a message for ten seconds (long enough to read slowly), or until closed. */
export function showFlash(text: string, tone: FlashTone = 'ok'): void {
  setFlash({ text, tone });
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => setFlash(null), 10_000);
}
export function clearFlash(): void {
  setFlash(null);
}
