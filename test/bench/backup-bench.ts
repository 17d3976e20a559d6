/**
 * `npm run bench:backup`: how long `npm run backup` and `npm run restore` take on a SQLite
 * database holding 1,000,000 report values (50,000 reports × 20 values, one commune) — the
 * functions the commands run (online backup + integrity check of the copy; integrity and
 * migration check + swap), each timed RUNS times, median. Also a backup taken while a writer
 * keeps committing, to show the copy is not restarted by concurrent writes.
 *
 * Writes the figures under "## Backup and restore (issue 11)" in docs/benchmarks.md.
 * Env: REPORTS (default 50000), VALUES (per report, default 20), RUNS (default 3).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqlite } from '../../src/server/db/database';
import { knownMigrations, migrateToLatest } from '../../src/server/db/migrate';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { backupSqlite, checkBackup, checkIntegrity, putBack } from '../../src/server/db/backup';
import { uuidv7 } from '../../src/shared/ids';
import { seedCommune } from '../integration/support/fixtures';
import { writeBenchSection } from './support/doc-section';

const REPORTS = Number(process.env.REPORTS ?? 50_000);
const VALUES = Number(process.env.VALUES ?? 20);
const RUNS = Number(process.env.RUNS ?? 3);
const LOAD_BEFORE = loadavg().map((l) => l.toFixed(1)).join(' / ');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sothidua-bench-backup-'));
  const file = join(dir, 'sothidua.sqlite');
  try {
    const db = openSqlite(file);
    await migrateToLatest(db);
    const c = await seedCommune(db, { villages: 10 });
    const targetIds = [c.targets.quantity.id, c.targets.child.id];
    console.log(`Filling ${REPORTS.toLocaleString('en-US')} reports × ${VALUES} values…`);
    const fillStarted = performance.now();
    const chunk = 500;
    for (let i = 0; i < REPORTS; i += chunk) {
      const rows = Array.from({ length: Math.min(chunk, REPORTS - i) }, (_, j) => {
        const n = i + j;
        const values = Array.from({ length: VALUES }, (_, v) => ({ targetId: targetIds[v % 2]!, value: n * 31 + v }));
        return {
          id: uuidv7(), unit_id: c.villages[n % 10]!.id, commune_id: c.communeId, plan_id: c.plan.id, period_id: c.periods[0]!.id,
          values_json: JSON.stringify(values), note: n % 7 === 0 ? 'Số liệu thôn, đã kiểm tra' : null, created_at: new Date(Date.UTC(2025, 5, 1, 0, 0, n % 86400)).toISOString(),
          supersedes: null, submitted_by: c.villageUsers[n % 10]!.id, device_id: null, received_at: new Date().toISOString(), state: 'submitted',
          correction_of: null, content_hash: `bench-${n}`, late: 0, days_late: 0, clock_skew: 0, warnings_json: '[]',
        };
      });
      await db.kysely.insertInto('reports').values(rows).execute();
    }
    const fillS = (performance.now() - fillStarted) / 1000;
    await db.close();
    const bytes = statSync(file).size;
    console.log(`Filled in ${fmt(fillS)} s; file ${fmt(bytes / 1048576)} MB`);

    const backupMs: number[] = [];
    const restoreMs: number[] = [];
    const integrityMs: number[] = [];
    const known = knownMigrations(openSqlite(':memory:'));
    let backupBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const result = await backupSqlite(file, join(dir, 'backups'), 2);
      backupMs.push(result.ms);
      backupBytes = result.bytes;
      const started = performance.now();
      const check = checkBackup(result.file, known);
      if (check.problems.length) throw new Error(check.problems.join('; '));
      putBack(result.file, join(dir, 'restored', 'sothidua.sqlite'));
      restoreMs.push(performance.now() - started);
      const checkStarted = performance.now();
      checkIntegrity(result.file);
      integrityMs.push(performance.now() - checkStarted);
      console.log(`run ${run + 1}: backup ${fmt(result.ms)} ms, restore ${fmt(restoreMs.at(-1)!)} ms`);
    }

    // Under writes: a worker thread (its own connection, as the server is another process)
    // commits a report every ~2 ms while the backup runs.
    const writer = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const SQLite = require(workerData.driver);
       const db = new SQLite(workerData.file); db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.pragma('busy_timeout = 5000');
       const insert = db.prepare("insert into reports (id, unit_id, commune_id, plan_id, period_id, values_json, note, created_at, supersedes, submitted_by, device_id, received_at, state, correction_of, content_hash) values (?, ?, ?, ?, ?, '[]', null, ?, null, ?, null, ?, 'submitted', null, ?)");
       let written = 0, stop = false;
       parentPort.on('message', () => { stop = true; });
       const tick = () => {
         if (stop) { db.close(); parentPort.postMessage(written); return; }
         const now = new Date().toISOString();
         insert.run('live-' + written + '-' + Date.now(), workerData.unit, workerData.commune, workerData.plan, workerData.period, now, workerData.user, now, 'live-' + written);
         written++;
         setTimeout(tick, 2);
       };
       tick();`,
      {
        eval: true,
        workerData: {
          driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, unit: c.villages[0]!.id, commune: c.communeId,
          plan: c.plan.id, period: c.periods[0]!.id, user: c.villageUsers[0]!.id,
        },
      },
    );
    await new Promise((ok) => setTimeout(ok, 300));
    const underLoad = await backupSqlite(file, join(dir, 'backups'), 2);
    const writtenCount = new Promise<number>((ok) => writer.once('message', ok));
    writer.postMessage('stop');
    const written = await writtenCount;
    await writer.terminate();
    console.log(`under writes: backup ${fmt(underLoad.ms)} ms while ${written} reports were committed`);

    const table = [
      '| database | file | backup, s (median) | backup range | restore, s (median) | restore range | backup under writes (writer commits while it ran) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      `| ${REPORTS.toLocaleString('en-US')} reports × ${VALUES} values = ${(REPORTS * VALUES).toLocaleString('en-US')} | ${fmt(bytes / 1048576)} MB (backup ${fmt(backupBytes / 1048576)} MB) | ${fmt(median(backupMs) / 1000)} | ${fmt(Math.min(...backupMs) / 1000)}–${fmt(Math.max(...backupMs) / 1000)} | ${fmt(median(restoreMs) / 1000)} | ${fmt(Math.min(...restoreMs) / 1000)}–${fmt(Math.max(...restoreMs) / 1000)} | ${fmt(underLoad.ms / 1000)} s, ${written} commits by the writer from 300 ms before the backup to its end |`,
    ].join('\n');
    console.log(`\n${table}`);
    const section = [
      `Command: \`npm run bench:backup\` (test/bench/backup-bench.ts). Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average before the run ${LOAD_BEFORE}.`,
      '',
      `- Backup = what \`npm run backup\` does: SQLite's online backup API from a second connection in one step (one read snapshot), the copy switched to a self-contained rollback-journal file, \`integrity_check\` on it, fsync, rename. Restore = what \`npm run restore\` does: \`integrity_check\` and the migration check of the file, copy beside the database, fsync, swap. Median of ${RUNS} runs.`,
      '- Under writes: the same backup while a worker thread on its own connection commits one report at a time (2 ms pause between commits, each commit waiting for the disk); the copy is taken from one snapshot, so writes neither block it nor make it start over.',
      '',
      table,
      '',
      `- \`integrity_check\` alone on the ${fmt(backupBytes / 1048576)} MB copy: median ${fmt(median(integrityMs) / 1000)} s of those times (it reads every page and checks every index).`,
      '',
    ].join('\n');
    writeBenchSection('backup', '## Backup and restore (issue 11)', section);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
