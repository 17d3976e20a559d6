/**
 * Configuration checked at start (readSettings), the trusted-proxy rules that decide the
 * caller's address and protocol, and HSTS only over HTTPS.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readSettings } from '../../src/server/main';
import { parseTrustedProxies } from '../../src/server/http/client-address';
import { createApp } from '../../src/server/app';
import { openSqlite } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { AppConfig } from '../../src/server/context';

function problems(env: Record<string, string>): string[] {
  try {
    readSettings(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe('readSettings', () => {
  it('gives the documented defaults for an empty environment', () => {
    const s = readSettings({});
    expect(s.port).toBe(8080);
    expect(s.databaseUrl).toBeUndefined();
    expect(s.sqliteFile).toMatch(/data\/sothidua\.sqlite$/);
    expect(s.pgPoolSize).toBe(10);
    expect(s.logLevel).toBe('info');
    expect(s.shutdownTimeoutMs).toBe(10_000);
    expect(s.app.publicUrl).toBe('http://localhost:8080');
    expect(s.app.corsOrigins).toEqual([]);
    expect(s.app.trustProxy).toEqual([]);
    expect(s.app.sessionTtlMs).toBe(30 * 24 * 3_600_000);
  });

  it('reads every variable', () => {
    const s = readSettings({
      PORT: '9000', DATABASE_URL: 'postgres://app@db:5432/thidua', PUBLIC_URL: 'https://thidua.example.vn/',
      CORS_ORIGINS: 'https://a.example.vn, https://b.example.vn', SESSION_TTL_HOURS: '12', ENROLLMENT_CODE_TTL_DAYS: '3',
      LOG_LEVEL: 'warn', PG_POOL_SIZE: '4', TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1', SHUTDOWN_TIMEOUT_S: '2.5', SITE_ROOT: '/srv/site',
    });
    expect(s).toMatchObject({ port: 9000, databaseUrl: 'postgres://app@db:5432/thidua', pgPoolSize: 4, logLevel: 'warn', shutdownTimeoutMs: 2500, siteRoot: '/srv/site' });
    expect(s.app).toMatchObject({
      publicUrl: 'https://thidua.example.vn', corsOrigins: ['https://a.example.vn', 'https://b.example.vn'],
      sessionTtlMs: 12 * 3_600_000, enrollmentCodeTtlMs: 3 * 86_400_000, trustProxy: ['127.0.0.1', '10.0.0.0/8', '::1'],
    });
  });

  it('LOG=0 still means quiet', () => {
    expect(readSettings({ LOG: '0' }).logLevel).toBe('silent');
    expect(readSettings({ LOG: '0', LOG_LEVEL: 'debug' }).logLevel).toBe('silent');
  });

  it('refuses each bad value with a sentence naming the variable, all at once', () => {
    const list = problems({
      PORT: '80a', DATABASE_URL: 'mysql://root:hunter2@db/x', PUBLIC_URL: 'thidua.example.vn', CORS_ORIGINS: 'https://ok.vn,*',
      SESSION_TTL_HOURS: '-1', ENROLLMENT_CODE_TTL_DAYS: 'bảy', LOG_LEVEL: 'verbose', PG_POOL_SIZE: '0',
      TRUST_PROXY: '10.0.0.0/33', SHUTDOWN_TIMEOUT_S: 'never',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'PUBLIC_URL', 'CORS_ORIGINS', 'SESSION_TTL_HOURS', 'ENROLLMENT_CODE_TTL_DAYS', 'LOG_LEVEL', 'PG_POOL_SIZE', 'TRUST_PROXY', 'SHUTDOWN_TIMEOUT_S']) {
      expect(list.some((p) => p.startsWith(name)), `${name} in ${list.join(' | ')}`).toBe(true);
    }
    // A database URL may carry a password: it is never echoed.
    expect(list.join('\n')).not.toContain('hunter2');
    expect(problems({ PORT: '70000' })).toHaveLength(1);
  });
});

describe('trusted proxies', () => {
  it('matches addresses and ranges, IPv4-mapped IPv6 included', () => {
    const t = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');
    expect(t.contains('127.0.0.1')).toBe(true);
    expect(t.contains('::ffff:127.0.0.1')).toBe(true);
    expect(t.contains('10.20.30.40')).toBe(true);
    expect(t.contains('fd00::5')).toBe(true);
    expect(t.contains('192.168.1.1')).toBe(false);
    expect(t.contains('not an ip')).toBe(false);
    expect(() => parseTrustedProxies('localhost')).toThrow(/localhost/);
  });
});

describe('HSTS and the caller address', async () => {
  const db = openSqlite(':memory:');
  await migrateToLatest(db);
  afterAll(() => db.close());
  const config: AppConfig = { publicUrl: 'https://thidua.example.vn', corsOrigins: [], version: 't', sessionTtlMs: 1, enrollmentCodeTtlMs: 1, trustProxy: ['10.0.0.1'] };
  const seen: (string | null)[] = [];
  const app = createApp({ db, clock: () => new Date(), config });
  app.get('/probe', (c) => {
    seen.push(c.get('clientAddress'));
    return c.text(c.get('https') ? 'https' : 'http');
  });
  const socket = (remoteAddress: string, encrypted = false) => ({ incoming: { socket: { remoteAddress, encrypted } } });
  const hsts = (res: Response) => res.headers.get('strict-transport-security');

  it('sends HSTS over direct HTTPS only', async () => {
    expect(hsts(await app.request('https://thidua.example.vn/api/health'))).toMatch(/max-age=\d+/);
    expect(hsts(await app.request('http://thidua.example.vn/api/health'))).toBeNull();
    expect(hsts(await app.request('/api/health', {}, socket('192.0.2.7', true)))).toMatch(/max-age/);
  });

  it('believes X-Forwarded-Proto and -For only from a trusted proxy', async () => {
    const forwarded = { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.9' } };
    const viaProxy = await app.request('http://10.0.0.2:8080/api/health', forwarded, socket('10.0.0.1'));
    expect(hsts(viaProxy)).toMatch(/max-age/);
    const spoofed = await app.request('http://10.0.0.2:8080/api/health', forwarded, socket('203.0.113.5'));
    expect(hsts(spoofed)).toBeNull();
    const plainViaProxy = await app.request('http://10.0.0.2:8080/api/health', { headers: { 'x-forwarded-proto': 'http' } }, socket('::ffff:10.0.0.1'));
    expect(hsts(plainViaProxy)).toBeNull();

    seen.length = 0;
    await app.request('/probe', forwarded, socket('10.0.0.1'));
    await app.request('/probe', forwarded, socket('203.0.113.5'));
    // A client-written hop left of the proxy's is not believed: the proxy's view (rightmost untrusted) wins.
    await app.request('/probe', { headers: { 'x-forwarded-for': '1.1.1.1, 198.51.100.9' } }, socket('10.0.0.1'));
    await app.request('/probe', {});
    expect(seen).toEqual(['198.51.100.9', '203.0.113.5', '198.51.100.9', null]);
  });
});
