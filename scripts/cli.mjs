/**
 * `npm run demo | reset-password | import-plan | backup | restore | export-commune | import-commune`:
 * runs the command from the build (dist-server/NAME.mjs), as a production install must. In a
 * checkout with tsx whose build is missing or older than the sources, it runs the TypeScript
 * source instead, so a developer never runs yesterday's code by accident.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, hasTsx, serverState } from './build-state.mjs';

const name = process.argv[2];
const built = join(ROOT, 'dist-server', `${name}.mjs`);
const source = join(ROOT, 'src', 'server', 'cli', `${name}.ts`);
if (!name || !existsSync(source) && !existsSync(built)) {
  console.error(`Không có lệnh "${name ?? ''}" (unknown command)`);
  process.exit(2);
}
const args = process.argv.slice(3);

if (hasTsx() && (serverState() !== 'fresh' || !existsSync(built))) {
  const child = spawn(process.execPath, ['--import', 'tsx', source, ...args], { cwd: process.cwd(), stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (existsSync(built)) {
  // The command sees the arguments as if it had been started directly.
  process.argv.splice(1, 2, built);
  await import(pathToFileURL(built).href);
} else {
  console.error('Chưa có bản dựng dist-server/: chạy `npm run build` (no server build: run npm run build)');
  process.exit(1);
}
