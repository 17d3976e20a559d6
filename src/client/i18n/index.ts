/**
 * The app's words. Vietnamese first (the default and what field users read), English second,
 * switchable in Settings. Server errors arrive in Vietnamese; in English they are looked up by
 * their stable code, falling back to the server's sentence.
 */
import { createSignal } from 'solid-js';
import { ERRORS, WARNINGS, type ErrorCode, type WarningCode } from '../../shared/errors';
import { fillParams } from '../../shared/report-rules';
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

/**
 * `t('sync.waiting', { count: 3 })` → "Đang chờ gửi (3)". Reactive: re-reads the locale.
 * The key is typed: a misspelt key does not compile.
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template: string = (locale() === 'en' ? en : vi)[key] ?? vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
}

/** A literal must be a catalogue code (a typo does not compile); a `string` read off a response passes. */
export type KnownOrRead<C extends string> = string extends C ? C : C extends ErrorCode ? C : never;

/**
 * A user-facing sentence for an error code, preferring the server's own Vietnamese message.
 * A literal code must be in the catalogue (`ErrorCode`); a code read off a response is any
 * string, and one this version does not know falls back to the server's sentence.
 */
export function errorText<C extends string>(code: KnownOrRead<C>, serverMessage?: string): string {
  const known = code in ERRORS ? (code as ErrorCode) : undefined;
  if (locale() === 'en') return (known && enErrors[known]) ?? serverMessage ?? en['error.generic'];
  return serverMessage ?? (known && ERRORS[known][1]) ?? vi['error.generic'];
}

/** The sentence for a report rule's error or warning, its numbers written vi-VN. */
export function ruleText(code: ErrorCode | WarningCode, params?: Record<string, number>): string {
  const vietnamese: string = code in WARNINGS ? WARNINGS[code as WarningCode] : ERRORS[code as ErrorCode][1];
  const template = locale() === 'en' ? (enErrors[code] ?? vietnamese) : vietnamese;
  return fillParams(template, params);
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
