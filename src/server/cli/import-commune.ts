/**
 * `npm run import-commune -- FILE`: adds a commune exported by export-commune to the database
 * the environment names, in one transaction. Refused, with nothing written, when the database
 * already holds that commune or any of its ids. Phones keep their tokens; their sync cursors
 * of the old database are answered `sync.cursor_reset` and they pull again from the start.
 */
import { resolve } from 'node:path';
import { openDatabaseFromEnv } from '../main';
import { importCommune, TransferError } from '../db/commune-transfer';
import { CommandError, runCommand } from './run';

runCommand(async () => {
  const [file] = process.argv.slice(2).filter((a) => a !== '--');
  if (!file) throw new CommandError('Cách dùng (usage): npm run import-commune -- TỆP.jsonl.gz');
  const db = await openDatabaseFromEnv();
  try {
    const result = await importCommune(db, resolve(file));
    console.log(`Đã nhập xã ${result.communeName} (${result.communeId}) (imported, ${db.dialect.name})`);
    for (const [table, n] of Object.entries(result.counts)) if (n) console.log(`  ${table}: ${n}`);
    return 0;
  } catch (error) {
    if (error instanceof TransferError) throw new CommandError(error.message);
    throw error;
  } finally {
    await db.close();
  }
});
