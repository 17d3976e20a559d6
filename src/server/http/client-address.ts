/**
 * The address a request came from, as the rate limits count it: the TCP peer the Node server
 * saw. Requests made in-process (tests, app.request) have no socket and count as 'local'.
 * Behind a reverse proxy every request has the proxy's address; trusting a forwarded header
 * is the deployment's decision (TRUST_PROXY, ops) and belongs here when it is made.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context';

export function clientAddress(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const incoming = env?.server?.incoming ?? env?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
