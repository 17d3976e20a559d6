/**
 * `npm start`. In a checkout with the dev dependencies (README's `npm install && npm start`) it
 * builds whatever is missing or older than its sources — the client with Vite into dist/, the
 * server with esbuild into dist-server/ — then serves. In a production install (`npm ci
 * --omit=dev`: no vite, no tsx) it never builds: it serves the build it finds, and when the
 * sources are newer (a `git pull` without `npm run build`) it says so in the log instead of
 * crashing. Without any build and without the tools to make one, it stops with what to run.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, canBuild, clientState, serverState, SERVER_MARK } from './build-state.mjs';
import { readFileSync } from 'node:fs';

const client = clientState();
const server = serverState();
const notes = [];
if (canBuild()) {
  if (client !== 'fresh') {
    console.error('Đang dựng ứng dụng (vite build)…');
    const { build } = await import('vite');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  if (server !== 'fresh') {
    const { buildServer } = await import('./build-server.mjs');
    await buildServer({ quiet: true });
  }
} else if (client === 'missing' || server === 'missing') {
  console.error(
    'Chưa có bản dựng (dist/ hoặc dist-server/) và không có công cụ dựng (vite, esbuild).\n' +
      'No build and no build tools: run `npm ci && npm run build` (then `npm prune --omit=dev` if you like), then `npm start`.',
  );
  process.exit(1);
} else if (client === 'stale' || server === 'stale') {
  const builtAt = readFileSync(SERVER_MARK, 'utf8').trim();
  notes.push(
    `Mã nguồn mới hơn bản dựng (${builtAt}); đang chạy bản dựng cũ. Chạy \`npm run build\` để dùng mã mới. ` +
      `(sources are newer than the build of ${builtAt}; serving the build — run npm run build to use them)`,
  );
}

const { start } = await import(pathToFileURL(join(ROOT, 'dist-server', 'start.mjs')).href);
await start({ notes });
