/**
 * docs/deploy.md's single-machine commands, run for real on a copy of this checkout:
 * `npm run build` (with the dev dependencies), then a production install (`npm ci
 * --omit=dev`: no tsx, no vite), a source file touched as a `git pull` would, `npm start`
 * (serves the build and says the sources are newer), `npm run demo` from the build,
 * `npm run backup` while serving, stop, `npm run restore -- FILE`, start again.
 *
 * The install is offline from npm's cache. better-sqlite3's install script would otherwise
 * compile SQLite (minutes on a 2-core machine); it is handed this checkout's own compiled
 * binary as a local prebuild — what an operator of an offline machine does with prebuild-install.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, freePort, sleep } from './support/server';

const dir = mkdtempSync(join(tmpdir(), 'sothidua-prod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const res = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: res.status, out: `${res.stdout}\n${res.stderr}` };
}

function copyCheckout(): void {
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
}

function localPrebuild(): NodeJS.ProcessEnv {
  const pkg = JSON.parse(spawnSync('cat', [join(ROOT, 'node_modules/better-sqlite3/package.json')], { encoding: 'utf8' }).stdout) as { version: string };
  const prebuilds = join(dir, '.prebuilds');
  mkdirSync(prebuilds);
  const name = `better-sqlite3-v${pkg.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = spawnSync('tar', ['czf', join(prebuilds, name), '-C', join(ROOT, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node']);
  expect(tar.status).toBe(0);
  return { npm_config_better_sqlite3_local_prebuilds: prebuilds };
}

class Service {
  proc: ChildProcess | null = null;
  log = '';
  constructor(readonly port: number, readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    this.log = '';
    // As the guide's systemd unit would, but through `npm start` itself; its own process group
    // so SIGTERM reaches npm and the server alike.
    const proc = spawn('npm', ['start'], { cwd: dir, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`npm start exited ${proc.exitCode}:\n${this.log}`);
      const ok = await fetch(`http://127.0.0.1:${this.port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`npm start did not answer:\n${this.log}`);
  }

  async stop(): Promise<void> {
    const proc = this.proc!;
    const exited = new Promise((ok) => proc.once('exit', ok));
    process.kill(-proc.pid!, 'SIGTERM');
    await exited;
    this.proc = null;
  }
}

describe('production build and install, as docs/deploy.md gives it', () => {
  let service: Service | null = null;
  afterAll(async () => {
    if (service?.proc) process.kill(-service.proc.pid!, 'SIGKILL');
  });

  it('builds, installs without dev dependencies, serves, backs up and restores', async () => {
    copyCheckout();
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const build = run('npm', ['run', 'build']);
    expect(build.code, build.out).toBe(0);
    expect(existsSync(join(dir, 'dist/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist-server/start.mjs'))).toBe(true);
    unlinkSync(join(dir, 'node_modules'));

    const installEnv = { ...process.env, ...localPrebuild() };
    let install = run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], installEnv);
    if (install.code !== 0 && /ENOTCACHED/.test(install.out)) {
      install = run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], installEnv);
    }
    expect(install.code, install.out).toBe(0);
    for (const dev of ['tsx', 'vite', 'esbuild', 'vitest']) expect(existsSync(join(dir, 'node_modules', dev)), `${dev} installed`).toBe(false);

    // A `git pull` without a rebuild: sources newer than the build.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src/server/app.ts'), later, later);
    utimesSync(join(dir, 'src/shared/errors.ts'), later, later);

    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SQLITE_FILE: join(dir, 'data/sothidua.sqlite'), BACKUP_DIR: join(dir, 'backups') };
    delete env.DATABASE_URL;
    delete env.SITE_ROOT;
    service = new Service(port, env);
    await service.start();
    expect(service.log).toMatch(/sources are newer than the build/);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toMatch(/<html/i);
    expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);

    const demo = run('npm', ['run', '-s', 'demo', '--', '--json'], env);
    expect(demo.code, demo.out).toBe(0);
    const logins = JSON.parse(demo.out.trim().split('\n')[0]!) as { office: { username: string; password: string } };

    const backup = run('npm', ['run', '-s', 'backup'], env);
    expect(backup.code, backup.out).toBe(0);
    await service.stop();
    const [file] = readdirSync(join(dir, 'backups'));
    rmSync(join(dir, 'data'), { recursive: true, force: true }); // the disk is lost
    const restore = run('npm', ['run', '-s', 'restore', '--', join(dir, 'backups', file!)], env);
    expect(restore.code, restore.out).toBe(0);

    await service.start();
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logins.office),
    });
    expect(login.status, 'the restored database holds the demo accounts').toBe(200);
    await service.stop();
  }, 900_000);
});
