/**
 * `npm run build`, server half: bundles every CLI entry point (src/server/cli/*.ts) into
 * dist-server/*.mjs with esbuild, so a production install (`npm ci --omit=dev`: no tsx, no
 * vite) runs the server and its commands from plain JavaScript. Packages stay external: they
 * come from node_modules at run time (native better-sqlite3, pg's optional pg-native), so only
 * `dependencies` may be imported by server code. Written aside and renamed into place, so a
 * server starting while a build runs never sees half a directory.
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist-server');

export async function buildServer({ quiet = false } = {}) {
  const cli = join(ROOT, 'src/server/cli');
  const entryPoints = readdirSync(cli).filter((f) => f.endsWith('.ts')).map((f) => join(cli, f));
  const temp = `${OUT}.building-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: quiet ? 'error' : 'warning',
  });
  writeFileSync(join(temp, 'BUILT_AT'), new Date().toISOString() + '\n');
  const old = `${OUT}.old-${process.pid}`;
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(temp, OUT);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) console.log(`Server: ${entryPoints.length} commands bundled into dist-server/`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
}
