/**
 * `npm run restore -- FILE`: checks a backup (integrity_check; every migration it records is
 * known to this version) and puts it in place of the SQLite database. Refused while a server
 * runs on that database (its pid file, see ops/server-lock.ts): stop the service first. The
 * replaced database is kept beside it as *.before-restore-DATE. On PostgreSQL: pg_restore.
 */
import { resolve } from 'node:path';
import { openDatabase, settingsFromEnv } from '../main';
import { checkBackup, putBack } from '../db/backup';
import { knownMigrations } from '../db/migrate';
import { holdServerLock } from '../ops/server-lock';
import { CommandError, runCommand } from './run';

runCommand(async () => {
  const settings = settingsFromEnv();
  const arg = process.argv.slice(2).find((a) => a !== '--');
  if (!arg) throw new CommandError('Cách dùng (usage): npm run restore -- TỆP-SAO-LƯU.sqlite');
  if (settings.databaseUrl) {
    throw new CommandError(
      'Máy chủ dùng PostgreSQL: khôi phục bằng pg_restore (PostgreSQL: use pg_restore), ví dụ:\n' +
        '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" TỆP.dump\nXem docs/deploy.md.',
    );
  }
  const file = resolve(arg);
  // The migration list depends only on the dialect; an unopened handle is enough to ask.
  const db = openDatabase({ ...settings, sqliteFile: ':memory:' });
  const known = knownMigrations(db);
  await db.close();
  const check = checkBackup(file, known);
  if (check.problems.length) throw new CommandError(`Không khôi phục ${file}:\n  ${check.problems.join('\n  ')}`);
  const lock = holdServerLock(settings.sqliteFile);
  try {
    const kept = putBack(file, settings.sqliteFile);
    console.log(`Đã khôi phục (restored) ${file} → ${settings.sqliteFile}`);
    if (kept) console.log(`  cơ sở dữ liệu cũ được giữ tại (previous database kept at) ${kept}`);
    if (check.pending.length) console.log(`  ${check.pending.length} bước nâng cấp sẽ chạy khi máy chủ khởi động (migrations will run at start)`);
  } finally {
    lock.release();
  }
  return 0;
});
