/**
 * Issue 8, people and phones: devices kept current by every sync and named by the phone,
 * "Đổi người phụ trách" (hand-over), "In thẻ" (fresh codes, earlier unused ones cancelled),
 * and closing a unit with its shares dropped or moved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';

const json = async (res: Response | Promise<Response>) => (await res).json();

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 4 });
    other = await seedCommune(ctx.db, { villages: 1 });
    ctx.clock.set('2025-06-01T02:00:00.000Z');
  });
  const enroll = (code: string) => ctx.call('POST', '/api/devices/enroll', { body: { code, deviceName: 'Điện thoại' } });

  describe('devices', () => {
    it('every sync keeps lastSyncAt and the app version current; the phone names itself', async () => {
      const v = c.villageUsers[0]!;
      ctx.clock.set('2025-06-01T02:00:00.000Z');
      await ctx.call('GET', '/api/sync', { token: v.token, headers: { 'x-app-version': '1.4.0' } });
      ctx.clock.set('2025-06-01T02:05:00.000Z');
      await ctx.call('GET', '/api/sync', { token: v.token, headers: { 'x-app-version': '1.4.1' } });
      const { devices } = await json(ctx.call('GET', `/api/devices?userId=${v.id}`, { token: c.office.token }));
      expect(devices).toEqual([expect.objectContaining({ id: v.deviceId, userId: v.id, lastSyncAt: '2025-06-01T02:05:00.000Z', appVersion: '1.4.1', revokedAt: null })]);

      const named = await ctx.call('PATCH', '/api/devices/current', { token: v.token, body: { name: '  Nguyễn Văn An – Redmi 9A  ' } });
      expect(named.status).toBe(200);
      expect((await named.json()).device).toMatchObject({ id: v.deviceId, name: 'Nguyễn Văn An – Redmi 9A' });
      const tooLong = await ctx.call('PATCH', '/api/devices/current', { token: v.token, body: { name: 'x'.repeat(81) } });
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toMatchObject({ path: 'name' });
      const office = await ctx.call('PATCH', '/api/devices/current', { token: c.office.token, body: { name: 'Máy văn phòng' } });
      expect(office.status).toBe(403);
      expect(await office.json()).toMatchObject({ code: 'device.not_a_device' });
    });
  });

  describe('hand-over', () => {
    it('deactivates the old head, revokes their phones, makes the new head with a code; the reports stay with the unit', async () => {
      const unit = c.villages[1]!;
      const old = c.villageUsers[1]!;
      const report = makeReport(c, { village: 1, values: [{ targetId: c.targets.quantity.id, value: 3 }] });
      await ctx.call('POST', '/api/reports', { token: old.token, body: { reports: [report] } });
      const res = await ctx.call('POST', `/api/units/${unit.id}/hand-over`, { token: c.office.token, body: { name: 'Trần Văn Mới', phone: '0912 345 678' } });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.user).toMatchObject({ name: 'Trần Văn Mới', role: 'village', unitId: unit.id, active: true });
      expect(body.previousUserIds).toEqual([old.id]);
      expect(body.enrollment).toMatchObject({ code: expect.any(String), url: expect.stringContaining('/enroll?code='), qrSvg: expect.stringContaining('<svg') });
      expect((await ctx.call('GET', '/api/sync', { token: old.token })).status).toBe(401);
      const enrolled = await enroll(body.enrollment.code);
      expect(enrolled.status).toBe(200);
      expect((await enrolled.json()).user).toMatchObject({ id: body.user.id });
      const { users } = await json(ctx.call('GET', '/api/users', { token: c.office.token }));
      expect(users.find((u: { id: string }) => u.id === old.id)).toMatchObject({ active: false });
      const list = await json(ctx.call('GET', `/api/reports?unitId=${unit.id}`, { token: c.office.token }));
      expect(list.reports.map((r: { id: string }) => r.id)).toContain(report.id);
    });

    it('only for villages and associations of the caller\'s commune, with a free username', async () => {
      const office = await ctx.call('POST', `/api/units/${c.officeUnit.id}/hand-over`, { token: c.office.token, body: { name: 'X' } });
      expect(await office.json()).toMatchObject({ code: 'unit.not_reporting' });
      expect((await ctx.call('POST', `/api/units/${other.villages[0]!.id}/hand-over`, { token: c.office.token, body: { name: 'X' } })).status).toBe(404);
      const taken = await ctx.call('POST', `/api/units/${c.association.id}/hand-over`, { token: c.office.token, body: { name: 'X', username: c.office.username } });
      expect(taken.status).toBe(409);
      expect(await taken.json()).toMatchObject({ code: 'conflict.exists', path: 'username' });
      expect((await ctx.call('POST', `/api/units/${c.association.id}/hand-over`, { token: c.villageUsers[0]!.token, body: { name: 'X' } })).status).toBe(403);
    });
  });

  describe('enrollment cards', () => {
    it('issues fresh codes for a sheet of field users and cancels their unused earlier codes', async () => {
      const v = c.villageUsers[2]!;
      const a = c.associationUser;
      const earlier = await json(ctx.call('POST', `/api/users/${v.id}/enrollment-codes`, { token: c.office.token }));
      const res = await ctx.call('POST', '/api/enrollment-cards', { token: c.office.token, body: { userIds: [v.id, a.id] } });
      expect(res.status).toBe(200);
      const { cards } = await res.json();
      expect(cards).toEqual([
        expect.objectContaining({ userId: v.id, unitName: c.villages[2]!.name, code: expect.any(String), qrSvg: expect.stringContaining('<svg') }),
        expect.objectContaining({ userId: a.id, unitName: c.association.name }),
      ]);
      expect((await enroll(earlier.code)).status).toBe(400);
      expect((await enroll(cards[0].code)).status).toBe(200);
      expect((await enroll(cards[1].code)).status).toBe(200);
    });

    it('refuses office accounts and other communes\' users, naming which one', async () => {
      const office = await ctx.call('POST', '/api/enrollment-cards', { token: c.office.token, body: { userIds: [c.associationUser.id, c.office.id] } });
      expect(await office.json()).toMatchObject({ code: 'enroll.not_field_user', path: 'userIds.1' });
      const foreign = await ctx.call('POST', '/api/enrollment-cards', { token: c.office.token, body: { userIds: [other.villageUsers[0]!.id] } });
      expect(foreign.status).toBe(404);
      expect(await foreign.json()).toMatchObject({ path: 'userIds.0' });
    });
  });

  describe('closing a unit', () => {
    it('asks what becomes of its shares, then moves them (adding to what the receiver holds) and locks its people', async () => {
      const [, , closing, receiver] = c.villages as [unknown, unknown, typeof c.villages[0], typeof c.villages[0]];
      await ctx.call('PUT', `/api/targets/${c.targets.associationOnly.id}/assignments`, { token: c.office.token, body: { assignments: [
        { unitId: c.association.id, share: 32 }, { unitId: closing.id, share: 3 }, { unitId: receiver.id, share: 4 },
      ] } });
      const asked = await ctx.call('POST', `/api/units/${closing.id}/close`, { token: c.office.token, body: {} });
      expect(asked.status).toBe(409);
      expect(await asked.json()).toMatchObject({ code: 'unit.has_shares', details: { shares: 7 } });
      const self = await ctx.call('POST', `/api/units/${closing.id}/close`, { token: c.office.token, body: { shares: 'move', toUnitId: closing.id } });
      expect(await self.json()).toMatchObject({ code: 'unit.bad_successor', path: 'toUnitId' });
      const res = await ctx.call('POST', `/api/units/${closing.id}/close`, { token: c.office.token, body: { shares: 'move', toUnitId: receiver.id } });
      expect(res.status).toBe(200);
      expect((await res.json()).unit).toMatchObject({ id: closing.id, closedAt: expect.any(String) });
      const { assignments } = await json(ctx.call('GET', `/api/plans/${c.plan.id}/assignments`, { token: c.office.token }));
      expect(assignments.filter((x: { unitId: string }) => x.unitId === closing.id)).toEqual([]);
      expect(assignments.filter((x: { unitId: string }) => x.unitId === receiver.id)).toHaveLength(7);
      expect(assignments.find((x: { unitId: string; targetId: string }) => x.unitId === receiver.id && x.targetId === c.targets.associationOnly.id)).toMatchObject({ share: 7 });
      expect((await ctx.call('GET', '/api/sync', { token: c.villageUsers[2]!.token })).status).toBe(401);
      const again = await ctx.call('POST', `/api/units/${closing.id}/close`, { token: c.office.token, body: { shares: 'drop' } });
      expect(await again.json()).toMatchObject({ code: 'unit.closed' });
      // A closed unit takes no new shares.
      const put = await ctx.call('PUT', `/api/targets/${c.targets.quantity.id}/assignments`, { token: c.office.token, body: { assignments: [{ unitId: closing.id, share: 1 }] } });
      expect(await put.json()).toMatchObject({ code: 'unit.closed', path: 'assignments.0.unitId' });
    });

    it('at once, from five desks: one close wins, the rest hear unit.closed; hand-overs queue, one head remains', async () => {
      const c3 = await seedCommune(ctx.db, { villages: 3 });
      const [closing, receiver, handed] = c3.villages as [typeof c3.villages[0], typeof c3.villages[0], typeof c3.villages[0]];
      const closes = await Promise.all(Array.from({ length: 5 }, () =>
        ctx.call('POST', `/api/units/${closing.id}/close`, { token: c3.office.token, body: { shares: 'move', toUnitId: receiver.id } })));
      expect(closes.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const { assignments } = await json(ctx.call('GET', `/api/plans/${c3.plan.id}/assignments`, { token: c3.office.token }));
      expect(assignments.filter((x: { unitId: string }) => x.unitId === receiver.id)).toHaveLength(6);
      const handOvers = await Promise.all(['An', 'Bình', 'Chi'].map((name) =>
        ctx.call('POST', `/api/units/${handed.id}/hand-over`, { token: c3.office.token, body: { name } })));
      expect(handOvers.map((r) => r.status)).toEqual([200, 200, 200]);
      const { users } = await json(ctx.call('GET', '/api/users', { token: c3.office.token }));
      expect(users.filter((u: { unitId: string; active: boolean }) => u.unitId === handed.id && u.active)).toHaveLength(1);
    });

    it('drops the shares when asked to', async () => {
      const c2 = await seedCommune(ctx.db, { villages: 1 });
      const res = await ctx.call('POST', `/api/units/${c2.villages[0]!.id}/close`, { token: c2.office.token, body: { shares: 'drop' } });
      expect(res.status).toBe(200);
      const { assignments } = await json(ctx.call('GET', `/api/plans/${c2.plan.id}/assignments`, { token: c2.office.token }));
      expect(assignments.filter((x: { unitId: string }) => x.unitId === c2.villages[0]!.id)).toEqual([]);
    });
  });
});
