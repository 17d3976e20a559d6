/**
 * The phone's name as the office sees it ("Nguyễn Văn Hùng – SM-A055F"), so two phones of one
 * person can be told apart. The name is kept in IndexedDB first and sent with
 * `PATCH /api/devices/current`; when the phone is offline (or the server cannot take it yet) it
 * stays marked pending and goes with the next sync, so a name typed offline is not lost.
 */
import type { FieldDb } from './db';
import { getMeta, setMetas } from './meta';
import { HttpFailure, requestJson, type HttpDeps } from './http';

export const DEVICE_NAME_MAX = 80;

interface UserAgentDataLike {
  platform?: string;
  mobile?: boolean;
  getHighEntropyValues?: (hints: string[]) => Promise<{ model?: string; platform?: string }>;
}

/** A short guess at the phone from the user agent when the browser will not name the model. */
export function platformGuess(userAgent: string): string {
  // Android UAs often carry the model: "Linux; Android 13; SM-A055F Build/…" (Chrome's reduced UA says "K").
  const android = /Android [\d.]+; ([^;)]+?)(?: Build\/[^;)]*)?\)/.exec(userAgent);
  if (android && android[1] && android[1].trim() !== 'K') return android[1].trim();
  if (/Android/i.test(userAgent)) return 'Android';
  if (/iPhone/i.test(userAgent)) return 'iPhone';
  if (/iPad/i.test(userAgent)) return 'iPad';
  if (/Windows/i.test(userAgent)) return 'Windows';
  if (/Mac OS/i.test(userAgent)) return 'Mac';
  if (/Linux/i.test(userAgent)) return 'Linux';
  return 'Điện thoại';
}

/** The phone's model where the browser gives it (Chrome on Android: userAgentData), else a guess. */
export async function phoneModel(nav: { userAgent: string; userAgentData?: UserAgentDataLike } = navigator as never): Promise<string> {
  try {
    const values = await nav.userAgentData?.getHighEntropyValues?.(['model', 'platform']);
    const model = values?.model?.trim();
    if (model) return model;
  } catch {
    // Refused or unsupported: fall back on the user agent.
  }
  return platformGuess(nav.userAgent);
}

/** "‹user's name› – ‹phone model›", cut to what the server takes. */
export function proposeDeviceName(userName: string, model: string): string {
  return `${userName.trim()} – ${model.trim()}`.slice(0, DEVICE_NAME_MAX).trim();
}

/** Tidies what was typed: single spaces, at most 80 characters; '' means nothing usable. */
export function cleanDeviceName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, DEVICE_NAME_MAX).trim();
}

/** Keeps the name on the phone (pending), then tries to send it. Resolves whether the server has it. */
export async function saveDeviceName(deps: HttpDeps & { db: FieldDb }, raw: string): Promise<boolean> {
  const name = cleanDeviceName(raw);
  if (!name) return false;
  await setMetas(deps.db, { deviceName: name, deviceNamePending: true });
  return pushDeviceName(deps);
}

/**
 * Sends a pending name. A network or server failure leaves it pending for the next sync; a
 * refusal other than "no such route yet" (404) clears it, since sending it again cannot help.
 */
export async function pushDeviceName(deps: HttpDeps & { db: FieldDb }): Promise<boolean> {
  const { db } = deps;
  const [pending, name, token] = await Promise.all([getMeta(db, 'deviceNamePending'), getMeta(db, 'deviceName'), getMeta(db, 'token')]);
  if (!pending || !name || !token) return !pending;
  try {
    await requestJson(deps, '/api/devices/current', { method: 'PATCH', token, json: { name } });
  } catch (error) {
    if (error instanceof HttpFailure && error.kind === 'client' && error.status !== 404) {
      await setMetas(db, { deviceNamePending: false });
    }
    return false;
  }
  // Only clear the mark if the name was not changed again meanwhile.
  if ((await getMeta(db, 'deviceName')) === name) await setMetas(db, { deviceNamePending: false });
  return true;
}
