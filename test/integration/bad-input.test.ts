/**
 * Everything a phone, a script or an attacker might send that is wrong: each gets a 4xx with
 * our code, a Vietnamese message and the path, nothing is stored partially, never a 500 —
 * and the server still answers afterwards.
 */
import { beforeAll, expect, it } from 'vitest';
import { createGzip, gzipSync } from 'node:zlib';
import { forEachDatabase } from './support/databases';
import { seedCommune, type Commune } from './support/fixtures';
import { makeReport, type BatchResult } from './support/reports';
import { syncAll } from './support/sync';
import { findReport } from '../../src/server/db/queries/reports';

async function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"reports":[{"note":"');
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  for (let written = 0; written < inflatedBytes; written += chunk.length) {
    if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end('"}]}');
  await done;
  return Buffer.concat(parts);
}

forEachDatabase((ctx) => {
  let c: Commune;
  let other: Commune;
  let token: string;
  beforeAll(async () => {
    c = await seedCommune(ctx.db);
    other = await seedCommune(ctx.db);
    token = c.villageUsers[0]!.token;
  });

  const raw = (body: BodyInit | Buffer, headers: Record<string, string> = {}) =>
    ctx.call('POST', '/api/reports', { token, raw: body as BodyInit, headers: { 'content-type': 'application/json', ...headers } });
  const expectError = async (res: Response, status: number, code: string, path?: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { code: string; message: string; path?: string };
    expect(body.code).toBe(code);
    expect(body.message).toMatch(/[a-zà-ỹ]/i);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Error:/);
    if (path !== undefined) expect(body.path).toBe(path);
  };
  const sendOne = async (report: unknown): Promise<BatchResult> => {
    const res = await ctx.call('POST', '/api/reports', { token, body: { reports: [report] } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: BatchResult[] }).results[0]!;
  };
  const expectRejected = async (report: unknown, code: string, path?: string) => {
    const result = await sendOne(report);
    expect(result).toMatchObject({ status: 'rejected', code, ...(path ? { path } : {}) });
    expect(result.message).toMatch(/[à-ỹ]/);
    const id = (report as { id?: unknown }).id;
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) expect(await findReport(ctx.db, id)).toBeUndefined();
  };

  it('refuses a body that is not JSON', async () => {
    await expectError(await raw('{"reports": [}'), 400, 'request.invalid_json');
    await expectError(await raw(''), 400, 'request.invalid_json');
  });

  it('refuses a wrong envelope', async () => {
    await expectError(await raw('[]'), 400, 'request.invalid');
    await expectError(await raw('"reports"'), 400, 'request.invalid');
    await expectError(await raw('{}'), 400, 'request.invalid', 'reports');
    await expectError(await raw('{"reports": {"id": 1}}'), 400, 'request.invalid', 'reports');
  });

  it('refuses absurdly deep nesting with 400, not a 500 from a stack overflow', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    await expectError(await raw(`{"reports":[${deep(300_000)}]}`), 400, 'request.invalid');
    await expectError(await raw(`{"reports":[{"id":"0190a5e0-0000-7000-8000-000000000001","note":${deep(300_000)}}]}`), 400, 'request.invalid');
  });

  it('refuses more than 500 reports in one batch, storing none', async () => {
    const reports = Array.from({ length: 501 }, () => makeReport(c));
    await expectError(await ctx.call('POST', '/api/reports', { token, body: { reports } }), 400, 'request.too_many_reports');
    expect(await findReport(ctx.db, reports[0]!.id)).toBeUndefined();
  });

  it('refuses more than 500 household changes in one batch with their own code and sentence', async () => {
    const changes = Array.from({ length: 501 }, (_, i) => ({
      id: `0190a5e0-0000-7000-8000-${String(i).padStart(12, '0')}`, householdId: '0190a5e0-0000-7000-8000-100000000000', kind: 'field', field: 'members', value: 3, baseRevision: 0, createdAt: '2026-01-01T00:00:00.000Z',
    }));
    const res = await ctx.call('POST', '/api/households/changes', { token: c.office.token, body: { changes } });
    await expectError(res, 400, 'request.too_many_changes', 'changes');
  });

  it('refuses a body over the limit with 413: 10 MB for reports, 1 MB elsewhere', async () => {
    const big = JSON.stringify({ reports: [{ note: 'x'.repeat(10 * 1024 * 1024 + 10) }] });
    await expectError(await raw(big), 413, 'request.too_large');
    const login = await ctx.call('POST', '/api/auth/login', { body: { username: 'a', password: 'p'.repeat(1024 * 1024 + 1) } });
    await expectError(login, 413, 'request.too_large');
  });

  it('accepts a gzip-compressed batch', async () => {
    const report = makeReport(c);
    const res = await raw(gzipSync(JSON.stringify({ reports: [report] })), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: BatchResult[] }).results[0]).toMatchObject({ id: report.id, status: 'accepted' });
  });

  it('stops inflating a gzip bomb at the limit (413), and refuses unknown encodings and broken gzip', async () => {
    const bomb = await gzipBomb(512 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    await expectError(await raw(bomb, { 'content-encoding': 'gzip' }), 413, 'request.too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    await expectError(await raw('{"reports":[]}', { 'content-encoding': 'br' }), 415, 'request.unsupported_encoding');
    await expectError(await raw(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }), 400, 'request.invalid_json');
  });

  it('rejects a missing or malformed id, and a report that is not an object', async () => {
    const { id: _id, ...noId } = makeReport(c);
    expect(await sendOne(noId)).toMatchObject({ id: null, status: 'rejected', code: 'value.required', path: 'id' });
    expect(await sendOne({ ...noId, id: 'not-a-uuid' })).toMatchObject({ id: 'not-a-uuid', status: 'rejected', code: 'value.invalid', path: 'id' });
    expect(await sendOne(42)).toMatchObject({ id: null, status: 'rejected', code: 'value.required', path: 'id' });
  });

  it('rejects a negative count and a numerator above its denominator', async () => {
    await expectRejected(makeReport(c, { values: [{ targetId: c.targets.quantity.id, value: -5 }] }), 'value.negative', 'values.0.value');
    await expectRejected(
      makeReport(c, { values: [{ targetId: c.targets.quantity.id, value: 5 }, { targetId: c.targets.rate.id, numerator: 120, denominator: 100 }] }),
      'value.numerator_exceeds_denominator', 'values.1.numerator',
    );
    await expectRejected(makeReport(c, { values: [{ targetId: c.targets.xOfY.id, value: 20 }] }), 'value.exceeds_out_of', 'values.0.value');
  });

  it('rejects NaN and Infinity however they are spelled in JSON', async () => {
    const base = makeReport(c, { values: [] });
    const texts = [
      JSON.stringify({ reports: [{ ...base, values: [{ targetId: c.targets.quantity.id, value: 'NaN' }] }] }),
      JSON.stringify({ reports: [{ ...base, values: [{ targetId: c.targets.quantity.id, value: 1 }] }] }).replace('"value":1', '"value":1e999'),
      JSON.stringify({ reports: [{ ...base, values: [{ targetId: c.targets.rate.id, numerator: 1, denominator: 'Infinity' }] }] }),
      JSON.stringify({ reports: [{ ...base, values: [{ targetId: c.targets.quantity.id, value: '12' }] }] }),
    ];
    const paths = ['values.0.value', 'values.0.value', 'values.0.denominator', 'values.0.value'];
    for (const [i, text] of texts.entries()) {
      const res = await raw(text);
      expect(res.status).toBe(200);
      const [result] = ((await res.json()) as { results: BatchResult[] }).results;
      expect(result).toMatchObject({ status: 'rejected', code: 'value.not_a_number', path: paths[i] });
    }
    expect(await findReport(ctx.db, base.id)).toBeUndefined();
  });

  it('rejects a value of the wrong shape, a target twice, and a value for a target not assigned to the unit', async () => {
    await expectRejected(makeReport(c, { values: [{ targetId: c.targets.rate.id, value: 96 }] }), 'value.wrong_shape', 'values.0');
    await expectRejected(makeReport(c, { values: [{ targetId: c.targets.quantity.id, value: 1 }, { targetId: c.targets.quantity.id, value: 2 }] }), 'value.duplicate_target', 'values.1.targetId');
    await expectRejected(makeReport(c, { values: [{ targetId: c.targets.associationOnly.id, value: 3 }] }), 'report.target_not_assigned', 'values.0.targetId');
  });

  it('treats unknown ids and ids of another commune the same way', async () => {
    const unknown = '01900000-0000-7000-8000-00000000dead';
    await expectRejected(makeReport(c, { unitId: unknown }), 'report.unknown_unit', 'unitId');
    await expectRejected(makeReport(c, { unitId: other.villages[0]!.id }), 'report.unknown_unit', 'unitId');
    await expectRejected(makeReport(c, { planId: unknown }), 'report.unknown_plan', 'planId');
    await expectRejected(makeReport(c, { planId: other.plan.id, periodId: other.periods[0]!.id }), 'report.unknown_plan', 'planId');
    await expectRejected(makeReport(c, { periodId: other.periods[0]!.id }), 'report.unknown_period', 'periodId');
    await expectRejected(makeReport(c, { values: [{ targetId: other.targets.quantity.id, value: 1 }] }), 'report.unknown_target', 'values.0.targetId');
    await expectRejected(makeReport(c, { values: [{ targetId: unknown, value: 1 }] }), 'report.unknown_target', 'values.0.targetId');
  });

  it('rejects a note over 2,000 characters', async () => {
    await expectRejected(makeReport(c, { note: 'ă'.repeat(2001) }), 'value.too_long', 'note');
    expect((await sendOne(makeReport(c, { note: 'ă'.repeat(2000) }))).status).toBe('accepted');
  });

  it('refuses a NUL character as a bad value: per report in a batch (the rest still stored), 400 elsewhere', async () => {
    // PostgreSQL cannot store U+0000 in text: unchecked, it failed the whole batch with a 500
    // and the phone retried that batch forever.
    const bad = makeReport(c, { note: 'trước\u0000sau' });
    const badUnit = makeReport(c, { unitId: `${c.villages[0]!.id}\u0000` });
    const good = makeReport(c);
    const res = await ctx.call('POST', '/api/reports', { token, body: { reports: [bad, badUnit, good] } });
    expect(res.status).toBe(200);
    const results = ((await res.json()) as { results: BatchResult[] }).results;
    expect(results[0]).toMatchObject({ id: bad.id, status: 'rejected', code: 'value.invalid', path: 'note' });
    expect(results[1]).toMatchObject({ id: badUnit.id, status: 'rejected', code: 'value.invalid', path: 'unitId' });
    expect(results[2]).toMatchObject({ id: good.id, status: 'accepted' });
    expect(await findReport(ctx.db, bad.id)).toBeUndefined();
    expect(await findReport(ctx.db, good.id)).toBeDefined();
    const office = c.office.token;
    await expectError(await ctx.call('GET', '/api/reports?planId=%00', { token: office }), 400, 'value.invalid', 'planId');
    await expectError(await ctx.call('POST', '/api/auth/login', { body: { username: 'van\u0000phong', password: 'mat-khau-1' } }), 400, 'value.invalid', 'username');
    await expectError(await ctx.call('PATCH', `/api/units/${c.villages[0]!.id}`, { token: office, body: { name: 'Thôn\u0000' } }), 400, 'value.invalid', 'name');
  });

  it('stores SQL and HTML in a note verbatim, as plain text', async () => {
    const sqlNote = "'); DROP TABLE reports;--";
    const htmlNote = '<script>alert(1)</script>';
    const r1 = makeReport(c, { note: sqlNote });
    const r2 = makeReport(c, { note: htmlNote });
    expect((await sendOne(r1)).status).toBe('accepted');
    expect((await sendOne(r2)).status).toBe('accepted');
    expect((await findReport(ctx.db, r1.id))!.note).toBe(sqlNote);
    const res = await ctx.call('GET', '/api/sync', { token });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { pages } = await syncAll(ctx, token);
    const notes = pages.flatMap((p) => p.reports).map((r) => ('note' in r ? r.note : null));
    expect(notes).toContain(sqlNote);
    expect(notes).toContain(htmlNote);
  });

  it('accepts a fall in rank and a figure above the target (110% of budget)', async () => {
    expect((await sendOne(makeReport(c, { values: [{ targetId: c.targets.rank.id, value: -3 }] }))).status).toBe('accepted');
    expect((await sendOne(makeReport(c, { values: [{ targetId: c.targets.quantity.id, value: 11 }] }))).status).toBe('accepted');
    expect((await sendOne(makeReport(c, { values: [{ targetId: c.targets.xOfY.id, value: 0 }] }))).status).toBe('accepted');
  });

  it('answers unknown API paths with not_found in the error shape', async () => {
    await expectError(await ctx.call('GET', '/api/nothing/here', { token }), 404, 'not_found');
    await expectError(await ctx.call('DELETE', '/api/reports', { token }), 404, 'not_found');
  });

  it('refuses bad review input', async () => {
    await expectError(await ctx.call('POST', '/api/reports/not-a-uuid/review', { token: c.office.token, body: { decision: 'approve' } }), 400, 'value.invalid', 'id');
    const report = makeReport(c);
    await sendOne(report);
    await expectError(await ctx.call('POST', `/api/reports/${report.id}/review`, { token: c.office.token, body: { decision: 'maybe' } }), 400, 'value.invalid', 'decision');
  });

  it('still answers /api/health after all of it', async () => {
    const res = await ctx.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: ctx.kind });
    const count = await ctx.db.kysely.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });
});
