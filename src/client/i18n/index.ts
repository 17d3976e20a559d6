/**
 * The app's words. Vietnamese first (the default and what field users read), English second,
 * switchable in Settings. Server errors arrive in Vietnamese; in English they are looked up by
 * their stable code, falling back to the server's sentence.
 */
import { createSignal } from 'solid-js';
import { ERRORS, type ErrorCode } from '../../shared/errors';
import { vi, type MessageKey } from './vi';
import { en, enErrors } from './en';

export type Locale = 'vi' | 'en';
export type { MessageKey };

const [locale, setLocaleSignal] = createSignal<Locale>('vi');
export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  document.documentElement.lang = next;
}

/** `t('sync.waiting', { count: 3 })` → "Đang chờ gửi (3)". Reactive: re-reads the locale. */
export function t(key: MessageKey | string, params?: Record<string, string | number>): string {
  const catalogue: Record<string, string> = locale() === 'en' ? en : vi;
  const template = catalogue[key] ?? (vi as Record<string, string>)[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
}

/** A user-facing sentence for an error code, preferring the server's own Vietnamese message. */
export function errorText(code: string, serverMessage?: string): string {
  if (locale() === 'en') return enErrors[code] ?? serverMessage ?? en['error.generic'];
  return serverMessage ?? (ERRORS as Record<string, readonly [number, string]>)[code as ErrorCode]?.[1] ?? vi['error.generic'];
}

/** `dd/mm/yyyy` for a calendar date `yyyy-mm-dd` (no time zone games: it is already a day). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** `HH:mm` and `dd/mm/yyyy` of an instant, in Vietnam time. */
export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(ms);
}
export function formatDay(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(ms);
}
