/** Typed access to the key-value `meta` table: the device token, sync cursor, clock offset, settings. */
import type { FieldDb, MetaValues } from './db';

export async function getMeta<K extends keyof MetaValues>(db: FieldDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(db: FieldDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export async function setMetas(db: FieldDb, values: Partial<MetaValues>): Promise<void> {
  await db.meta.bulkPut(Object.entries(values).map(([key, value]) => ({ key, value })));
}

/** Everything in meta at once (small: a dozen rows). */
export async function allMeta(db: FieldDb): Promise<Partial<MetaValues>> {
  const rows = await db.meta.toArray();
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<MetaValues>;
}
