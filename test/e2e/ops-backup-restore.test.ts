/**
 * `npm run backup` on a live server and `npm run restore` into a fresh directory, as
 * docs/deploy.md gives them. Phones keep pushing through HTTP the whole time; the restored
 * copy must hold every report acknowledged before the backup began, with its values, and
 * nothing half-written. A restore onto the database of a running server is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { ROOT, TestServer, sleep } from './support/server';
import { enrollDevice, newReport, pushReports, type FieldDevice, type PushedReport } from './support/field-api';

function npm(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn('npm', ['run', '-s', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => ok({ code, out }));
  });
}

describe('backup while serving, restore into a fresh directory', () => {
  let server: TestServer;
  let site: string;
  let work: string;
  let phones: FieldDevice[];

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'sothidua-nosite-'));
    work = mkdtempSync(join(tmpdir(), 'sothidua-restore-'));
    server = await TestServer.start({ siteRoot: site, env: { LOG: '0' } });
    const demo = server.loadDemo();
    phones = await Promise.all(demo.field.slice(0, 2).map((f) => enrollDevice(server.baseURL, f.code)));
  });

  afterAll(async () => {
    await server?.dispose();
    rmSync(site, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps every report acknowledged before the backup began, with its values', async () => {
    const acked: { report: PushedReport; at: number }[] = [];
    let writing = true;
    const writer = async (phone: FieldDevice) => {
      while (writing) {
        const batch = Array.from({ length: 5 }, () => newReport(phone, 'ghi liên tục'));
        const res = await pushReports(phone, batch);
        expect(res.status).toBe(200);
        const at = Date.now();
        for (const [i, r] of res.results.entries()) {
          expect(r.status).toBe('accepted');
          acked.push({ report: batch[i]!, at });
        }
      }
    };
    const writers = phones.map(writer);
    await sleep(1500);

    const backupDir = join(work, 'backups');
    const began = Date.now();
    const backup = await npm(['backup'], { ...server.env(), BACKUP_DIR: backupDir });
    expect(backup.code, backup.out).toBe(0);
    const ackedBefore = acked.filter((a) => a.at < began);
    const writtenDuring = acked.filter((a) => a.at >= began).length;
    await sleep(300);
    writing = false;
    await Promise.all(writers);
    expect(ackedBefore.length).toBeGreaterThan(20);
    expect(writtenDuring, 'writes went on while the backup ran').toBeGreaterThan(0);

    const files = readdirSync(backupDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^sothidua-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/);

    // A restore onto the live server's database is refused, and changes nothing.
    const refused = await npm(['restore', '--', join(backupDir, files[0]!)], server.env());
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/đang được tiến trình \d+ dùng/);

    const freshFile = join(work, 'fresh', 'sothidua.sqlite');
    const restored = await npm(['restore', '--', join(backupDir, files[0]!)], { ...server.env(), SQLITE_FILE: freshFile });
    expect(restored.code, restored.out).toBe(0);

    const db = new SQLite(freshFile, { readonly: true });
    try {
      const rows = db.prepare('select id, values_json from reports').all() as { id: string; values_json: string }[];
      const stored = new Map(rows.map((r) => [r.id, JSON.parse(r.values_json) as unknown]));
      for (const { report } of ackedBefore) {
        expect(stored.has(report.id), `report ${report.id} acknowledged before the backup`).toBe(true);
        expect(stored.get(report.id)).toEqual(report.values);
      }
      // Whatever else made it in is whole: every stored report has its receipt and its values.
      const all = new Map(acked.map((a) => [a.report.id, a.report]));
      for (const [id, values] of stored) if (all.has(id)) expect(values).toEqual(all.get(id)!.values);
      expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      // A restored database has a new id, the one every sync cursor carries: cursors phones made
      // before the restore are answered sync.cursor_reset (test/integration/client-sync-reset.test.ts).
      const databaseIdOf = (file: SQLite.Database) => (file.prepare("select value from app_meta where key = 'database_id'").get() as { value: string } | undefined)?.value;
      const live = new SQLite(server.sqliteFile, { readonly: true });
      try {
        expect(databaseIdOf(db)).toMatch(/^[0-9a-f-]{36}$/);
        expect(databaseIdOf(live)).toMatch(/^[0-9a-f-]{36}$/);
        expect(databaseIdOf(db)).not.toBe(databaseIdOf(live));
      } finally {
        live.close();
      }
    } finally {
      db.close();
    }
  });
});
