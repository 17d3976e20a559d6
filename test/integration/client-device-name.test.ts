/**
 * The phone's name reaches the office even when it was typed offline: kept in IndexedDB
 * (pending) first, sent with PATCH /api/devices/current when the network is there, and the
 * mark cleared only once the server has it. Against the real server on SQLite and PostgreSQL.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createUser, seedCommune, type Commune } from './support/fixtures';
import { enrolledPhone } from './client/phone';
import { saveDeviceName, pushDeviceName } from '../../src/client/data/device-name';
import { getMeta } from '../../src/client/data/meta';

forEachDatabase((ctx) => {
  let c: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 1 });
  });

  it('keeps a name typed offline and sends it with the next attempt', async () => {
    const head = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId, device: true, name: 'Ông Ba' });
    const phone = await enrolledPhone(ctx, head, 'Ông Ba');
    phone.network.always = 'unreachable';
    expect(await saveDeviceName(phone.deps, '  Ông Ba –  Redmi 12C ')).toBe(false);
    expect(await getMeta(phone.db, 'deviceName')).toBe('Ông Ba – Redmi 12C');
    expect(await getMeta(phone.db, 'deviceNamePending')).toBe(true);

    phone.network.always = 'none';
    expect(await pushDeviceName(phone.deps)).toBe(true);
    expect(await getMeta(phone.db, 'deviceNamePending')).toBe(false);
    const row = await ctx.db.kysely.selectFrom('devices').select('name').where('id', '=', head.deviceId!).executeTakeFirstOrThrow();
    expect(row.name).toBe('Ông Ba – Redmi 12C');
    // Nothing pending: no request at all.
    const calls = phone.network.calls.length;
    expect(await pushDeviceName(phone.deps)).toBe(true);
    expect(phone.network.calls.length).toBe(calls);
  });
});
