/**
 * `npm run export-commune -- COMMUNE_ID FILE`: writes one commune — its units, accounts,
 * devices, plans, reports, reviews, households — with every id, as gzip'd JSON lines, from the
 * database the environment names (SQLite or PostgreSQL). Safe while the server serves.
 */
import { resolve } from 'node:path';
import { openDatabaseFromEnv } from '../main';
import { exportCommune, TransferError } from '../db/commune-transfer';
import { CommandError, runCommand } from './run';

runCommand(async () => {
  const [communeId, file] = process.argv.slice(2).filter((a) => a !== '--');
  if (!communeId || !file) throw new CommandError('Cách dùng (usage): npm run export-commune -- MÃ-XÃ TỆP.jsonl.gz');
  const db = await openDatabaseFromEnv();
  try {
    const counts = await exportCommune(db, communeId, resolve(file));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Đã xuất xã ${communeId} (exported): ${total} dòng vào ${resolve(file)}`);
    for (const [table, n] of Object.entries(counts)) if (n) console.log(`  ${table}: ${n}`);
    return 0;
  } catch (error) {
    if (error instanceof TransferError) throw new CommandError(error.message);
    throw error;
  } finally {
    await db.close();
  }
});
