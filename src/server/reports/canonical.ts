/**
 * The canonical form of a submission, for telling a harmless resend from a conflicting reuse
 * of an id: JSON with object keys sorted at every level, and keys whose value is null left
 * out (so `note: null` and no note are the same submission). Array order is kept: it is
 * part of what was sent. Written directly as text (no intermediate objects): it runs for
 * every report of every batch.
 */
import { createHash } from 'node:crypto';

function write(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i) out.push(',');
      write(item === undefined ? null : item, out);
    });
    out.push(']');
    return;
  }
  if (value !== null && typeof value === 'object') {
    out.push('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === null || v === undefined || typeof v === 'function') continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      write(v, out);
    }
    out.push('}');
    return;
  }
  out.push(JSON.stringify(value) ?? 'null');
}

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('base64url');
}
