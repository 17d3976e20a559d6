/**
 * Backups of the SQLite database, and putting one back. A backup is taken with SQLite's online
 * backup API (better-sqlite3's db.backup) from a separate connection while the server keeps
 * serving: in WAL mode the copy reads one consistent snapshot and writers are not blocked, so
 * it holds exactly the transactions committed before it started (every acknowledged report).
 * It is written aside, checked (integrity_check) and renamed into BACKUP_DIR under a name
 * that sorts by date; only the newest N are kept.
 *
 * A restore checks the file first (integrity, and that every migration it records is one this
 * code knows), then swaps it in while no server holds the database (see ops/server-lock.ts),
 * keeping the replaced file (and its -wal/-shm, which must never meet the new file) beside it.
 */
import SQLite from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, rmSync, copyFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DATABASE_ID_KEY } from './migrations/2026_12_01_010_database_id';

const PREFIX = 'sothidua-';
const SUFFIX = '.sqlite';

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  removed: string[];
}

/** 2026-12-01T22-15-03Z: sorts by date, no colons (FAT USB sticks refuse them). */
function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

export function backupFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.startsWith(PREFIX) && n.endsWith(SUFFIX)).sort().map((n) => join(dir, n));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function backupSqlite(source: string, dir: string, keep: number, now = new Date()): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`Không có cơ sở dữ liệu ${source} (no database file)`);
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  let name = `${PREFIX}${stamp(now)}${SUFFIX}`;
  for (let i = 2; existsSync(join(dir, name)); i++) name = `${PREFIX}${stamp(now)}-${i}${SUFFIX}`;
  const target = join(dir, name);
  const partial = `${target}.partial`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The whole file in one step: one read snapshot, so a write committed by the server
    // meanwhile never forces the copy to start over.
    await db.backup(partial, { progress: () => 1 << 30 });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  // The copy carries the WAL flag of its source; a backup is one self-contained file.
  const copy = new SQLite(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problem = checkIntegrity(partial);
  if (problem) {
    rmSync(partial, { force: true });
    throw new Error(`Bản sao lỗi (backup failed its integrity check): ${problem}`);
  }
  fsyncPath(partial);
  renameSync(partial, target);
  fsyncPath(dir);
  const all = backupFiles(dir);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const old of removed) rmSync(old, { force: true });
  return { file: target, bytes: statSync(target).size, ms: performance.now() - started, removed };
}

/** null when the file is a sound SQLite database, else what is wrong. */
export function checkIntegrity(file: string): string | null {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return String((error as Error).message);
  }
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const lines = rows.map((r) => r.integrity_check);
    return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 5).join('; ');
  } catch (error) {
    return String((error as Error).message);
  } finally {
    db.close();
  }
}

/** The migrations a database file records as run (empty when it has none). */
export function recordedMigrations(file: string): string[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) return [];
    return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

export interface RestoreCheck {
  problems: string[];
  /** Known migrations the file lacks: they run when the server starts. */
  pending: string[];
}

export function checkBackup(file: string, known: readonly string[]): RestoreCheck {
  if (!existsSync(file)) return { problems: [`không có tệp ${file} (no such file)`], pending: [] };
  const integrity = checkIntegrity(file);
  if (integrity) return { problems: [`kiểm tra toàn vẹn thất bại (integrity_check): ${integrity}`], pending: [] };
  const recorded = recordedMigrations(file);
  if (recorded.length === 0) return { problems: ['tệp không phải cơ sở dữ liệu Sổ Thi Đua (no migrations recorded)'], pending: [] };
  const unknown = recorded.filter((m) => !known.includes(m));
  const problems = unknown.length
    ? [`bản sao được tạo bởi phiên bản mới hơn (migrations unknown to this version: ${unknown.join(', ')}); cài phiên bản đó trước`]
    : [];
  return { problems, pending: known.filter((m) => !recorded.includes(m)) };
}

/**
 * A restored database is a new database to the phones: their sync cursors from before the
 * restore may point past the restored change log, so the restored copy gets a new
 * `database_id` (the identity cursors carry) and every such cursor is answered
 * sync.cursor_reset instead of silently skipping what is written after the restore.
 */
function newIdentity(file: string): void {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.prepare('update app_meta set value = ? where key = ?').run(randomUUID(), DATABASE_ID_KEY);
  } finally {
    db.close();
  }
}

/**
 * Puts `file` in place of `target` (the caller holds the server lock). Returns where the
 * replaced database went, or null when there was none.
 */
export function putBack(file: string, target: string, now = new Date()): string | null {
  mkdirSync(dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  copyFileSync(file, incoming);
  fsyncPath(incoming);
  let kept: string | null = null;
  if (existsSync(target)) {
    kept = join(dirname(target), `${basename(target)}.before-restore-${stamp(now)}`);
    renameSync(target, kept);
  }
  for (const side of ['-wal', '-shm', '-journal']) {
    if (!existsSync(target + side)) continue;
    if (kept) renameSync(target + side, kept + side);
    else rmSync(target + side, { force: true });
  }
  renameSync(incoming, target);
  fsyncPath(dirname(target));
  newIdentity(target);
  return kept;
}
