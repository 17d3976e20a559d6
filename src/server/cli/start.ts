/**
 * `npm start`: builds the field/office app with Vite when dist/ is missing or older than its
 * sources, runs the migrations, and serves the app and /api on one port (default 8080).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runServer, siteRootFromEnv } from '../main';

const ROOT = resolve(import.meta.dirname, '../../..');
const DIST = join(ROOT, 'dist');
const SOURCES = ['src/client', 'src/shared', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function clientBuildIsStale(): boolean {
  const built = join(DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > builtAt);
}

async function main(): Promise<void> {
  const siteRoot = siteRootFromEnv();
  if (!siteRoot && clientBuildIsStale()) {
    console.log('Đang dựng ứng dụng (vite build)…');
    const { build } = await import('vite');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  await runServer({ siteRoot: siteRoot ?? DIST });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
