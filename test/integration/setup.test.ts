import { expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';

// Each forEachDatabase gets its own empty database: one for the form, one for the demo.
forEachDatabase((ctx) => {
  it('creates the first commune and its admin once, then answers 409', async () => {
    expect(await (await ctx.call('GET', '/api/setup')).json()).toEqual({ needsSetup: true });

    const bad = await ctx.call('POST', '/api/setup', { body: { communeName: 'Xã Lơ Ku', admin: { username: 'ad', name: 'A', password: 'short' } } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'value.invalid', path: 'admin.username' });
    expect(await (await ctx.call('GET', '/api/setup')).json()).toEqual({ needsSetup: true }); // nothing partial stored

    const body = { communeName: 'Xã Lơ Ku', admin: { username: 'QuanTri', name: 'Lê Minh Tuấn', password: 'mat-khau-dai' } };
    const first = await ctx.call('POST', '/api/setup', { body });
    expect(first.status).toBe(201);
    const { token, user } = await first.json();
    expect(user).toMatchObject({ name: 'Lê Minh Tuấn', role: 'admin' });
    const me = await ctx.call('GET', '/api/me', { token });
    expect(await me.json()).toMatchObject({ role: 'admin', communeId: expect.any(String) });
    // The username was stored as typed at a desk: lower case; the password logs in.
    const login = await ctx.call('POST', '/api/auth/login', { body: { username: 'quantri', password: 'mat-khau-dai' } });
    expect(login.status).toBe(200);

    expect(await (await ctx.call('GET', '/api/setup')).json()).toEqual({ needsSetup: false });
    const again = await ctx.call('POST', '/api/setup', { body: { ...body, admin: { ...body.admin, username: 'khac' } } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'setup.already_done' });
    expect((await ctx.call('POST', '/api/setup/demo')).status).toBe(409);

    const units = await (await ctx.call('GET', '/api/units', { token })).json();
    expect(units.units.map((u: { kind: string }) => u.kind).sort()).toEqual(['commune', 'office']);
  });
});

forEachDatabase((ctx) => {
  it('loads the demo once, with working logins and enrollment codes', async () => {
    const [a, b] = await Promise.all([ctx.call('POST', '/api/setup/demo'), ctx.call('POST', '/api/setup/demo')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await (a.status === 409 ? a : b).json()).toMatchObject({ code: 'setup.already_done' });
    const loaded = await (a.status === 201 ? a : b).json();
    expect(loaded.office.username).toBe('vanphong');
    expect(loaded.field.length).toBeGreaterThanOrEqual(10);

    const login = await ctx.call('POST', '/api/auth/login', { body: loaded.office });
    expect(login.status).toBe(200);
    const { token } = await login.json();
    const plans = (await (await ctx.call('GET', '/api/plans', { token })).json()).plans;
    expect(plans).toHaveLength(1);
    const targets = (await (await ctx.call('GET', `/api/plans/${plans[0].id}/targets`, { token })).json()).targets;
    expect(targets.length).toBeGreaterThanOrEqual(20);

    const enroll = await ctx.call('POST', '/api/devices/enroll', { body: { code: loaded.field[0].code, deviceName: 'Điện thoại' } });
    expect(enroll.status).toBe(200);
    expect((await enroll.json()).user.unitId).toBe(loaded.field[0].unitId);
    expect(await (await ctx.call('GET', '/api/setup')).json()).toEqual({ needsSetup: false });
  });
});

forEachDatabase((ctx) => {
  it('lets exactly one of two racing setups win, the other hears 409 (never 500)', async () => {
    const tries = await Promise.all([1, 2].map((n) =>
      ctx.call('POST', '/api/setup', { body: { communeName: `Xã ${n}`, admin: { username: `admin${n}`, name: 'A', password: 'mat-khau-dai' } } })));
    expect(tries.map((r) => r.status).sort()).toEqual([201, 409]);
    // The loser is told setup is done — not that its admin username is taken.
    expect(await tries.find((r) => r.status === 409)!.json()).toMatchObject({ code: 'setup.already_done' });
    const communes = await ctx.db.kysely.selectFrom('units').select('id').where('kind', '=', 'commune').execute();
    expect(communes).toHaveLength(1);
  });
});
