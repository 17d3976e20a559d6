/**
 * Secrets we hand out (session tokens, device tokens, enrollment codes) are random and
 * stored only as SHA-256 hashes: a leaked database copy cannot be used to log in.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A 32-byte random bearer token, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256, base64url: how tokens and enrollment codes are stored and looked up. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

// No 0/O, 1/I/L: read aloud over the phone and typed on a cracked screen.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An enrollment code: 10 characters, ~49 bits, grouped for reading aloud (`ABCDE-FGHJK`). */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Codes are compared without case, spaces or dashes (people retype them). */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The hash an enrollment code is stored and found under. */
export function hashEnrollmentCode(code: string): string {
  return hashSecret(normalizeEnrollmentCode(code));
}

export const ENROLLMENT_CODE_TTL_MS = 7 * 24 * 3_600_000;
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
