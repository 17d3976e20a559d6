/**
 * The real server, started exactly as `npm start` starts it (src/server/cli/start.ts under
 * tsx), as a child process on a free port with its own SQLite file in a temp directory. The
 * tests stop it (SIGTERM), kill it (SIGKILL) and restart it on the same port and database, the
 * way a power cut or a redeploy would. The app is built once and shared by every e2e file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface DemoLogins {
  office: { username: string; password: string };
  admin?: { username: string; password: string };
  field: { name: string; unit: string; unitId: string; code: string }[];
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** What the client build reads (the same list npm start checks). */
const BUILD_INPUTS = ['src/client', 'src/shared', 'index.html', 'vite.config.ts', 'public', 'package.json'];

const SITE_PREFIX = 'sothidua-e2e-site-';

/**
 * Builds the PWA once per state of its sources and returns the directory, which the server
 * then serves through SITE_ROOT: the build stays out of every test's timing and every restart,
 * and the app under test stays fixed while the sources (or npm start's dist/) change. Each
 * state of the sources gets its own directory, built aside and renamed into place, so two test
 * runs at once (a colleague's `npm test` and one's own) never rebuild under each other.
 */
export function ensureBuilt(): string {
  const inputs = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(ROOT, p))));
  const key = createHash('sha1').update(`${ROOT}:${inputs}`).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `${SITE_PREFIX}${key}`);
  if (existsSync(join(dir, 'sw.js'))) return dir;
  const building = `${dir}.building-${process.pid}`;
  const res = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', building, '--emptyOutDir'], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    return afterFailedBuild(res);
  }
  writeFileSync(join(building, '.root'), ROOT);
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run got there first
  }
  pruneBuilds(dir);
  return dir;
}

/**
 * A failed `vite build`: colleagues' half-written files can break a build of the shared working
 * tree, so locally the last good build is tested instead (loudly). Under CI (a clean clone that
 * must build) the run fails: an old build would test code that is not the commit's.
 */
export function afterFailedBuild(
  res: { stdout: string; stderr: string }, env: NodeJS.ProcessEnv = process.env, previous: () => string | null = newestBuild,
): string {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  const fallback = ci ? null : previous();
  if (fallback) {
    console.warn(`[e2e] vite build failed; testing the previous build in ${fallback}:\n${res.stderr.slice(-1500)}`);
    return fallback;
  }
  throw new Error(`vite build failed:\n${res.stdout}\n${res.stderr}`);
}

function ourBuilds(): { path: string; mtime: number }[] {
  return readdirSync(tmpdir())
    .filter((n) => n.startsWith(SITE_PREFIX) && !n.includes('.building-'))
    .map((n) => join(tmpdir(), n))
    .filter((p) => existsSync(join(p, 'sw.js')) && existsSync(join(p, '.root')) && readFileSync(join(p, '.root'), 'utf8') === ROOT)
    .map((p) => ({ path: p, mtime: statSync(p).mtimeMs }));
}

function newestBuild(): string | null {
  return ourBuilds().sort((a, b) => b.mtime - a.mtime)[0]?.path ?? null;
}

/** Old builds of this checkout go after a day (a run still serving one is long over by then). */
function pruneBuilds(keep: string): void {
  for (const b of ourBuilds()) if (b.path !== keep && Date.now() - b.mtime > 86_400_000) rmSync(b.path, { recursive: true, force: true });
}

/** A copy of a build whose service worker differs by one comment: what a new release looks like to a phone. */
export function copyAsNewRelease(from: string, to: string, label: string): string {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  appendFileSync(join(to, 'sw.js'), `\n// release ${label}\n`);
  return to;
}

export interface ServerOptions {
  /** The built client to serve (default: the e2e build, made if needed). */
  siteRoot?: string;
  /** Extra environment for the server (and the demo command). */
  env?: Record<string, string>;
  /** `postgres://…`: run on this PostgreSQL database instead of a private SQLite file. */
  databaseUrl?: string;
}

export class TestServer {
  readonly dir: string;
  readonly sqliteFile: string;
  port = 0;
  private proc: ChildProcess | null = null;
  private output: string[] = [];
  private extraEnv: Record<string, string>;
  readonly databaseUrl: string | undefined;

  siteRoot: string;

  private constructor(opts: ServerOptions) {
    this.dir = mkdtempSync(join(tmpdir(), 'sothidua-e2e-'));
    this.sqliteFile = join(this.dir, 'sothidua.sqlite');
    this.extraEnv = opts.env ?? {};
    this.databaseUrl = opts.databaseUrl;
    this.siteRoot = opts.siteRoot ?? ensureBuilt();
  }

  /** Starts a server on a fresh database and a free port. */
  static async start(opts: ServerOptions = {}): Promise<TestServer> {
    const server = new TestServer(opts);
    server.port = await freePort();
    await server.start();
    return server;
  }

  get baseURL(): string {
    return `http://localhost:${this.port}`;
  }

  /** The server process's id (benchmarks read its CPU time from /proc). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The environment `npm start` and `npm run demo` see: our port, our database (SQLite unless databaseUrl). */
  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      SQLITE_FILE: this.sqliteFile,
      SITE_ROOT: this.siteRoot,
      PUBLIC_URL: this.baseURL,
      ...this.extraEnv,
    };
    if (this.databaseUrl) env.DATABASE_URL = this.databaseUrl;
    else delete env.DATABASE_URL;
    return env;
  }

  setEnv(extra: Record<string, string>): void {
    this.extraEnv = { ...this.extraEnv, ...extra };
  }

  /** Everything the server printed since this object was made (its log lines). */
  fullLog(): string {
    return this.output.join('');
  }

  /** Sends a signal without waiting; `exited()` then tells how the process ended. */
  signal(signal: NodeJS.Signals): void {
    this.proc?.kill(signal);
  }

  /** Resolves when the process has ended, with its exit code (null if killed by a signal). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const proc = this.proc;
    if (!proc) return Promise.resolve({ code: null, signal: null });
    if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode });
    return new Promise((ok) => proc.once('exit', (code, signal) => ok({ code, signal })));
  }

  /** Recent server output, for failure messages. */
  log(): string {
    return this.output.join('').slice(-4000);
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('server already running');
    // Run node directly (not through npx/npm) so the signals reach the server process itself.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/start.ts'], {
      cwd: ROOT,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    proc.stdout!.on('data', (d: Buffer) => this.output.push(d.toString()));
    proc.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}) before answering:\n${this.log()}`);
      }
      try {
        const res = await fetch(`${this.baseURL}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`server did not answer /api/health within 120 s:\n${this.log()}`);
  }

  private async terminate(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));
    proc.kill(signal);
    await Promise.race([exited, sleep(10_000)]);
    if (this.running) {
      proc.kill('SIGKILL');
      await exited;
    }
    this.proc = null;
  }

  /** A clean shutdown (what a redeploy does). */
  stop(): Promise<void> {
    return this.terminate('SIGTERM');
  }

  /** Sudden death (what a power cut does): no chance to finish anything. */
  kill(): Promise<void> {
    return this.terminate('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** `npm run -s demo -- --json` against this server's database. */
  loadDemo(): DemoLogins {
    const res = spawnSync('npm', ['run', '-s', 'demo', '--', '--json'], { cwd: ROOT, env: this.env(), encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`npm run demo failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
    try {
      return JSON.parse(res.stdout) as DemoLogins;
    } catch {
      throw new Error(`npm run -s demo -- --json did not print JSON:\n${res.stdout}\n${res.stderr}`);
    }
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}
