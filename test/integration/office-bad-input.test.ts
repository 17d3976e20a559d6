/**
 * Bad input on every office route (and every other route that takes a body): whatever the
 * body, the answer is a 4xx in the one error shape with a Vietnamese message — never a 500 —
 * and nothing is stored.
 */
import { beforeAll, expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { seedCommune, createOperator, type Commune, type TestUser } from './support/fixtures';
import { allRoutes } from '../../src/server/routes';

const BAD_BODIES: [string, string][] = [
  ['not JSON', '{"name": '],
  ['an array', '[]'],
  ['a string', '"Thôn"'],
  ['null', 'null'],
  ['empty object', '{}'],
  ['wrong types', JSON.stringify({ name: 1, kind: ['village'], year: 'hai nghìn', targets: 'nhiều', assignments: {}, admin: 7, successor: false, rounds: 'hai' })],
  ['NaN as a string and nulls', JSON.stringify({ name: null, value: 'NaN', communeName: null, decision: null, reports: null })],
  ['a 100 kB string', JSON.stringify({ name: 'x'.repeat(100_000), label: 'x'.repeat(100_000), communeName: 'x'.repeat(100_000) })],
  ['deep nesting', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`],
  ['prototype keys', '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}'],
];

/** Table counts that must not move when a request is refused. */
const TABLES = ['units', 'users', 'plans', 'periods', 'targets', 'assignments', 'reports', 'enrollment_codes', 'changes'] as const;

forEachDatabase((ctx) => {
  let c: Commune;
  let operator: TestUser;

  beforeAll(async () => {
    c = await seedCommune(ctx.db);
    operator = await createOperator(ctx.db);
  });

  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) =>
    [t, Number((await ctx.db.kysely.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)])));

  for (const route of allRoutes().filter((r) => r.spec.request?.body)) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    it(`${key}: every bad body is a 4xx in the one error shape, nothing stored`, async () => {
      const path = route.path
        .replace(':planId', c.plan.id)
        .replace(':id', route.path.startsWith('/api/users') ? c.villageUsers[0]!.id
          : route.path.startsWith('/api/units') ? c.villages[0]!.id
          : route.path.startsWith('/api/plans') ? c.plan.id
          : route.path.startsWith('/api/targets') ? c.targets.quantity.id
          : '0190a5e0-0000-7000-8000-000000000001');
      const token = route.access === 'public' ? undefined : route.access.includes('admin') ? c.admin.token : route.access.includes('operator') ? operator.token : c.villageUsers[0]!.token;
      const before = await counts();
      const wrong: string[] = [];
      for (const [name, raw] of BAD_BODIES) {
        const res = await ctx.call(route.method.toUpperCase(), path, { token, raw, headers: { 'content-type': 'application/json' } });
        const text = await res.text();
        let body: { code?: string; message?: string } | null = null;
        try { body = JSON.parse(text); } catch { /* checked below */ }
        // The reports batch answers per report (200 with rejections) when the envelope is right.
        const perReport = key === 'POST /api/reports' && res.status === 200;
        if (!perReport && (res.status < 400 || res.status >= 500)) wrong.push(`${name}: ${res.status} ${text.slice(0, 150)}`);
        if (!perReport && (!body?.code || !/[àáảãạăâđèéêìíòóôơùúưýệịọụứừửữựếềểễ]/i.test(body.message ?? ''))) wrong.push(`${name}: body ${text.slice(0, 150)}`);
      }
      expect(wrong).toEqual([]);
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a target position past the 32-bit range (PostgreSQL stores it in an integer column)', async () => {
    const before = await counts();
    const target = {
      parentId: null, area: 'economy', label: 'Chỉ tiêu xa', unit: 'hộ', comparator: 'atLeast', value: 1, valueMax: null,
      outOf: null, measure: 'quantity', position: 3_000_000_000,
    };
    const created = await ctx.call('POST', `/api/plans/${c.plan.id}/targets`, { token: c.office.token, body: { targets: [target] } });
    expect(created.status).toBe(400);
    expect(await created.json()).toMatchObject({ code: 'value.invalid', path: 'targets.0.position' });
    const patched = await ctx.call('PATCH', `/api/targets/${c.targets.quantity.id}`, { token: c.office.token, body: { position: -3_000_000_000 } });
    expect(patched.status).toBe(400);
    expect(await patched.json()).toMatchObject({ code: 'value.invalid', path: 'position' });
    expect(await counts()).toEqual(before);
  });
});
