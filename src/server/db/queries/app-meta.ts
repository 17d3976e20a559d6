/** One-time claims stored in app_meta (first-run setup): a key is written once, ever. */
import type { DbHandle } from '../handle';

/**
 * Writes the key unless it exists; true when this call wrote it. ON CONFLICT DO NOTHING makes
 * a racing second claim wait for the first and then return false, rather than fail with a
 * unique violation that callers could mistake for another duplicate (e.g. a taken username).
 */
export async function claimAppMeta(tx: DbHandle, key: string, value: string): Promise<boolean> {
  const rows = await tx.kysely.insertInto('app_meta').values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing()).returning('key').execute();
  return rows.length === 1;
}
