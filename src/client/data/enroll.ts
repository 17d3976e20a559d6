/**
 * Trading an enrollment code for a device token. Enrolling again (a new code after a
 * revocation) starts the synced copy afresh but keeps the outbox and drafts: unsent work is
 * never thrown away, even when the device changes hands within the same unit.
 */
import type { PublicUser } from '../../shared/schemas';
import type { FieldDb } from './db';
import { getMeta, setMetas } from './meta';
import { requestJson, type HttpDeps } from './http';

export interface EnrollResult {
  token: string;
  deviceId: string;
  user: PublicUser;
}

/**
 * Codes are printed in two halves (`ZMAWT-6DZYQ`); people type them in lower case, with spaces,
 * or without the dash. The server ignores case, spaces and dashes; this only tidies the field.
 */
export function normaliseCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const half = compact.length / 2;
  return compact.length >= 8 && Number.isInteger(half) ? `${compact.slice(0, half)}-${compact.slice(half)}` : compact;
}

/** The code from an enrollment link or QR content (`https://…/enroll?code=K7QF-3MZP`), or the text itself. */
export function codeFromScan(text: string): string {
  try {
    const url = new URL(text);
    const code = url.searchParams.get('code');
    if (code) return normaliseCode(code);
  } catch {
    // Not a URL: the QR holds the bare code.
  }
  return normaliseCode(text);
}

export async function enrollDevice(
  deps: HttpDeps & { db: FieldDb },
  code: string,
  deviceName: string,
): Promise<EnrollResult> {
  const result = await requestJson<EnrollResult>(deps, '/api/devices/enroll', {
    method: 'POST',
    json: { code: normaliseCode(code), deviceName: deviceName.slice(0, 100) || 'Điện thoại' },
  });
  const { db } = deps;
  const previous = await getMeta(db, 'user');
  const sameUnit = previous?.unitId === result.user.unitId;
  await db.transaction('rw', [db.meta, db.units, db.plans, db.periods, db.targets, db.assignments, db.reports, db.reviews, db.households, db.assessments], async () => {
    if (!sameUnit) {
      // Another unit's synced data must not show on this phone any more.
      await Promise.all([db.units, db.plans, db.periods, db.targets, db.assignments, db.reports, db.reviews, db.households, db.assessments].map((t) => t.clear()));
    }
    await setMetas(db, { token: result.token, deviceId: result.deviceId, user: result.user, revoked: false });
    await db.meta.put({ key: 'cursor', value: sameUnit ? ((await getMeta(db, 'cursor')) ?? '') : '' });
  });
  return result;
}

/** A readable device name for the office's device list: "Android · Chrome". */
export function describeDevice(userAgent: string): string {
  const os = /Android/i.test(userAgent) ? 'Android' : /iPhone|iPad/i.test(userAgent) ? 'iPhone' : /Windows/i.test(userAgent) ? 'Windows' : /Mac OS/i.test(userAgent) ? 'Mac' : /Linux/i.test(userAgent) ? 'Linux' : 'Thiết bị';
  const browser = /Zalo/i.test(userAgent) ? 'Zalo' : /Edg\//.test(userAgent) ? 'Edge' : /SamsungBrowser/.test(userAgent) ? 'Samsung Internet' : /Chrome|Chromium/.test(userAgent) ? 'Chrome' : /Firefox/.test(userAgent) ? 'Firefox' : /Safari/.test(userAgent) ? 'Safari' : '';
  return browser ? `${os} · ${browser}` : os;
}
