/**
 * A private PgBouncer for a test file: its own ini in a temp dir, a free port, trust auth,
 * transaction pooling, in front of the test PostgreSQL (127.0.0.1:5432). Transaction pooling
 * is the mode that breaks session state (session advisory locks, named prepared statements,
 * SET without LOCAL): what a province's install runs and what the app must survive.
 * Debian's package (/usr/sbin/pgbouncer). Missing: a loud failure under CI=true, elsewhere a
 * skip announced on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from './databases';

export const PGBOUNCER_BIN = process.env.PGBOUNCER ?? '/usr/sbin/pgbouncer';
export const PGBOUNCER_REQUIRED = process.env.CI === 'true';
export const pgbouncerAvailable = existsSync(PGBOUNCER_BIN);
if (!pgbouncerAvailable && !PGBOUNCER_REQUIRED) {
  console.warn(`\n!!! PgBouncer not found at ${PGBOUNCER_BIN}: the PgBouncer runs are SKIPPED (apt-get install pgbouncer; CI=true fails instead)\n`);
}

async function freePort(): Promise<number> {
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

function accepts(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      ok(true);
    });
    socket.once('error', () => ok(false));
  });
}

export class PgBouncer {
  private output = '';
  private constructor(readonly port: number, private readonly dir: string, private readonly proc: ChildProcess) {
    proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static async start(): Promise<PgBouncer> {
    if (!pgbouncerAvailable) throw new Error(`PgBouncer is required (CI=true) but not installed at ${PGBOUNCER_BIN}`);
    const upstream = new URL(TEST_DATABASE_URL);
    const dir = mkdtempSync(join(tmpdir(), 'sothidua-pgbouncer-'));
    const port = await freePort();
    const user = decodeURIComponent(upstream.username || 'postgres');
    writeFileSync(join(dir, 'users.txt'), `"${user}" ""\n`);
    writeFileSync(join(dir, 'pgbouncer.ini'), [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      // Far fewer server connections than the app servers' pools hold clients: transactions of
      // different clients really do take turns on one server connection, which is what
      // exposes session state.
      'default_pool_size = 4',
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'));
    // PgBouncer refuses to run as root; it then reads its files as `nobody`.
    chmodSync(dir, 0o755);
    const args = process.getuid?.() === 0 ? ['-u', 'nobody', join(dir, 'pgbouncer.ini')] : [join(dir, 'pgbouncer.ini')];
    const proc = spawn(PGBOUNCER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const bouncer = new PgBouncer(port, dir, proc);
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        bouncer.stop();
        throw new Error(`pgbouncer did not start:\n${bouncer.output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return bouncer;
  }

  /** The URL of `database` through this bouncer. */
  url(database: string): string {
    const url = new URL(TEST_DATABASE_URL);
    url.port = String(this.port);
    url.pathname = `/${database}`;
    return url.toString();
  }

  log(): string {
    return this.output.slice(-4000);
  }

  stop(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh PostgreSQL database of its own (the sync horizon counts one database's writers). */
export async function createTestDatabase(prefix = 't'): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
