/**
 * The server as a process: SIGTERM while a phone's upload is still on the wire — the batch
 * commits, is answered, and the process exits 0; new connections are refused meanwhile; an
 * upload that never ends is cut at SHUTDOWN_TIMEOUT_S. And the JSON log of a login, an
 * enrollment, a sync and a report batch: a request id on every request line (the one the
 * response carried), route, status, duration, role and unit — and no secret in any line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServer, sleep, type DemoLogins } from './support/server';
import { enrollDevice, newReport, pushReports, type FieldDevice } from './support/field-api';
import { OfficeApi } from './support/api';
import { openSqlite } from '../../src/server/db/database';
import { insertHousehold, newHousehold } from '../integration/support/fixtures';
import { DEMO_COMMUNE_ID } from '../../src/server/demo';
import { uuidv7 } from '../../src/shared/ids';

/** A POST whose body is written in two halves, the second only when `release()` is called. */
function slowUpload(baseURL: string, token: string, body: string) {
  const url = new URL('/api/reports', baseURL);
  let release!: () => void;
  const response = new Promise<{ status: number; body: string }>((ok, fail) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    release = () => req.end(body.slice(half));
  });
  return { response, release: () => release() };
}

const site = mkdtempSync(join(tmpdir(), 'sothidua-nosite-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

describe('SIGTERM with an upload in flight', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let phone: FieldDevice;

  beforeAll(async () => {
    server = await TestServer.start({ siteRoot: site, env: { SHUTDOWN_TIMEOUT_S: '20' } });
    demo = server.loadDemo();
    phone = await enrollDevice(server.baseURL, demo.field[0]!.code);
  });
  afterAll(() => server?.dispose());

  it('finishes the batch, answers it, refuses new connections, exits 0', async () => {
    const reports = Array.from({ length: 50 }, () => newReport(phone));
    const upload = slowUpload(server.baseURL, phone.token, JSON.stringify({ reports }));
    await sleep(300); // the first half is on the server
    const exit = server.exited();
    const stopAt = Date.now();
    server.signal('SIGTERM');
    await sleep(500);
    await expect(fetch(`${server.baseURL}/api/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    upload.release();
    const res = await upload.response;
    expect(res.status).toBe(200);
    const results = (JSON.parse(res.body) as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(reports.map(() => 'accepted'));
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopAt).toBeLessThan(20_000);
    expect(server.fullLog()).toMatch(/"msg":"stopped"/);

    // What was answered is on disk: after a restart the office sees all 50.
    await server.start();
    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const stored = await office.reportsOfUnit(phone.unitId);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(reports.map((r) => r.id)));
  });

  it('cuts an upload that never ends at SHUTDOWN_TIMEOUT_S, exiting 1', async () => {
    await server.stop();
    server.setEnv({ SHUTDOWN_TIMEOUT_S: '1' });
    await server.start();
    const upload = slowUpload(server.baseURL, phone.token, JSON.stringify({ reports: [newReport(phone)] }));
    upload.response.catch(() => {}); // cut: the phone would resend
    await sleep(300);
    const exit = server.exited();
    const stopAt = Date.now();
    server.signal('SIGTERM');
    expect(await exit).toEqual({ code: 1, signal: null });
    expect(Date.now() - stopAt).toBeLessThan(5_000);
    expect(server.fullLog()).toMatch(/stop timed out/);
  });
});

describe('structured logs', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ siteRoot: site, env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => server?.dispose());

  it('carries request id, route, status, duration, role and unit, and never a secret', async () => {
    const demo = server.loadDemo();
    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const code = demo.field[0]!.code;
    const phone = await enrollDevice(server.baseURL, code);
    const direct = openSqlite(server.sqliteFile);
    await insertHousehold(direct, DEMO_COMMUNE_ID, newHousehold(phone.unitId, 'Hộ Bí Mật Nguyễn Văn Riêng', { address: 'Xóm Kín', updatedAt: new Date().toISOString() }));
    await direct.close();
    await fetch(`${server.baseURL}/api/sync`, { headers: { authorization: `Bearer ${phone.token}` } });
    const households = await (await fetch(`${server.baseURL}/api/sync`, { headers: { authorization: `Bearer ${office.token}` } })).json() as { households: { headName?: string }[] };
    const push = await pushReports(phone, [newReport(phone, 'ghi chú riêng của thôn')]);
    expect(push.status).toBe(200);
    const bad = await fetch(`${server.baseURL}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vanphong', password: 'sai-mat-khau-bi-mat' }) });
    expect(bad.status).toBe(401);
    await sleep(300);

    const lines = server.fullLog().split('\n').filter((l) => l.startsWith('{'));
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const r of requests) {
      expect(r).toMatchObject({ level: expect.any(String), time: expect.any(String), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), route: expect.stringMatching(/^\/api\//), status: expect.any(Number), ms: expect.any(Number) });
      expect(r).toHaveProperty('role');
      expect(r).toHaveProperty('unitId');
    }
    const pushLine = requests.find((r) => r.requestId === push.requestId);
    expect(pushLine).toMatchObject({ method: 'POST', route: '/api/reports', status: 200, role: demo.field[0] ? expect.stringMatching(/village|association/) : null, unitId: phone.unitId });
    expect(requests.find((r) => r.route === '/api/auth/login' && r.status === 401)).toBeTruthy();

    const log = lines.join('\n');
    const secrets = [office.token, phone.token, code, demo.office.password, 'sai-mat-khau-bi-mat', 'ghi chú riêng của thôn'];
    const names = (households.households ?? []).map((h) => h.headName).filter((n): n is string => !!n);
    expect(names.length, 'the demo has households whose names the office synced').toBeGreaterThan(0);
    secrets.push(...names);
    for (const secret of secrets) expect(log, `log must not contain ${secret.slice(0, 6)}…`).not.toContain(secret);
  });
});
