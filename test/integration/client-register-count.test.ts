/**
 * The phone's register count for a linked target (issue 10): the real field data layer on
 * fake-indexeddb against the real server (SQLite and PostgreSQL). The association's phone
 * syncs its households, ticks and checklists, and counts offline from then on, under the checklist version in force for each period.
 */
import { beforeEach, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { insertHousehold, newHousehold, seedCommune, type Commune } from './support/fixtures';
import { enrolledPhone } from './client/phone';
import { pullSync } from '../../src/client/data/sync';
import { loadRegisterCounts } from '../../src/client/data/register-count';
import { inTransaction } from '../../src/server/db/handle';
import { uuidv7 } from '../../src/shared/ids';
import { SHIPPED_CHECKLISTS } from '../../src/server/reference/checklists';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeEach(async () => {
    c = await seedCommune(ctx.db, { villages: 1 });
  });

  it('counts the unit\'s synced register per period, under the version in force, also with no network', async () => {
    const res = await ctx.call('PATCH', `/api/targets/${c.targets.associationOnly.id}`, { token: c.office.token, body: { link: { kind: 'register', checklistCode: '5k3s' } } });
    expect(res.status).toBe(200);
    const unitId = c.association.id;
    const households = [newHousehold(unitId, 'Lê Thị Hoa'), newHousehold(unitId, 'Trần Thị Mai'), newHousehold(c.villages[0]!.id, 'Hộ của thôn')];
    for (const h of households) await insertHousehold(ctx.db, c.communeId, h);
    const [v2014, v2025] = [SHIPPED_CHECKLISTS[0]!, SHIPPED_CHECKLISTS[1]!];
    const all = (items: { code: string }[]) => Object.fromEntries(items.map((i) => [i.code, true]));
    const ticks: [number, typeof v2014, number][] = [[0, v2014, 0], [1, v2014, 0], [0, v2025, 1], [1, v2014, 1]];
    await inTransaction(ctx.db, async (tx) => {
      for (const [h, set, p] of ticks) {
        await tx.kysely.insertInto('assessments').values({
          id: uuidv7(), household_id: households[h]!.id, unit_id: unitId, commune_id: c.communeId, checklist_id: set.id, checklist_version: set.version,
          period_id: c.periods[p]!.id, items_json: JSON.stringify(all(set.items)), by_name: 'Chi hội trưởng', at: '2025-06-01T00:00:00.000Z',
        }).execute();
      }
    });

    const phone = await enrolledPhone(ctx, c.associationUser);
    // Sync brings the households, their ticks and the checklists; from then on no network is needed.
    expect((await pullSync(phone.deps)).failure).toBeNull();
    phone.network.always = 'unreachable';

    const targets = await phone.db.targets.toArray();
    const linked = targets.find((t) => t.id === c.targets.associationOnly.id)!;
    expect(linked.link).toEqual({ kind: 'register', checklistCode: '5k3s' });
    // First half of 2025: the 2014 list; both households meet it.
    expect(await loadRegisterCounts(phone.db, c.periods[0]!.id, targets)).toEqual({ [linked.id]: { total: 2, assessed: 2, meeting: 2 } });
    // Second half: the 2025 list; the tick left on the 2014 sheet does not count. The village's household is not the union's.
    expect(await loadRegisterCounts(phone.db, c.periods[1]!.id, targets)).toEqual({ [linked.id]: { total: 2, assessed: 1, meeting: 1 } });
  });
});
