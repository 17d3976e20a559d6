/**
 * /api/ready: 200 when the database answers and every migration has run; 503 with a code
 * while migrations are missing, the database is unreachable, or the server is stopping —
 * what a load balancer needs to send traffic elsewhere. /api/health keeps its shape.
 */
import { expect, it } from 'vitest';
import { forEachDatabase, TEST_CONFIG } from './support/databases';
import { createApp } from '../../src/server/app';
import { openPostgres, openSqlite } from '../../src/server/db/database';

forEachDatabase((ctx) => {
  it('is ready on a migrated database, and not while stopping', async () => {
    const ready = await ctx.call('GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, db: ctx.kind, version: '0.0.0-test' });
    const lifecycle = { shuttingDown: false };
    const app = createApp({ ...ctx.deps, lifecycle });
    expect((await app.request('/api/ready')).status).toBe(200);
    lifecycle.shuttingDown = true;
    const stopping = await app.request('/api/ready');
    expect(stopping.status).toBe(503);
    expect(await stopping.json()).toMatchObject({ code: 'ready.shutting_down', message: expect.stringMatching(/Máy chủ/) });
    // Health says only "alive", with the shape it always had.
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: ctx.kind, version: '0.0.0-test' });
  });
});

it('is not ready while migrations are missing', async () => {
  const db = openSqlite(':memory:');
  try {
    const res = await createApp({ db, clock: () => new Date(), config: TEST_CONFIG }).request('/api/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'ready.migrations_pending' });
  } finally {
    await db.close();
  }
});

it('is not ready while the database is unreachable', async () => {
  const db = openPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/none', max: 1 });
  try {
    const res = await createApp({ db, clock: () => new Date(), config: TEST_CONFIG }).request('/api/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'ready.database_unreachable' });
  } finally {
    await db.close();
  }
});
