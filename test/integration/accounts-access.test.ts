/**
 * Who an account is decides what it may hold (issue 12, findings 1, 3 and 5): enrollment
 * checks the account as it is NOW; changing its role or unit, locking it or setting its
 * password cancels its codes and revokes its phones; office staff manage field accounts only;
 * only an admin sets a commune user's password; a new commune's admin is invited and sets
 * their own; enrollment guesses are limited per source address, in the database.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { seedCommune, createOperator, createUser, type Commune, type TestUser } from './support/fixtures';
import { createApp } from '../../src/server/app';
import { inTransaction } from '../../src/server/db/handle';
import { inviteUser } from '../../src/server/office/invitations';
import { insertEnrollmentCode } from '../../src/server/db/queries/auth';
import { hashEnrollmentCode, newEnrollmentCode } from '../../src/server/auth/tokens';

const json = async (res: Response | Promise<Response>) => (await res).json();

async function issueCode(ctx: TestContext, by: TestUser, userId: string): Promise<string> {
  const res = await ctx.call('POST', `/api/users/${userId}/enrollment-codes`, { token: by.token });
  expect(res.status).toBe(201);
  return (await res.json()).code;
}
const enroll = (ctx: TestContext, code: string) => ctx.call('POST', '/api/devices/enroll', { body: { code, deviceName: 'Máy thử' } });

forEachDatabase((ctx) => {
  let a: Commune;
  let b: Commune;
  beforeAll(async () => {
    a = await seedCommune(ctx.db, { villages: 2 });
    b = await seedCommune(ctx.db, { villages: 1 });
  });
  // These tests refuse many enrollments on purpose, all from the in-process address; the
  // limit itself is tested at the end, from addresses of its own.
  beforeEach(async () => {
    await ctx.db.kysely.deleteFrom('login_failures').where('username', 'like', 'enroll:%').execute();
  });

  const newVillageHead = async (name = 'Trưởng thôn mới') => json(ctx.call('POST', '/api/users', { token: a.office.token, body: { name, role: 'village', unitId: a.villages[0]!.id } }));

  describe('a phone token only for a field account, as it is now', () => {
    for (const role of ['office', 'admin'] as const) {
      it(`village user → code → role changed to ${role} → enrolling with the code is refused`, async () => {
        const user = await newVillageHead();
        const code = await issueCode(ctx, a.office, user.id);
        const changed = await ctx.call('PATCH', `/api/users/${user.id}`, { token: a.admin.token, body: { role, unitId: a.officeUnit.id } });
        expect(changed.status).toBe(200);
        const res = await enroll(ctx, code);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code: 'enroll.invalid_code' });
        expect(await ctx.db.kysely.selectFrom('devices').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
      });
    }

    it('enrolling while the account is made office staff, ten times at once: never a 500, never a working phone token for the office account', async () => {
      for (let i = 0; i < 10; i++) {
        const user = await newVillageHead(`Trưởng thôn đua ${i}`);
        const code = await issueCode(ctx, a.office, user.id);
        const [enrolled, changed] = await Promise.all([
          enroll(ctx, code),
          ctx.call('PATCH', `/api/users/${user.id}`, { token: a.admin.token, body: { role: 'office', unitId: a.officeUnit.id } }),
        ]);
        expect(changed.status).toBe(200);
        expect([200, 400]).toContain(enrolled.status);
        if (enrolled.status === 200) {
          const me = await ctx.call('GET', '/api/me', { token: (await enrolled.json()).token });
          expect(me.status).toBe(401);
        }
      }
    });

    it('a password set on the account cancels its codes and revokes its phones', async () => {
      const user = await newVillageHead();
      const first = await issueCode(ctx, a.office, user.id);
      const phone = await json(enroll(ctx, first));
      expect(phone.user).toMatchObject({ role: 'village' });
      const pending = await issueCode(ctx, a.office, user.id);
      expect((await ctx.call('PATCH', `/api/users/${user.id}`, { token: a.admin.token, body: { password: 'mat-khau-moi-123' } })).status).toBe(200);
      expect(await json(enroll(ctx, pending))).toMatchObject({ code: 'enroll.invalid_code' });
      expect(await json(ctx.call('GET', '/api/me', { token: phone.token }))).toMatchObject({ code: 'auth.device_revoked' });
    });

    it('moving the account to another unit, or locking it, cancels its codes and revokes its phones; unlocking brings neither back', async () => {
      const moved = await newVillageHead();
      const movedPhone = await json(enroll(ctx, await issueCode(ctx, a.office, moved.id)));
      const movedCode = await issueCode(ctx, a.office, moved.id);
      expect((await ctx.call('PATCH', `/api/users/${moved.id}`, { token: a.office.token, body: { unitId: a.villages[1]!.id } })).status).toBe(200);
      expect(await json(enroll(ctx, movedCode))).toMatchObject({ code: 'enroll.invalid_code' });
      expect((await ctx.call('GET', '/api/me', { token: movedPhone.token })).status).toBe(401);

      const locked = await newVillageHead();
      const lockedPhone = await json(enroll(ctx, await issueCode(ctx, a.office, locked.id)));
      const lockedCode = await issueCode(ctx, a.office, locked.id);
      expect((await ctx.call('PATCH', `/api/users/${locked.id}`, { token: a.office.token, body: { active: false } })).status).toBe(200);
      expect((await ctx.call('PATCH', `/api/users/${locked.id}`, { token: a.office.token, body: { active: true } })).status).toBe(200);
      expect(await json(enroll(ctx, lockedCode))).toMatchObject({ code: 'enroll.invalid_code' });
      expect(await json(ctx.call('GET', '/api/me', { token: lockedPhone.token }))).toMatchObject({ code: 'auth.device_revoked' });
      // A renamed account keeps its phone and its code.
      const renamed = await newVillageHead();
      const renamedCode = await issueCode(ctx, a.office, renamed.id);
      expect((await ctx.call('PATCH', `/api/users/${renamed.id}`, { token: a.office.token, body: { name: 'Tên mới' } })).status).toBe(200);
      expect((await enroll(ctx, renamedCode)).status).toBe(200);
    });

    it('a code left over for an office account (issued before this rule) enrolls nothing, and a device token of an office account is refused', async () => {
      const code = newEnrollmentCode();
      await insertEnrollmentCode(ctx.db, { codeHash: hashEnrollmentCode(code), userId: a.office.id, issuedBy: null, now: '2025-01-01T00:00:00Z', expiresAt: '2099-01-01T00:00:00Z' });
      expect(await json(enroll(ctx, code))).toMatchObject({ code: 'enroll.invalid_code' });
      const officePhone = await createUser(ctx.db, { role: 'office', unitId: a.officeUnit.id, communeId: a.communeId, device: true });
      expect(await json(ctx.call('GET', '/api/me', { token: officePhone.token }))).toMatchObject({ code: 'auth.device_revoked' });
    });
  });

  describe('office manages field accounts; only admin manages office and admin accounts and passwords', () => {
    it('office cannot create an office account, choose a password, lock or edit a peer, or reset a field user\'s password', async () => {
      const office = await ctx.call('POST', '/api/users', { token: a.office.token, body: { username: 'vp.moi', name: 'X', role: 'office', password: 'mat-khau-dai-1' } });
      expect(office.status).toBe(403);
      expect((await ctx.call('POST', '/api/users', { token: a.office.token, body: { username: 'vp.moi', name: 'X', role: 'office' } })).status).toBe(403);
      expect((await ctx.call('POST', '/api/users', { token: a.office.token, body: { username: 'tt.moi', name: 'X', role: 'village', unitId: a.villages[0]!.id, password: 'mat-khau-dai-1' } })).status).toBe(403);
      const peer = await createUser(ctx.db, { role: 'office', unitId: a.officeUnit.id, communeId: a.communeId, password: 'mat-khau-dong-nghiep' });
      expect((await ctx.call('PATCH', `/api/users/${peer.id}`, { token: a.office.token, body: { active: false } })).status).toBe(403);
      expect((await ctx.call('PATCH', `/api/users/${peer.id}`, { token: a.office.token, body: { name: 'Đổi tên' } })).status).toBe(403);
      expect((await ctx.call('PATCH', `/api/users/${a.villageUsers[0]!.id}`, { token: a.office.token, body: { password: 'mat-khau-dai-1' } })).status).toBe(403);
      expect((await ctx.call('POST', '/api/auth/login', { body: { username: peer.username, password: 'mat-khau-dong-nghiep' } })).status).toBe(200);
      expect((await ctx.call('POST', `/api/users/${peer.id}/enrollment-codes`, { token: a.office.token })).status).toBe(403);
      // Field accounts stay the office's to run.
      expect((await ctx.call('PATCH', `/api/users/${a.villageUsers[1]!.id}`, { token: a.office.token, body: { name: 'Trưởng thôn Hai' } })).status).toBe(200);
    });

    it('admin creates an office account with a password and locks it; the operator sets no commune user\'s password', async () => {
      const made = await ctx.call('POST', '/api/users', { token: a.admin.token, body: { username: 'vp.ba', name: 'Văn phòng Ba', role: 'office', unitId: a.officeUnit.id, password: 'mat-khau-vp-ba' } });
      expect(made.status).toBe(201);
      const vp = await made.json();
      const session = (await json(ctx.call('POST', '/api/auth/login', { body: { username: 'vp.ba', password: 'mat-khau-vp-ba' } }))).token;
      expect((await ctx.call('PATCH', `/api/users/${vp.id}`, { token: a.admin.token, body: { active: false } })).status).toBe(200);
      expect((await ctx.call('GET', '/api/me', { token: session })).status).toBe(401);

      const operator = await createOperator(ctx.db);
      expect((await ctx.call('PATCH', `/api/users/${a.admin.id}`, { token: operator.token, body: { password: 'mat-khau-cua-op' } })).status).toBe(403);
      expect((await ctx.call('POST', '/api/users', { token: operator.token, body: { username: 'qt.b2', name: 'Q', role: 'admin', unitId: b.officeUnit.id, password: 'mat-khau-cua-op' } })).status).toBe(403);
      expect((await ctx.call('POST', '/api/users', { token: operator.token, body: { username: 'op.hai', name: 'Vận hành 2', role: 'operator', password: 'mat-khau-van-hanh' } })).status).toBe(201);
      const withPassword = await ctx.call('POST', '/api/communes', { token: operator.token, body: { name: 'Xã Có Mật Khẩu', admin: { username: 'qt.mk', name: 'Q', password: 'mat-khau-dai-1' } } });
      expect(withPassword.status).toBe(400);
      expect(await withPassword.json()).toMatchObject({ code: 'value.invalid', path: expect.stringMatching(/^admin/) });
    });
  });

  describe('invitations', () => {
    async function invite(user: TestUser, ttlMs?: number): Promise<string> {
      const { url } = await inTransaction(ctx.db, (tx) => inviteUser(tx, { userId: user.id, createdBy: null, now: ctx.clock.now(), publicUrl: 'https://x.test', ttlMs }));
      return new URL(url).searchParams.get('token')!;
    }
    const accept = (token: string, password = 'mat-khau-tu-dat') => ctx.call('POST', '/api/invitations/accept', { body: { token, password } });

    it('sets the password once and lands logged in; a second use, an expired or superseded link, a locked account are refused alike', async () => {
      const invited = await createUser(ctx.db, { role: 'admin', unitId: a.officeUnit.id, communeId: a.communeId, name: 'Quản trị mới' });
      const token = await invite(invited);
      const stored = await ctx.db.kysely.selectFrom('invitations').selectAll().where('user_id', '=', invited.id).execute();
      expect(JSON.stringify(stored)).not.toContain(token);
      const res = await accept(token);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.user).toMatchObject({ id: invited.id, role: 'admin' });
      expect(await json(ctx.call('GET', '/api/me', { token: body.token }))).toMatchObject({ id: invited.id, role: 'admin' });
      expect((await ctx.call('POST', '/api/auth/login', { body: { username: invited.username, password: 'mat-khau-tu-dat' } })).status).toBe(200);

      const refused = async (t: string) => {
        const r = await accept(t, 'mat-khau-ke-gian');
        expect(r.status).toBe(400);
        expect(await r.json()).toMatchObject({ code: 'invitation.invalid', path: 'token' });
      };
      await refused(token);
      await refused('x'.repeat(43));
      const late = await createUser(ctx.db, { role: 'admin', unitId: a.officeUnit.id, communeId: a.communeId });
      const expiring = await invite(late, 60_000);
      ctx.clock.advance(61_000);
      await refused(expiring);
      const superseded = await invite(late);
      await invite(late);
      await refused(superseded);
      const lockedToken = await invite(late);
      expect((await ctx.call('PATCH', `/api/users/${late.id}`, { token: a.admin.token, body: { active: false } })).status).toBe(200);
      await refused(lockedToken);
      expect((await ctx.call('POST', '/api/auth/login', { body: { username: late.username, password: 'mat-khau-ke-gian' } })).status).toBe(401);
    });

    it('the operator sends a commune admin a new link (the old one stops working); an admin may invite office staff; office may not', async () => {
      const operator = await createOperator(ctx.db);
      const created = await json(ctx.call('POST', '/api/communes', { token: operator.token, body: { name: 'Xã Mời Lại', admin: { username: 'qt.moilai', name: 'Quản trị' } } }));
      const first = new URL(created.invitation.url).searchParams.get('token')!;
      const again = await ctx.call('POST', `/api/users/${created.admin.id}/invitations`, { token: operator.token });
      expect(again.status).toBe(201);
      const second = new URL((await again.json()).url).searchParams.get('token')!;
      expect((await accept(first)).status).toBe(400);
      expect((await accept(second)).status).toBe(200);

      const staff = await createUser(ctx.db, { role: 'office', unitId: a.officeUnit.id, communeId: a.communeId });
      expect((await ctx.call('POST', `/api/users/${staff.id}/invitations`, { token: a.office.token })).status).toBe(403);
      expect((await ctx.call('POST', `/api/users/${staff.id}/invitations`, { token: b.admin.token })).status).toBe(404);
      const byAdmin = await ctx.call('POST', `/api/users/${staff.id}/invitations`, { token: a.admin.token });
      expect(byAdmin.status).toBe(201);
      const field = await ctx.call('POST', `/api/users/${a.villageUsers[0]!.id}/invitations`, { token: a.admin.token });
      expect(await field.json()).toMatchObject({ code: 'invitation.not_office_user' });
    });

    it('two clicks on one link at once: one session, one refusal', async () => {
      const invited = await createUser(ctx.db, { role: 'admin', unitId: a.officeUnit.id, communeId: a.communeId });
      const token = await invite(invited);
      const statuses = (await Promise.all([accept(token), accept(token)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 400]);
    });
  });

  describe('enrollment guesses are limited per source address, counted in the database', () => {
    const from = (app: ReturnType<typeof createApp>, address: string, code: string) => app.request('/api/devices/enroll', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Máy đoán' }),
    }, { incoming: { socket: { remoteAddress: address } } });

    it('refuses the 11th attempt in 15 minutes, also on another server and with a right code; other addresses go on', async () => {
      const other = ctx.openAnother();
      const second = createApp({ ...ctx.deps, db: other });
      const guesser = `10.9.${Math.floor(Math.random() * 250)}.7`;
      for (let i = 0; i < 10; i++) {
        const res = await from(i % 2 ? second : ctx.app, guesser, `WRONG-${String(i).padStart(5, '2')}`);
        expect(res.status).toBe(400);
      }
      const user = await newVillageHead('Trưởng thôn bị chặn');
      const code = await issueCode(ctx, a.office, user.id);
      for (const app of [ctx.app, second]) {
        const limited = await from(app, guesser, code);
        expect(limited.status).toBe(429);
        expect(await limited.json()).toMatchObject({ code: 'enroll.rate_limited', message: expect.stringContaining('15 phút') });
      }
      expect((await from(ctx.app, '10.8.0.1', code)).status).toBe(200);
      ctx.clock.advance(15 * 60_000 + 1000);
      expect((await from(ctx.app, guesser, 'WRONG-22222')).status).toBe(400);
    });
  });
});
