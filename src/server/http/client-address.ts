/**
 * Who is on the other end of a request, and did it come over HTTPS. Behind a reverse proxy
 * the socket's address is the proxy's: the forwarded headers name the real client, but any
 * caller can send them, so they are believed only when the socket's peer is one of the
 * proxies TRUST_PROXY lists (addresses or CIDR ranges). The login and enrollment limits
 * count by this address; HSTS is sent only when the request really came over HTTPS.
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { AppEnv } from '../context';

export interface TrustedProxies {
  /** The entries as configured (normalised), for logs and tests. */
  entries: string[];
  contains(address: string): boolean;
}

/** Removes the IPv4-in-IPv6 prefix a dual-stack socket reports (::ffff:10.0.0.1). */
export function normalizeAddress(address: string): string {
  const a = address.trim();
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** "127.0.0.1, 10.0.0.0/8, ::1" → a set; throws with a sentence on a bad entry. */
export function parseTrustedProxies(spec: string | readonly string[]): TrustedProxies {
  const list = new BlockList();
  const entries: string[] = [];
  const items = typeof spec === 'string' ? spec.split(',') : spec;
  for (const raw of items.map((s) => s.trim()).filter(Boolean)) {
    const [host, bits, extra] = raw.split('/');
    const address = normalizeAddress(host ?? '');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      throw new Error(`${JSON.stringify(raw)} không phải địa chỉ IP hoặc dải CIDR (not an IP address or CIDR range)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
    entries.push(prefix === undefined ? address : `${address}/${prefix}`);
  }
  return {
    entries,
    contains: (candidate) => {
      const a = normalizeAddress(candidate);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

export interface RequestOrigin {
  /** The client's address (the socket's peer, or the forwarded one from a trusted proxy); null in app.request tests. */
  address: string | null;
  /** The request reached us (or the trusted proxy) over HTTPS. */
  https: boolean;
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
}

export function requestOrigin(c: Context, trusted: TrustedProxies): RequestOrigin {
  const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
  const peer = socket?.remoteAddress ? normalizeAddress(socket.remoteAddress) : null;
  const direct: RequestOrigin = { address: peer, https: socket?.encrypted === true || new URL(c.req.url).protocol === 'https:' };
  if (!peer || !trusted.contains(peer)) return direct;
  // Walk X-Forwarded-For from the right (the hop nearest us) past our own proxies: the first
  // address not ours is the client. Entries left of it were written by the client itself.
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => normalizeAddress(s)).filter((s) => isIP(s) !== 0);
  let address = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    address = hops[i]!;
    if (!trusted.contains(address)) break;
  }
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return { address, https: proto === undefined ? direct.https : proto === 'https' };
}

/**
 * The address the enrollment limit counts by: the client's (see requestOrigin), or 'local' for
 * requests made in-process (tests, app.request), which have no socket.
 */
export function clientAddress(c: Context<AppEnv>): string {
  return c.get('clientAddress') ?? 'local';
}
