/**
 * The error handler's last resort: a unique violation that escapes a route (a race the route
 * did not foresee) is answered 409 `conflict.concurrent`, never a 500. Provoked for real: the
 * test database gets a unique index no route knows of (one name per commune), and a rename
 * onto a taken name hits it inside PATCH /api/units/:id.
 */
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
    await sql`create unique index test_units_one_name on units (commune_id, name)`.execute(ctx.db.kysely);
  });

  it('answers a unique violation no route handles with 409 conflict.concurrent', async () => {
    const res = await ctx.call('PATCH', `/api/units/${c.villages[1]!.id}`, { token: c.office.token, body: { name: c.villages[0]!.name } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'conflict.concurrent' });
    // Nothing was written: the rename rolled back with its transaction.
    const res2 = await ctx.call('GET', '/api/units', { token: c.office.token });
    const names = ((await res2.json()) as { units: { id: string; name: string }[] }).units;
    expect(names.find((u) => u.id === c.villages[1]!.id)?.name).toBe(c.villages[1]!.name);
  });
});
