/**
 * Ids of another commune are not confirmed by the answers (issue 12, finding 4). A report id is
 * answered `duplicate` (with its receivedAt) only for a resend of the caller's own report; any
 * other taken id — another commune's, verbatim or not, or a different report of one's own —
 * gets one identical `report.conflict` without receivedAt. A unit, plan, target or user id
 * taken in another commune gets the very same `409 conflict.exists` as one taken at home.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, createOperator, type Commune, type TestUser } from './support/fixtures';
import { makeReport, type BatchResult } from './support/reports';
import { uuidv7 } from '../../src/shared/ids';

forEachDatabase((ctx) => {
  let a: Commune;
  let b: Commune;
  beforeAll(async () => {
    a = await seedCommune(ctx.db, { villages: 2 });
    b = await seedCommune(ctx.db, { villages: 1 });
  });

  const send = async (token: string, reports: unknown[]): Promise<BatchResult[]> => {
    const res = await ctx.call('POST', '/api/reports', { token, body: { reports } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: BatchResult[] }).results;
  };

  it('a report id of another commune is report.conflict without receivedAt, even resent verbatim; own resends stay duplicates', async () => {
    const theirs = makeReport(b);
    const [stored] = await send(b.villageUsers[0]!.token, [theirs]);
    expect(stored!.status).toBe('accepted');
    const mine = makeReport(a);
    expect((await send(a.villageUsers[0]!.token, [mine]))[0]!.status).toBe('accepted');

    const conflict = { status: 'rejected', code: 'report.conflict', message: expect.any(String), path: 'id' };
    // Commune A's village head and office replay B's report exactly as B sent it…
    for (const token of [a.villageUsers[0]!.token, a.office.token]) {
      const [verbatim] = await send(token, [theirs]);
      expect(verbatim).toEqual({ id: theirs.id, ...conflict });
      expect(verbatim).not.toHaveProperty('receivedAt');
    }
    // …or with their own content: the same answer as reusing one of their own ids for a different report.
    const [foreign] = await send(a.villageUsers[0]!.token, [{ ...makeReport(a), id: theirs.id }]);
    const [own] = await send(a.villageUsers[0]!.token, [{ ...makeReport(a), id: mine.id }]);
    expect({ ...foreign, id: null }).toEqual({ ...own, id: null });
    expect(own).toEqual({ id: mine.id, ...conflict });
    // Another unit of the same commune is not the caller's scope either.
    expect((await send(a.villageUsers[1]!.token, [mine]))[0]).toEqual({ id: mine.id, ...conflict });
    // The caller's own resend — from the phone, another phone of the unit, or the office importing it — is a duplicate.
    expect((await send(a.villageUsers[0]!.token, [mine]))[0]).toEqual({ id: mine.id, status: 'duplicate', receivedAt: expect.any(String) });
    expect((await send(a.office.token, [mine]))[0]).toMatchObject({ status: 'duplicate' });
    expect((await send(b.villageUsers[0]!.token, [theirs]))[0]).toMatchObject({ status: 'duplicate', receivedAt: stored!.receivedAt });
  });

  it('a unit, plan, target or user id taken in another commune is answered exactly like one taken at home', async () => {
    const operator = await createOperator(ctx.db);
    const answer = async (token: string, path: string, body: object) => {
      const res = await ctx.call('POST', path, { token, body });
      return { status: res.status, body: await res.json() };
    };
    const targetBody = (id: string) => ({ targets: [{ id, parentId: null, area: 'economy', label: 'Chỉ tiêu', unit: 'ha', comparator: 'atLeast', value: 1, valueMax: null, outOf: null, measure: 'quantity' }] });
    const planBody = (id: string) => ({ id, number: '2/KH', issuedOn: null, year: 2025, title: 'Kế hoạch', theme: '', rounds: [], reporting: ['year'] });
    const cases: [string, TestUser, string, (id: string) => object, string, string][] = [
      ['unit', a.office, '/api/units', (id) => ({ id, kind: 'village', name: 'Thôn trùng' }), a.villages[0]!.id, b.villages[0]!.id],
      ['plan', a.office, '/api/plans', planBody, a.plan.id, b.plan.id],
      ['target', a.office, `/api/plans/${a.plan.id}/targets`, targetBody, a.targets.quantity.id, b.targets.quantity.id],
      ['user', a.office, '/api/users', (id) => ({ id, name: 'Người trùng', role: 'village', unitId: a.villages[0]!.id }), a.villageUsers[0]!.id, b.villageUsers[0]!.id],
      ['commune', operator, '/api/communes', (id) => ({ id, name: 'Xã trùng', admin: { username: `qt.${uuidv7().slice(-8)}`, name: 'Q' } }), a.communeId, b.communeId],
    ];
    for (const [what, caller, path, body, ownId, foreignId] of cases) {
      const own = await answer(caller.token, path, body(ownId));
      const foreign = await answer(caller.token, path, body(foreignId));
      expect(own.status, what).toBe(409);
      expect(own.body.code, what).toBe('conflict.exists');
      expect(foreign, what).toEqual(own);
      expect(JSON.stringify(foreign), what).not.toContain(foreignId);
    }
  });
});
