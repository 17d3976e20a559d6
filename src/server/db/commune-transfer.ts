/**
 * Moving one commune between databases (SQLite ↔ PostgreSQL, or between two PostgreSQL): a
 * gzip'd JSON-lines file — a header, one line per row with its table and every column (ids
 * included), and an end line with the counts, so a truncated file is refused rather than
 * half-imported. The rules per table are in transfer-rules.ts.
 *
 * Export reads one consistent snapshot (a read transaction; REPEATABLE READ on PostgreSQL).
 * Import runs in one transaction: it refuses a database that already holds the commune (or
 * any of its ids), inserts in rule order, sets the self-references, and logs every synced
 * record in `changes` with the importing transaction's txid. Phones that come back with a
 * cursor of the old database are answered `sync.cursor_reset` by the sync route and pull
 * again from the start.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database';
import type { DB } from './schema';
import { inTransaction, type DbHandle } from './handle';
import { isUniqueViolation } from './dialect';
import { knownMigrations, migrationStatus } from './migrate';
import { TRANSFER_RULES } from './transfer-rules';

export const EXPORT_KIND = 'sothidua-commune';
export const EXPORT_VERSION = 1;

type Row = Record<string, unknown>;

export interface ExportHeader {
  kind: typeof EXPORT_KIND;
  version: number;
  communeId: string;
  communeName: string;
  exportedAt: string;
  source: string;
  migrations: string[];
}

/** A refusal with a sentence for the operator (the CLI prints it; exit 1). */
export class TransferError extends Error {
  override name = 'TransferError';
}

function any(kysely: Kysely<DB>): Kysely<any> {
  return kysely as unknown as Kysely<any>;
}

async function readSnapshot<T>(db: Database, work: (k: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.dialect.name === 'postgres') return db.kysely.transaction().setIsolationLevel('repeatable read').execute(work);
  return db.kysely.transaction().execute(work);
}

export async function exportCommune(db: Database, communeId: string, file: string, now = new Date()): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(JSON.stringify(value) + '\n')) await once(gzip, 'drain');
  };
  await readSnapshot(db, async (k) => {
    const commune = await k.selectFrom('units').select(['id', 'name', 'kind']).where('id', '=', communeId).executeTakeFirst();
    if (!commune || commune.kind !== 'commune') throw new TransferError(`Không có xã mã ${communeId} trong cơ sở dữ liệu này (no such commune)`);
    const header: ExportHeader = {
      kind: EXPORT_KIND, version: EXPORT_VERSION, communeId, communeName: commune.name, exportedAt: now.toISOString(),
      source: db.dialect.name, migrations: knownMigrations(db),
    };
    await write(header);
    for (const rule of TRANSFER_RULES) {
      if (rule.mode !== 'commune' && rule.mode !== 'reference') continue;
      const query = any(k).selectFrom(rule.table).selectAll().orderBy(rule.key);
      const rows: Row[] = await (rule.mode === 'commune' ? query.where(rule.where(communeId)) : query).execute();
      counts[rule.table] = rows.length;
      const omit = rule.mode === 'commune' ? rule.omit ?? [] : [];
      for (const r of rows) await write({ t: rule.table, r: omit.length ? Object.fromEntries(Object.entries(r).filter(([c]) => !omit.includes(c))) : r });
    }
    await write({ end: true, counts });
  });
  gzip.end();
  await once(out, 'close');
  return counts;
}

export interface ExportFile {
  header: ExportHeader;
  rows: Map<string, Row[]>;
}

export async function readExport(file: string): Promise<ExportFile> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: ExportHeader | null = null;
  let end: { counts: Record<string, number> } | null = null;
  const rows = new Map<string, Row[]>();
  try {
    for await (const line of lines) {
      if (!line) continue;
      const item = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        if (item.kind !== EXPORT_KIND) throw new TransferError('Tệp không phải bản xuất xã của Sổ Thi Đua (not a commune export)');
        if (item.version !== EXPORT_VERSION) throw new TransferError(`Phiên bản tệp ${String(item.version)} không đọc được (unsupported export version)`);
        header = item as unknown as ExportHeader;
      } else if (item.end === true) {
        end = item as unknown as { counts: Record<string, number> };
      } else if (end) {
        throw new TransferError('Tệp có dữ liệu sau dòng kết thúc (data after the end line)');
      } else {
        const table = String(item.t);
        let list = rows.get(table);
        if (!list) rows.set(table, (list = []));
        list.push(item.r as Row);
      }
    }
  } catch (error) {
    if (error instanceof TransferError) throw error;
    throw new TransferError(`Không đọc được tệp (unreadable export: ${(error as Error).message})`);
  }
  if (!header) throw new TransferError('Tệp rỗng (empty file)');
  if (!end) throw new TransferError('Tệp bị cắt ngang: thiếu dòng kết thúc (truncated export)');
  for (const [table, n] of Object.entries(end.counts)) {
    if ((rows.get(table)?.length ?? 0) !== n) throw new TransferError(`Bảng ${table}: ${rows.get(table)?.length ?? 0} dòng, tệp ghi ${n} (row count mismatch)`);
  }
  return { header, rows };
}

export interface ImportResult {
  communeId: string;
  communeName: string;
  counts: Record<string, number>;
}

async function insertChunked(tx: DbHandle, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(8000 / Math.max(1, columns)));
  for (let i = 0; i < rows.length; i += size) await any(tx.kysely).insertInto(table).values(rows.slice(i, i + size)).execute();
}

export async function importCommune(db: Database, file: string): Promise<ImportResult> {
  const { header, rows } = await readExport(file);
  const known = knownMigrations(db);
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length) throw new TransferError(`Tệp được xuất từ phiên bản mới hơn (unknown migrations: ${unknown.join(', ')}); nâng cấp máy chủ trước`);
  const status = await migrationStatus(db);
  if (status.pending.length) throw new TransferError('Cơ sở dữ liệu đích chưa nâng cấp xong (target database not migrated)');
  const tables = new Set(TRANSFER_RULES.map((r) => r.table));
  for (const table of rows.keys()) if (!tables.has(table)) throw new TransferError(`Tệp có bảng lạ ${table} (unknown table)`);

  const communeId = header.communeId;
  const already = (): TransferError => new TransferError(
    `Cơ sở dữ liệu này đã có xã ${header.communeName} (${communeId}) hoặc một phần dữ liệu của nó; không nhập chồng lên. ` +
      '(the target already holds this commune, or some of its ids or usernames: nothing was imported)',
  );
  const counts: Record<string, number> = {};
  try {
    await inTransaction(db, async (tx) => {
      const present = await tx.kysely.selectFrom('units').select('id').where('id', '=', communeId).executeTakeFirst();
      if (present) throw already();
      for (const rule of TRANSFER_RULES) {
        const list = rows.get(rule.table) ?? [];
        if (rule.mode === 'reference') {
          const have = new Set((await any(tx.kysely).selectFrom(rule.table).select(rule.key).execute()).map((r: Row) => String(r[rule.key])));
          const missing = list.filter((r) => !have.has(String(r[rule.key])));
          await insertChunked(tx, rule.table, missing);
          counts[rule.table] = missing.length;
          continue;
        }
        if (rule.mode !== 'commune') continue;
        const deferred = rule.deferred ?? [];
        await insertChunked(tx, rule.table, deferred.length ? list.map((r) => ({ ...r, ...Object.fromEntries(deferred.map((c) => [c, null])) })) : list);
        for (const column of deferred) {
          const ids = new Set(list.map((r) => String(r[rule.key])));
          for (const r of list) {
            const value = r[column];
            if (value === null || value === undefined) continue;
            // A reference outside the commune (e.g. the district above it) is kept only if the target has that row.
            if (!ids.has(String(value))) {
              const exists = await any(tx.kysely).selectFrom(rule.table).select(rule.key).where(rule.key, '=', value).executeTakeFirst();
              if (!exists) continue;
            }
            await any(tx.kysely).updateTable(rule.table).set({ [column]: value }).where(rule.key, '=', r[rule.key]).execute();
          }
        }
        counts[rule.table] = list.length;
      }
      // Every inserted row has logged itself (triggers, migration 020): phones hear of it.
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw already();
    throw error;
  }
  return { communeId, communeName: header.communeName, counts };
}

/** The tables the database holds (for the rule-coverage test and the CLI's self-check). */
export async function listTables(db: Database): Promise<string[]> {
  if (db.dialect.name === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
    return rows.map((r) => r.name).sort();
  }
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  return rows.map((r) => r.name).sort();
}
