/**
 * `npm run backup`: a consistent copy of the SQLite database while the server serves, into
 * BACKUP_DIR (default backups/) named by date, keeping the newest BACKUP_KEEP (default 14).
 * On PostgreSQL it stops with the pg_dump command to use instead (docs/deploy.md).
 */
import { relative } from 'node:path';
import { settingsFromEnv } from '../main';
import { backupSqlite } from '../db/backup';
import { CommandError, runCommand } from './run';

const shown = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

runCommand(async () => {
  const settings = settingsFromEnv();
  if (settings.databaseUrl) {
    throw new CommandError(
      'Máy chủ dùng PostgreSQL: sao lưu bằng pg_dump (PostgreSQL: use pg_dump), ví dụ:\n' +
        '  pg_dump --format=custom --file=sothidua-$(date -u +%Y-%m-%dT%H-%M-%SZ).dump "$DATABASE_URL"\n' +
        'Xem docs/deploy.md.',
    );
  }
  const result = await backupSqlite(settings.sqliteFile, settings.backupDir, settings.backupKeep);
  const mb = (result.bytes / 1048576).toFixed(1);
  console.log(`Đã sao lưu (backed up) ${shown(result.file)}: ${mb} MB, ${Math.round(result.ms)} ms`);
  for (const old of result.removed) console.log(`  đã xoá bản cũ (removed old backup) ${shown(old)}`);
  return 0;
});
