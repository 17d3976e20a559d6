import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { createUser, seedCommune, type Commune } from './support/fixtures';
import { insertEnrollmentCode } from '../../src/server/db/queries/auth';
import { hashEnrollmentCode, hashSecret, newEnrollmentCode } from '../../src/server/auth/tokens';

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db);
    other = await seedCommune(ctx.db);
  });

  const login = (username: string, password: string) => ctx.call('POST', '/api/auth/login', { body: { username, password } });
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(5);
  };
  const issueCode = async (userId: string, ttlMs = 7 * 86_400_000) => {
    const code = newEnrollmentCode();
    await insertEnrollmentCode(ctx.db, {
      codeHash: hashEnrollmentCode(code), userId, issuedBy: c.office.id,
      now: ctx.clock.now().toISOString(), expiresAt: new Date(ctx.clock.now().getTime() + ttlMs).toISOString(),
    });
    return code;
  };

  it('logs in with the right password and answers /api/me; logout ends the session', async () => {
    const res = await login(c.office.username, 'mat-khau-van-phong');
    expect(res.status).toBe(200);
    const { token, user } = (await res.json()) as { token: string; user: unknown };
    expect(user).toEqual({ id: c.office.id, name: expect.any(String), role: 'office', unitId: c.officeUnit.id });
    const me = await ctx.call('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: c.office.id, role: 'office', communeId: c.communeId, deviceId: null });
    expect((await ctx.call('POST', '/api/auth/logout', { token })).status).toBe(200);
    await expectError(await ctx.call('GET', '/api/me', { token }), 401, 'auth.invalid_token');
  });

  it('refuses a wrong password and an unknown user alike; no token → auth.required', async () => {
    await expectError(await login(c.office.username, 'sai'), 401, 'auth.bad_credentials');
    await expectError(await login('khong-ai-ca', 'sai'), 401, 'auth.bad_credentials');
    await expectError(await ctx.call('GET', '/api/me'), 401, 'auth.required');
    await expectError(await ctx.call('GET', '/api/me', { token: 'x'.repeat(43) }), 401, 'auth.invalid_token');
  });

  it('expires a session after its lifetime', async () => {
    const res = await login(c.office.username, 'mat-khau-van-phong');
    const { token } = (await res.json()) as { token: string };
    ctx.clock.advance(ctx.deps.config.sessionTtlMs + 1000);
    await expectError(await ctx.call('GET', '/api/me', { token }), 401, 'auth.invalid_token');
  });

  it('limits failed logins to 10 per username per 15 minutes, even with the right password after that', async () => {
    const user = await createUser(ctx.db, { role: 'office', unitId: c.officeUnit.id, communeId: c.communeId, password: 'dung-roi' });
    for (let i = 0; i < 9; i++) await expectError(await login(user.username, 'sai'), 401, 'auth.bad_credentials');
    // A success clears the failures: successful logins are not counted.
    expect((await login(user.username, 'dung-roi')).status).toBe(200);
    for (let i = 0; i < 10; i++) await expectError(await login(user.username, 'sai'), 401, 'auth.bad_credentials');
    await expectError(await login(user.username, 'dung-roi'), 429, 'auth.rate_limited');
    // Another username is not affected.
    expect((await login(c.office.username, 'mat-khau-van-phong')).status).toBe(200);
    ctx.clock.advance(14 * 60_000);
    await expectError(await login(user.username, 'dung-roi'), 429, 'auth.rate_limited');
    ctx.clock.advance(2 * 60_000);
    expect((await login(user.username, 'dung-roi')).status).toBe(200);
  });

  it('holds the limit when the guesses arrive all at once: at most 10 of 30 simultaneous tries are checked', async () => {
    const user = await createUser(ctx.db, { role: 'office', unitId: c.officeUnit.id, communeId: c.communeId, password: 'dung-roi' });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(user.username, `sai-${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Each checked guess counts, each refused one does not: the window holds exactly 10 guesses.
    const checked = statuses.filter((s) => s === 401).length;
    for (let i = checked; i < 10; i++) await expectError(await login(user.username, 'sai'), 401, 'auth.bad_credentials');
    await expectError(await login(user.username, 'dung-roi'), 429, 'auth.rate_limited');
  });

  it('enrolls a phone once with a code (typed loosely), and refuses the code again', async () => {
    const field = await createUser(ctx.db, { role: 'village', unitId: c.villages[0]!.id, communeId: c.communeId });
    const code = await issueCode(field.id);
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const res = await ctx.call('POST', '/api/devices/enroll', { body: { code: typed, deviceName: 'Điện thoại Thôn 1' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; deviceId: string; user: { id: string; role: string; unitId: string } };
    expect(body.user).toMatchObject({ id: field.id, role: 'village', unitId: c.villages[0]!.id });
    const me = await ctx.call('GET', '/api/me', { token: body.token });
    expect(await me.json()).toMatchObject({ id: field.id, deviceId: body.deviceId });

    await expectError(await ctx.call('POST', '/api/devices/enroll', { body: { code, deviceName: 'Máy khác' } }), 400, 'enroll.invalid_code');
    await expectError(await ctx.call('POST', '/api/devices/enroll', { body: { code: 'ABCDE-FGHJK', deviceName: 'Máy khác' } }), 400, 'enroll.invalid_code');
  });

  it('lets only one of two simultaneous enrollments with one code succeed', async () => {
    const field = await createUser(ctx.db, { role: 'village', unitId: c.villages[1]!.id, communeId: c.communeId });
    const code = await issueCode(field.id);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => ctx.call('POST', '/api/devices/enroll', { body: { code, deviceName: `Máy ${i}` } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
    const devices = await ctx.db.kysely.selectFrom('devices').select('id').where('user_id', '=', field.id).execute();
    expect(devices).toHaveLength(1);
  });

  it('refuses an expired code', async () => {
    const field = await createUser(ctx.db, { role: 'association', unitId: c.association.id, communeId: c.communeId });
    const code = await issueCode(field.id, 60_000);
    ctx.clock.advance(61_000);
    await expectError(await ctx.call('POST', '/api/devices/enroll', { body: { code, deviceName: 'Máy' } }), 400, 'enroll.invalid_code');
  });

  it('revokes a device: its token then gets auth.device_revoked; only the office of that commune may revoke', async () => {
    const phone = c.villageUsers[0]!;
    expect((await ctx.call('GET', '/api/me', { token: phone.token })).status).toBe(200);
    await expectError(await ctx.call('POST', `/api/devices/${phone.deviceId}/revoke`, { token: phone.token }), 403, 'auth.forbidden');
    await expectError(await ctx.call('POST', `/api/devices/${phone.deviceId}/revoke`, { token: other.office.token }), 404, 'not_found');
    const res = await ctx.call('POST', `/api/devices/${phone.deviceId}/revoke`, { token: c.office.token });
    expect(res.status).toBe(200);
    await expectError(await ctx.call('GET', '/api/sync', { token: phone.token }), 401, 'auth.device_revoked');
    await expectError(await ctx.call('POST', '/api/reports', { token: phone.token, body: { reports: [] } }), 401, 'auth.device_revoked');
  });

  it('stores tokens and codes only as hashes', async () => {
    const res = await login(c.office.username, 'mat-khau-van-phong');
    const { token } = (await res.json()) as { token: string };
    const field = await createUser(ctx.db, { role: 'village', unitId: c.villages[1]!.id, communeId: c.communeId });
    const code = await issueCode(field.id);
    const tokens = await ctx.db.kysely.selectFrom('auth_tokens').selectAll().execute();
    const dump = JSON.stringify(tokens) + JSON.stringify(await ctx.db.kysely.selectFrom('enrollment_codes').selectAll().execute());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(code.replace('-', ''));
    expect(tokens.map((t) => t.token_hash)).toContain(hashSecret(token));
    const users = JSON.stringify(await ctx.db.kysely.selectFrom('users').select('password_hash').execute());
    expect(users).not.toContain('mat-khau-van-phong');
    expect(users).toMatch(/scrypt\$16384\$8\$1\$/);
  });

  it('locks out a deactivated user at once', async () => {
    const user = await createUser(ctx.db, { role: 'office', unitId: c.officeUnit.id, communeId: c.communeId, password: 'tam-thoi' });
    await ctx.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
    await expectError(await ctx.call('GET', '/api/me', { token: user.token }), 401, 'auth.invalid_token');
    await expectError(await login(user.username, 'tam-thoi'), 401, 'auth.bad_credentials');
  });
});
