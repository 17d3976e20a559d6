/**
 * Linked targets (issue 10): a target may follow a household register ("5 không 3 sạch") or an
 * NTM criteria set. The link is one small JSON object (shared/schemas/targets.ts TargetLink),
 * null for the targets that follow nothing, so older rows read as before. The targets table's
 * change triggers already log the row for sync, so the link reaches phones with its target.
 */
import type { Kysely, Migration } from 'kysely';

export const targetLinks: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('targets').addColumn('link_json', 'text').execute();
  },
};
