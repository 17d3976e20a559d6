import { expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createApp } from '../../src/server/app';

const EXPECTED_CSP = [
  "default-src 'self'", "img-src 'self' data: blob:", "style-src 'self'", "script-src 'self'",
  "connect-src 'self'", "worker-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
];

function expectSecure(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  for (const directive of EXPECTED_CSP) expect(csp).toContain(directive);
  // Styles too come only from the app's own files: no inline style attribute or <style> applies.
  expect(csp).not.toContain("'unsafe-inline'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
}

forEachDatabase((ctx) => {
  it('sends the security headers on a success, a 401, a 404 and a 400', async () => {
    const health = await ctx.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: ctx.kind, version: '0.0.0-test' });
    expectSecure(health);
    const unauth = await ctx.call('GET', '/api/me');
    expect(unauth.status).toBe(401);
    expectSecure(unauth);
    const missing = await ctx.call('GET', '/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
    expectSecure(missing);
    const bad = await ctx.call('POST', '/api/auth/login', { raw: '{not json', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'request.invalid_json' });
    expectSecure(bad);
  });

  it('sends no CORS headers unless origins are configured, and only for those origins', async () => {
    const plain = await ctx.call('GET', '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();

    const app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, corsOrigins: ['https://office.example'] } });
    const allowed = await app.request('/api/health', { headers: { origin: 'https://office.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://office.example');
    const other = await app.request('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('answers an internal failure with 500 server.error, the headers, and no stack trace', async () => {
    const failing = new Proxy(ctx.db.kysely, {
      get: (target, prop) => (prop === 'selectFrom' ? () => { throw new Error('disk on fire at /srv/db.ts:1'); } : Reflect.get(target, prop)),
    });
    const broken = { ...ctx.db, kysely: failing };
    const logged: string[] = [];
    const app = createApp({ ...ctx.deps, db: broken, logger: { info: () => {}, error: (msg, fields) => logged.push(msg + JSON.stringify(fields)) } });
    const res = await app.request('/api/health');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ code: 'server.error', message: expect.stringMatching(/Máy chủ/) });
    expect(text).not.toMatch(/Error|fire|\.ts/);
    expectSecure(res);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged.join()).toContain(res.headers.get('x-request-id')!);
    expect(logged.join()).toContain('disk on fire');
  });
});
