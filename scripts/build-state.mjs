/**
 * What is built and whether its sources changed since: shared by `npm start` (scripts/start.mjs)
 * and the commands (scripts/cli.mjs). Plain JavaScript, so it runs in a production install
 * where neither tsx nor vite exists.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const CLIENT_INPUTS = ['src/client', 'src/shared', 'public', 'index.html', 'vite.config.ts', 'package.json'];
const SERVER_INPUTS = ['src/server', 'src/shared', 'package.json'];
export const CLIENT_MARK = join(ROOT, 'dist', 'index.html');
export const SERVER_MARK = join(ROOT, 'dist-server', 'BUILT_AT');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function state(mark, inputs) {
  if (!existsSync(mark)) return 'missing';
  const builtAt = statSync(mark).mtimeMs;
  return inputs.some((p) => newestMtime(join(ROOT, p)) > builtAt) ? 'stale' : 'fresh';
}

export const clientState = () => state(CLIENT_MARK, CLIENT_INPUTS);
export const serverState = () => state(SERVER_MARK, SERVER_INPUTS);

/** The dev dependencies a build needs are installed (a production install has neither). */
export const canBuild = () =>
  existsSync(join(ROOT, 'node_modules', 'vite', 'package.json')) && existsSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'));

export const hasTsx = () => existsSync(join(ROOT, 'node_modules', 'tsx', 'package.json'));
