/**
 * Enrollment codes for field users: made here, stored only as a hash (auth/tokens.ts), and
 * handed to the office as text, link and QR image for the phone's camera.
 */
import QRCode from 'qrcode';
import type { DbHandle } from '../db/handle';
import { insertEnrollmentCode } from '../db/queries/auth';
import { hashEnrollmentCode, newEnrollmentCode } from '../auth/tokens';

export interface IssuedCode {
  code: string;
  userId: string;
  expiresAt: string;
  qrSvg: string;
  url: string;
}

export function enrollmentUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/enroll?code=${encodeURIComponent(code)}`;
}

export async function issueEnrollmentCode(
  db: DbHandle, opts: { userId: string; issuedBy: string | null; now: Date; ttlMs: number; publicUrl: string; withQr?: boolean },
): Promise<IssuedCode> {
  const code = newEnrollmentCode();
  const expiresAt = new Date(opts.now.getTime() + opts.ttlMs).toISOString();
  await insertEnrollmentCode(db, {
    codeHash: hashEnrollmentCode(code), userId: opts.userId, issuedBy: opts.issuedBy, now: opts.now.toISOString(), expiresAt,
  });
  const url = enrollmentUrl(opts.publicUrl, code);
  // Medium error correction survives a scratched print-out; margin 2 keeps the card small.
  const qrSvg = opts.withQr === false ? '' : await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { code, userId: opts.userId, expiresAt, qrSvg, url };
}
