import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { forEachDatabase } from './support/databases';
import { createApp } from '../../src/server/app';

forEachDatabase((ctx) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sothidua-site-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sổ Thi Đua</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'big-def456.js'), 'console.log("Sổ Thi Đua");\n'.repeat(200));
    // A source map a build might have left behind: never served.
    writeFileSync(join(dir, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/client/secret.ts"]}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the built app: no-cache for index.html and sw.js, immutable hashed assets, SPA fallback, JSON 404 under /api', async () => {
    const app = createApp(ctx.deps, { siteRoot: dir });
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const sw = await app.request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const deep = await app.request('/enroll?code=ABCDE-FGHJK');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('Sổ Thi Đua');
    const traversal = await app.request('/..%2f..%2fetc%2fpasswd');
    expect(await traversal.text()).toContain('Sổ Thi Đua');
    const api = await app.request('/api/nope');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ code: 'not_found' });
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('never serves a source map, present or not (404, not the app page)', async () => {
    const app = createApp(ctx.deps, { siteRoot: dir });
    for (const path of ['/assets/index-abc123.js.map', '/assets/missing-xyz.js.map', '/assets/index-abc123.js%2Emap']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('sources');
    }
  });

  it('gzips the app for a browser that accepts it (the first load is on 3G)', async () => {
    const app = createApp(ctx.deps, { siteRoot: dir });
    const big = await app.request('/assets/big-def456.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await big.arrayBuffer());
    expect(gunzipSync(bytes).toString('utf8')).toContain('Sổ Thi Đua');
    expect(bytes.length).toBeLessThan(500);
  });
}, ['sqlite']);
