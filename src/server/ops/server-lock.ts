/**
 * One process at a time may own a SQLite file as its server (or its restorer): a pid file
 * next to the database, created exclusively. `npm run restore` must never swap the file under
 * a running server, and a server must not start on a half-restored file. A pid file left by a
 * killed process (power cut, SIGKILL) is stale when that pid no longer runs, and is taken over.
 * Backups and the demo command do not take it: SQLite's own locking keeps them consistent.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class ServerLockedError extends Error {
  constructor(readonly file: string, readonly pid: number) {
    super(`${file} đang được tiến trình ${pid} dùng (máy chủ đang chạy?); dừng nó trước (the database is in use by pid ${pid})`);
    this.name = 'ServerLockedError';
  }
}

export function lockFileOf(sqliteFile: string): string {
  return `${sqliteFile}.pid`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding the file, or null when no live process does. */
export function lockHolder(sqliteFile: string): number | null {
  try {
    const pid = Number(readFileSync(lockFileOf(sqliteFile), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function holdServerLock(sqliteFile: string): { release(): void } {
  const path = lockFileOf(sqliteFile);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const holder = lockHolder(sqliteFile);
      if (holder !== null) throw new ServerLockedError(sqliteFile, holder);
      if (attempt > 3) throw error;
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (Number(readFileSync(path, 'utf8').trim()) === process.pid) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return { release };
}
