/**
 * A phone that loses signal halfway through sending a batch: the real Node server (as `npm
 * start` serves it) sees the upload cut off. That is the client's bad luck, not a server
 * fault: one warning line without a stack, no error, and the server keeps answering.
 */
import { beforeAll, expect, it } from 'vitest';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { createApp } from '../../src/server/app';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 1 });
  });

  it('logs a client that aborts an upload as a warning, not an error with a stack', async () => {
    const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
    const logger = {
      info: (msg: string, fields?: Record<string, unknown>) => lines.push({ level: 'info', msg, fields }),
      warn: (msg: string, fields?: Record<string, unknown>) => lines.push({ level: 'warn', msg, fields }),
      error: (msg: string, fields?: Record<string, unknown>) => lines.push({ level: 'error', msg, fields }),
    };
    const app = createApp({ ...ctx.deps, logger });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write([
            'POST /api/reports HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 200000',
            `Authorization: Bearer ${c.villageUsers[0]!.token}`, '', '{"reports":[{"id":"',
          ].join('\r\n'));
          setTimeout(() => socket.destroy(), 300);
        });
        socket.on('error', reject);
        socket.on('close', () => resolve());
      });
      await expect.poll(() => lines.some((l) => l.level === 'warn'), { timeout: 5000 }).toBe(true);
      const warning = lines.find((l) => l.level === 'warn')!;
      expect(warning.msg).toBe('client aborted the request');
      expect(warning.fields).toMatchObject({ path: '/api/reports', method: 'POST', requestId: expect.any(String) });
      expect(JSON.stringify(warning)).not.toMatch(/\n\s+at /);
      expect(lines.filter((l) => l.level === 'error')).toEqual([]);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
