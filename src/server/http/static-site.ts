/**
 * Serves the built PWA from dist/: hashed assets are immutable for a year; index.html and the
 * service worker must be revalidated on every load (`no-cache`) or phones keep an old app.
 * Any other non-/api path falls back to index.html (client-side routes). Source maps are
 * never served, even when a build left some in the directory: they would hand out the source.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../context';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function cacheControl(relative: string): string {
  if (relative.startsWith(`assets${sep}`) || relative.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

async function fileIfExists(path: string): Promise<Buffer | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

export function serveSite(app: Hono<AppEnv>, root: string): void {
  const base = normalize(root + sep);
  app.get('*', async (c) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.req.path);
    } catch {
      return c.notFound();
    }
    if (decoded.endsWith('.map')) return c.notFound();
    const relative = normalize(decoded).replace(/^[/\\]+/, '');
    const full = normalize(join(base, relative));
    let body = full.startsWith(base) && relative !== '' ? await fileIfExists(full) : null;
    let served = relative;
    if (!body) {
      body = await fileIfExists(join(base, 'index.html'));
      served = 'index.html';
      if (!body) return c.notFound();
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream',
        'Cache-Control': cacheControl(served),
      },
    });
  });
}
