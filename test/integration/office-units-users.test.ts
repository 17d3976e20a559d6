import { describe, expect, it } from 'vitest';
import { forEachDatabase, type TestContext } from './support/databases';
import { seedCommune, createOperator, type Commune } from './support/fixtures';
import { hashEnrollmentCode } from '../../src/server/auth/tokens';

async function changesFor(ctx: TestContext, entityId: string) {
  return ctx.db.kysely.selectFrom('changes').select(['entity', 'commune_id', 'unit_id']).where('entity_id', '=', entityId).execute();
}

forEachDatabase((ctx) => {
  let a: Commune;
  let b: Commune;
  const json = async (res: Response | Promise<Response>) => (await res).json();

  describe('units', () => {
    it('creates a village under the commune, logs it for sync, lists it', async () => {
      a = await seedCommune(ctx.db, { villages: 2 });
      b = await seedCommune(ctx.db);
      const res = await ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'village', name: '  Làng Kon Sơ Lăl ' } });
      expect(res.status).toBe(201);
      const unit = await res.json();
      expect(unit).toMatchObject({ kind: 'village', name: 'Làng Kon Sơ Lăl', parentId: a.communeId, communeId: a.communeId, successorId: null });
      expect(await changesFor(ctx, unit.id)).toEqual([{ entity: 'units', commune_id: a.communeId, unit_id: null }]);
      const list = await json(ctx.call('GET', '/api/units', { token: a.office.token }));
      expect(list.units.map((u: { id: string }) => u.id)).toContain(unit.id);
      expect(list.units.every((u: { communeId: string }) => u.communeId === a.communeId)).toBe(true);
    });

    it('treats another commune\'s unit as unknown (404), and refuses bad input with a path', async () => {
      const foreignParent = await ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'village', name: 'X', parentId: b.villages[0]!.id } });
      expect(foreignParent.status).toBe(404);
      expect(await foreignParent.json()).toMatchObject({ code: 'not_found', path: 'parentId' });
      expect((await ctx.call('PATCH', `/api/units/${b.villages[0]!.id}`, { token: a.office.token, body: { name: 'Của tôi' } })).status).toBe(404);
      expect((await ctx.call('DELETE', `/api/units/${b.villages[0]!.id}`, { token: a.admin.token })).status).toBe(404);
      const badKind = await ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'commune', name: 'Xã mới' } });
      expect(badKind.status).toBe(400);
      expect(await badKind.json()).toMatchObject({ code: 'value.invalid', path: 'kind', message: expect.stringMatching(/[ạảãáàâăđêôơư]/) });
      const empty = await ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'village', name: '   ' } });
      expect(empty.status).toBe(400);
    });

    it('renames, refuses to move the commune or a unit under itself', async () => {
      const renamed = await json(ctx.call('PATCH', `/api/units/${a.villages[0]!.id}`, { token: a.office.token, body: { name: 'Thôn Một' } }));
      expect(renamed.name).toBe('Thôn Một');
      expect((await ctx.call('PATCH', `/api/units/${a.communeId}`, { token: a.admin.token, body: { kind: 'village' } })).status).toBe(403);
      expect((await ctx.call('PATCH', `/api/units/${a.communeId}`, { token: a.admin.token, body: { name: 'Xã Lơ Ku mới' } })).status).toBe(200);
      const child = await json(ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'village', name: 'Xóm con', parentId: a.villages[1]!.id } }));
      const loop = await ctx.call('PATCH', `/api/units/${a.villages[1]!.id}`, { token: a.office.token, body: { parentId: child.id } });
      expect(loop.status).toBe(400);
    });

    it('replaces a village by its successor: same id, successor set, open assignments move over', async () => {
      const [old, successor] = a.villages as [typeof a.villages[0], typeof a.villages[0]];
      const extra = await json(ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'village', name: 'Thôn sáp nhập' } }));
      const res = await ctx.call('POST', `/api/units/${old.id}/replace`, { token: a.office.token, body: { successor: extra.id, on: '2025-07-01' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: old.id, successorId: extra.id, replacedOn: '2025-07-01' });
      const moved = await ctx.db.kysely.selectFrom('assignments').select('unit_id').where('unit_id', 'in', [old.id, extra.id]).execute();
      expect(moved.every((r) => r.unit_id === extra.id)).toBe(true);
      expect(moved.length).toBe(a.assignments.filter((x) => x.unitId === old.id).length);
      // The old unit's user now works for the successor.
      const user = await ctx.db.kysely.selectFrom('users').select('unit_id').where('id', '=', a.villageUsers[0]!.id).executeTakeFirst();
      expect(user?.unit_id).toBe(extra.id);
      // Its phone still holds the old unit: it is revoked, so it stops reporting for it.
      const phone = await ctx.call('GET', '/api/sync', { token: a.villageUsers[0]!.token });
      expect(phone.status).toBe(401);
      expect(await phone.json()).toMatchObject({ code: 'auth.device_revoked' });
      const twice = await ctx.call('POST', `/api/units/${old.id}/replace`, { token: a.office.token, body: { successor: successor.id } });
      expect(twice.status).toBe(409);
      expect(await twice.json()).toMatchObject({ code: 'unit.replaced' });
      const self = await ctx.call('POST', `/api/units/${successor.id}/replace`, { token: a.office.token, body: { successor: successor.id } });
      expect(await self.json()).toMatchObject({ code: 'unit.bad_successor', path: 'successor' });
      // The replaced unit is still there, with its history.
      const list = await json(ctx.call('GET', '/api/units', { token: a.office.token }));
      expect(list.units.find((u: { id: string }) => u.id === old.id)).toMatchObject({ successorId: extra.id });
    });

    it('deletes a unit made by mistake as a tombstone, but not one still in use', async () => {
      const inUse = await ctx.call('DELETE', `/api/units/${a.association.id}`, { token: a.office.token });
      expect(inUse.status).toBe(409);
      expect(await inUse.json()).toMatchObject({ code: 'conflict.in_use' });
      const made = await json(ctx.call('POST', '/api/units', { token: a.office.token, body: { kind: 'association', name: 'Hội nhầm' } }));
      expect(await json(ctx.call('DELETE', `/api/units/${made.id}`, { token: a.office.token }))).toEqual({ id: made.id, deleted: true });
      const row = await ctx.db.kysely.selectFrom('units').select('deleted').where('id', '=', made.id).executeTakeFirst();
      expect(row?.deleted).toBe(1);
      expect((await changesFor(ctx, made.id)).length).toBe(2);
      const list = await json(ctx.call('GET', '/api/units', { token: a.office.token }));
      expect(list.units.some((u: { id: string }) => u.id === made.id)).toBe(false);
      expect((await ctx.call('DELETE', `/api/units/${a.communeId}`, { token: a.admin.token })).status).toBe(403);
    });
  });

  describe('communes (operator)', () => {
    it('creates a commune with an invited admin (no password chosen by the operator); a taken username stores nothing', async () => {
      const operator = await createOperator(ctx.db);
      const res = await ctx.call('POST', '/api/communes', { token: operator.token, body: { name: 'Xã Ia Dom', admin: { username: 'iadom.admin', name: 'Nguyễn Ngọc Quang' } } });
      expect(res.status).toBe(201);
      const created = await res.json();
      expect(created.commune).toMatchObject({ kind: 'commune', name: 'Xã Ia Dom' });
      expect(created.invitation).toEqual({ url: expect.stringMatching(/^https:\/\/thidua\.example\.test\/office\/invite\?token=[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
      const token = new URL(created.invitation.url).searchParams.get('token')!;
      const accepted = await ctx.call('POST', '/api/invitations/accept', { body: { token, password: 'mat-khau-ia-dom' } });
      expect(accepted.status).toBe(200);
      expect((await ctx.call('POST', '/api/auth/login', { body: { username: 'iadom.admin', password: 'mat-khau-ia-dom' } })).status).toBe(200);
      const before = (await json(ctx.call('GET', '/api/communes', { token: operator.token }))).communes.length;
      const clash = await ctx.call('POST', '/api/communes', { token: operator.token, body: { name: 'Xã Khác', admin: { username: 'iadom.admin', name: 'X' } } });
      expect(clash.status).toBe(409);
      expect(await clash.json()).toMatchObject({ code: 'conflict.exists', path: 'admin.username' });
      expect((await json(ctx.call('GET', '/api/communes', { token: operator.token }))).communes.length).toBe(before);
      expect((await ctx.call('POST', '/api/communes', { token: a.admin.token, body: { name: 'X', admin: { username: 'xxx', name: 'X' } } })).status).toBe(403);
    });
  });

  describe('users', () => {
    it('office creates field accounts but no office or admin account; admin may', async () => {
      const field = await ctx.call('POST', '/api/users', { token: a.office.token, body: { name: 'A Blưn', role: 'village', unitId: a.villages[1]!.id } });
      expect(field.status).toBe(201);
      expect(await field.json()).toMatchObject({ role: 'village', unitId: a.villages[1]!.id, communeId: a.communeId, active: true, hasPassword: false, username: null });
      const admin = await ctx.call('POST', '/api/users', { token: a.office.token, body: { username: 'admin2', name: 'X', role: 'admin', password: 'mat-khau-dai' } });
      expect(admin.status).toBe(403);
      expect((await ctx.call('POST', '/api/users', { token: a.admin.token, body: { username: 'admin2', name: 'X', role: 'admin', unitId: a.officeUnit.id, password: 'mat-khau-dai' } })).status).toBe(201);
      const dup = await ctx.call('POST', '/api/users', { token: a.admin.token, body: { username: 'ADMIN2', name: 'Y', role: 'office', password: 'mat-khau-dai' } });
      expect(dup.status).toBe(409);
      expect(await dup.json()).toMatchObject({ code: 'conflict.exists', path: 'username' });
      const mismatch = await ctx.call('POST', '/api/users', { token: a.office.token, body: { name: 'Z', role: 'village', unitId: a.association.id } });
      expect(await mismatch.json()).toMatchObject({ code: 'user.unit_mismatch', path: 'unitId' });
      const foreign = await ctx.call('POST', '/api/users', { token: a.office.token, body: { name: 'Z', role: 'village', unitId: b.villages[0]!.id } });
      expect(foreign.status).toBe(404);
      const noUnit = await ctx.call('POST', '/api/users', { token: a.office.token, body: { name: 'Z', role: 'association' } });
      expect(await noUnit.json()).toMatchObject({ code: 'value.required', path: 'unitId' });
      const operatorRole = await ctx.call('POST', '/api/users', { token: a.admin.token, body: { username: 'op2', name: 'Z', role: 'operator', password: 'mat-khau-dai' } });
      expect(operatorRole.status).toBe(403);
    });

    it('admin resets a password (old sessions end); office cannot; locking ends every token', async () => {
      const u = await json(ctx.call('POST', '/api/users', { token: a.admin.token, body: { username: 'vp2', name: 'Văn phòng 2', role: 'office', password: 'mat-khau-cu-1' } }));
      const session = (await json(ctx.call('POST', '/api/auth/login', { body: { username: 'vp2', password: 'mat-khau-cu-1' } }))).token;
      expect((await ctx.call('PATCH', `/api/users/${u.id}`, { token: a.office.token, body: { password: 'mat-khau-moi-1' } })).status).toBe(403);
      expect((await ctx.call('PATCH', `/api/users/${u.id}`, { token: a.admin.token, body: { password: 'mat-khau-moi-1' } })).status).toBe(200);
      expect((await ctx.call('GET', '/api/me', { token: session })).status).toBe(401);
      expect((await ctx.call('POST', '/api/auth/login', { body: { username: 'vp2', password: 'mat-khau-moi-1' } })).status).toBe(200);

      const village = a.villageUsers[1]!;
      expect((await ctx.call('GET', '/api/me', { token: village.token })).status).toBe(200);
      const locked = await json(ctx.call('PATCH', `/api/users/${village.id}`, { token: a.office.token, body: { active: false } }));
      expect(locked.active).toBe(false);
      const lockedPhone = await ctx.call('GET', '/api/me', { token: village.token });
      expect(lockedPhone.status).toBe(401);
      // The phone hears a plain "revoked", not "log in again": its unsent reports stay exportable.
      expect(await lockedPhone.json()).toMatchObject({ code: 'auth.device_revoked' });
      expect((await ctx.call('PATCH', `/api/users/${a.admin.id}`, { token: a.office.token, body: { name: 'Đổi tên' } })).status).toBe(403);
      expect((await ctx.call('PATCH', `/api/users/${a.admin.id}`, { token: a.admin.token, body: { active: false } })).status).toBe(403);
      expect((await ctx.call('PATCH', `/api/users/${b.office.id}`, { token: a.admin.token, body: { name: 'X' } })).status).toBe(404);
    });

    it('issues a one-time enrollment code (hash only stored) with link and QR, for field users only', async () => {
      const user = a.associationUser;
      const res = await ctx.call('POST', `/api/users/${user.id}/enrollment-codes`, { token: a.office.token });
      expect(res.status).toBe(201);
      const issued = await res.json();
      expect(issued.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      expect(issued.url).toBe(`https://thidua.example.test/enroll?code=${issued.code}`);
      expect(issued.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      expect(issued.userId).toBe(user.id);
      expect(Date.parse(issued.expiresAt) - ctx.clock.now().getTime()).toBe(7 * 86_400_000);
      const rows = await ctx.db.kysely.selectFrom('enrollment_codes').selectAll().where('user_id', '=', user.id).execute();
      expect(rows.map((r) => r.code_hash)).toContain(hashEnrollmentCode(issued.code));
      expect(JSON.stringify(rows)).not.toContain(issued.code);
      const enroll = await ctx.call('POST', '/api/devices/enroll', { body: { code: issued.code.toLowerCase(), deviceName: 'Máy chị Bông' } });
      expect(enroll.status).toBe(200);
      expect((await ctx.call('POST', '/api/devices/enroll', { body: { code: issued.code, deviceName: 'Máy khác' } })).status).toBe(400);

      const office = await ctx.call('POST', `/api/users/${a.office.id}/enrollment-codes`, { token: a.admin.token });
      expect(await office.json()).toMatchObject({ code: 'enroll.not_field_user' });
      expect((await ctx.call('POST', `/api/users/${b.villageUsers[0]!.id}/enrollment-codes`, { token: a.office.token })).status).toBe(404);
      expect((await ctx.call('POST', `/api/users/${a.villageUsers[1]!.id}/enrollment-codes`, { token: a.office.token })).status).toBe(409); // locked above

      const devices = await json(ctx.call('GET', '/api/devices', { token: a.office.token }));
      expect(devices.devices.some((d: { name: string }) => d.name === 'Máy chị Bông')).toBe(true);
      const others = await json(ctx.call('GET', '/api/devices', { token: b.office.token }));
      expect(others.devices.some((d: { name: string }) => d.name === 'Máy chị Bông')).toBe(false);
    });

    it('lists only the own commune\'s accounts; the operator sees all', async () => {
      const mine = await json(ctx.call('GET', '/api/users', { token: a.office.token }));
      expect(mine.users.every((u: { communeId: string }) => u.communeId === a.communeId)).toBe(true);
      expect(mine.users.some((u: { id: string }) => u.id === b.office.id)).toBe(false);
      const operator = await createOperator(ctx.db);
      const all = await json(ctx.call('GET', '/api/users', { token: operator.token }));
      expect(all.users.some((u: { id: string }) => u.id === b.office.id)).toBe(true);
      const one = await json(ctx.call('GET', `/api/users?communeId=${b.communeId}`, { token: operator.token }));
      expect(one.users.every((u: { communeId: string }) => u.communeId === b.communeId)).toBe(true);
      expect(JSON.stringify(all)).not.toContain('password');
      expect(JSON.stringify(all)).not.toContain('scrypt');
    });
  });
});
