/**
 * The demo and reset-password commands as an operator runs them: real processes (`npx tsx`),
 * a throwaway SQLite file (and one PostgreSQL schema) given through the environment.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqlite } from '../../src/server/db/database';
import { verifyPassword } from '../../src/server/auth/passwords';
import { hashEnrollmentCode } from '../../src/server/auth/tokens';
import { postgresAvailable, POSTGRES_REQUIRED, TEST_DATABASE_URL } from './support/databases';

// Each case starts real processes (npx tsx ~1 s each); a busy machine needs room.
vi.setConfig({ testTimeout: 120_000 });

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sothidua-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: 'demo' | 'reset-password', args: string[], env: Record<string, string>, input?: string) {
  const res = spawnSync('npx', ['tsx', `src/server/cli/${script}.ts`, ...args], {
    cwd: ROOT, encoding: 'utf8', input: input ?? '', timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '', PUBLIC_URL: 'https://xa.example.test', ...env },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function withSqlite<T>(file: string, work: (db: ReturnType<typeof openSqlite>) => Promise<T>): Promise<T> {
  const db = openSqlite(file);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}


/** Runs `command` on a pseudo-terminal (`script`), typing each answer when its prompt appears. */
function typeAtPrompts(command: string, env: NodeJS.ProcessEnv, answers: [prompt: string, typed: string][]): Promise<{ stdout: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let next = 0;
    let searchFrom = 0;
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no prompt after 90 s:\n${stdout}`))), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      while (next < answers.length) {
        const at = stdout.indexOf(answers[next]![0], searchFrom);
        if (at < 0) break;
        searchFrom = at + answers[next]![0].length;
        child.stdin.write(answers[next]![1]);
        next++;
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolveRun({ stdout });
    });
  });
}
describe('npm run demo (SQLite)', () => {
  const file = join(dir, 'demo.sqlite');
  const env = { SQLITE_FILE: file };
  let firstCodes: string[] = [];

  it('migrates, loads the demo and prints only one JSON object with --json', async () => {
    expect(existsSync(file)).toBe(false);
    const res = run('demo', ['--json'], env);
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout); // throws if anything but one JSON document was printed
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(out.office).toEqual({ username: 'vanphong', password: expect.any(String) });
    expect(out.field.length).toBeGreaterThanOrEqual(10);
    for (const f of out.field) expect(f).toEqual({ name: expect.any(String), unit: expect.any(String), unitId: expect.any(String), code: expect.stringMatching(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/) });
    firstCodes = out.field.map((f: { code: string }) => f.code);
    await withSqlite(file, async (db) => {
      const vp = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'vanphong').executeTakeFirstOrThrow();
      expect(await verifyPassword(out.office.password, vp.password_hash)).toBe(true);
      const codes = await db.kysely.selectFrom('enrollment_codes').select('code_hash').execute();
      expect(codes.map((c) => c.code_hash)).toContain(hashEnrollmentCode(firstCodes[0]!));
      const sets = await db.kysely.selectFrom('criteria_sets').select('code').execute();
      // The two shipped NTM sets (reference/criteria) and the demo's example village-level set.
      expect(sets.map((s) => s.code).sort()).toEqual(['lang-ntm-demo', 'ntm-xa-2021-2025', 'ntm-xa-2026-2030']);
      const changes = await db.kysely.selectFrom('changes').select('entity').where('entity', '=', 'targets').execute();
      expect(changes.length).toBeGreaterThanOrEqual(20); // phones hear of the demo through sync
    });
  });

  it('prints logins and codes for people by default', () => {
    const res = run('demo', [], env);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('vanphong');
    expect(res.stdout).toContain('Làng Kon Sơ Lăl');
    expect(res.stdout).toMatch(/[2-9A-Z]{5}-[2-9A-Z]{5}/);
  });

  it('run again keeps the data (and edits to it) and prints fresh codes', async () => {
    const before = await withSqlite(file, async (db) => {
      await db.kysely.updateTable('units').set({ name: 'Làng đổi tên' }).where('name', '=', 'Làng Groi').execute();
      await db.kysely.updateTable('users').set({ password_hash: 'scrypt$x' }).where('username', '=', 'vanphong').execute();
      return (await db.kysely.selectFrom('units').select('id').execute()).length;
    });
    const res = run('demo', ['--json'], env);
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    const codes = out.field.map((f: { code: string }) => f.code);
    expect(codes.some((c: string) => firstCodes.includes(c))).toBe(false);
    await withSqlite(file, async (db) => {
      expect((await db.kysely.selectFrom('units').select('id').execute()).length).toBe(before);
      expect(await db.kysely.selectFrom('units').select('id').where('name', '=', 'Làng đổi tên').executeTakeFirst()).toBeTruthy();
      expect((await db.kysely.selectFrom('plans').select('id').execute()).length).toBe(1);
      const vp = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'vanphong').executeTakeFirstOrThrow();
      expect(await verifyPassword(out.office.password, vp.password_hash)).toBe(true); // printed password works again
    });
  });

  it('refuses a database that holds another commune', async () => {
    const other = join(dir, 'other.sqlite');
    expect(run('demo', ['--json'], { SQLITE_FILE: other }).status).toBe(0);
    await withSqlite(other, async (db) => {
      await db.kysely.insertInto('units').values({
        id: 'real-commune', parent_id: null, kind: 'commune', name: 'Xã Thật', commune_id: 'real-commune',
        successor_id: null, replaced_on: null, deleted: 0, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z',
      }).execute();
    });
    const res = run('demo', ['--json'], { SQLITE_FILE: other });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('Xã Thật');
  });
});

describe('npm run reset-password (SQLite)', () => {
  const file = join(dir, 'reset.sqlite');
  const env = { SQLITE_FILE: file };

  it('reads the new password from stdin when piped', async () => {
    expect(run('demo', ['--json'], env).status).toBe(0);
    const res = run('reset-password', ['vanphong'], env, 'mat-khau-moi-123\n');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).not.toContain('mat-khau-moi-123');
    await withSqlite(file, async (db) => {
      const vp = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'vanphong').executeTakeFirstOrThrow();
      expect(await verifyPassword('mat-khau-moi-123', vp.password_hash)).toBe(true);
    });
  });

  it('generates a strong password with --generate and prints it once', async () => {
    const res = run('reset-password', ['admin', '--generate'], env);
    expect(res.status, res.stderr).toBe(0);
    const password = /Mật khẩu mới: (\S+)/.exec(res.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await withSqlite(file, async (db) => {
      const admin = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
      expect(await verifyPassword(password!, admin.password_hash)).toBe(true);
    });
  });

  // Skipped only on a machine without `script`, never under CI (there its absence must fail).
  it.skipIf(!existsSync('/usr/bin/script') && process.env.CI !== 'true')('on a terminal asks twice without echo', async () => {
    // `script` gives the command a real pseudo-terminal; each answer is typed once its prompt
    // shows (a fixed pause lost the typing when a loaded machine started the command slowly).
    const res = await typeAtPrompts('npx tsx src/server/cli/reset-password.ts vanphong', { ...process.env, DATABASE_URL: '', SQLITE_FILE: file }, [
      ['Mật khẩu mới: ', 'mat-khau-tty-12\r'],
      ['Nhập lại mật khẩu mới: ', 'mat-khau-tty-12\r'],
    ]);
    expect(res.stdout, JSON.stringify(res.stdout)).toContain('Nhập lại mật khẩu mới');
    expect(res.stdout, JSON.stringify(res.stdout)).toContain('Đã đặt mật khẩu mới cho vanphong');
    expect(res.stdout).toContain('Đã đặt mật khẩu mới cho vanphong');
    expect(res.stdout).not.toContain('mat-khau-tty-12');
    await withSqlite(file, async (db) => {
      const vp = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'vanphong').executeTakeFirstOrThrow();
      expect(await verifyPassword('mat-khau-tty-12', vp.password_hash)).toBe(true);
    });
  }, 120_000);

  it('refuses a short password, an unknown user and a field account, changing nothing', async () => {
    const hash = () => withSqlite(file, async (db) =>
      (await db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'vanphong').executeTakeFirstOrThrow()).password_hash);
    const before = await hash();
    const short = run('reset-password', ['vanphong'], env, 'ngan\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('ít nhất 8');
    expect(run('reset-password', ['khong-co-ai'], env, 'mat-khau-moi-123\n').status).toBe(1);
    expect(run('reset-password', ['kon-so-lal'], env, 'mat-khau-moi-123\n').status).toBe(1); // a village head's account
    expect(run('reset-password', [], env).status).toBe(2);
    expect(await hash()).toBe(before);
  });
});

describe.skipIf(!postgresAvailable && !POSTGRES_REQUIRED)('npm run demo (PostgreSQL)', () => {
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);

  afterAll(async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });

  it('loads the demo into PostgreSQL through DATABASE_URL, twice', async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    for (let i = 0; i < 2; i++) {
      const res = run('demo', ['--json'], { DATABASE_URL: url.toString() });
      expect(res.status, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout).field.length).toBeGreaterThanOrEqual(10);
    }
    const q = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await q.connect();
    const units = await q.query(`select count(*)::int as n from ${schema}.units`);
    const codes = await q.query(`select count(*)::int as n from ${schema}.enrollment_codes`);
    await q.end();
    expect(units.rows[0].n).toBe(15);
    expect(codes.rows[0].n).toBe(26); // 13 field users × 2 runs
  });
});
