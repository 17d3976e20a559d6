/**
 * A phone whose cursor the server cannot use (another database's, ahead of this one) hears
 * `409 sync.cursor_reset`, starts again from an empty cursor in the same pull, and leaves its
 * outbox exactly as it was: fake-indexeddb phones against the real server, both databases.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import { enrolledPhone } from './client/phone';
import { pullSync } from '../../src/client/data/sync';
import { queueReport } from '../../src/client/data/outbox';
import { getMeta, setMeta } from '../../src/client/data/meta';

const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 1 });
  });

  for (const [why, cursor] of [
    ['another database\'s', () => enc({ v: 1, f: 3, t: null, l: null, d: 'c0ffee00-0000-4000-8000-000000000000' })],
    ['ahead of this database', () => enc({ v: 1, f: 9_000_000_000, t: null, l: null })],
    ['garbled', () => '%%%'],
  ] as const) {
    it(`starts again from an empty cursor when its cursor is ${why}, without touching the outbox`, async () => {
      const phone = await enrolledPhone(ctx, c.villageUsers[0]!);
      const pending = makeReport(c, { village: 0 });
      await queueReport(phone.db, pending);
      const outboxBefore = await phone.db.outbox.toArray();
      await setMeta(phone.db, 'cursor', cursor());

      const outcome = await pullSync(phone.deps);

      expect(outcome.failure).toBeNull();
      const statuses = phone.network.calls.filter((call) => call.path.startsWith('/api/sync')).map((call) => call.status);
      expect(statuses).toEqual([409, 200]);
      expect(phone.network.calls[1]!.path).toBe('/api/sync?cursor=');
      // The fresh start brought the unit's world…
      expect(await phone.db.plans.get(c.plan.id)).toMatchObject({ id: c.plan.id });
      expect(await phone.db.periods.count()).toBe(c.periods.length);
      // …with a cursor this server made, which it takes on the next pull…
      const fresh = (await getMeta(phone.db, 'cursor'))!;
      expect(fresh).not.toBe(cursor());
      expect((await pullSync(phone.deps)).failure).toBeNull();
      expect(phone.network.calls.at(-1)!.status).toBe(200);
      // …and the report still waiting to be sent is there, unchanged.
      expect(await phone.db.outbox.toArray()).toEqual(outboxBefore);
    });
  }
});
