/**
 * `npm run reset-password` ends everything the account held, like a reset by an admin: its
 * sessions, its phones (an office account that somehow holds a device token loses it) and its
 * unused enrollment codes. A real process on a throwaway SQLite file.
 */
import { afterAll, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqlite } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { insertEnrollmentCode } from '../../src/server/db/queries/auth';
import { hashEnrollmentCode, hashSecret, newEnrollmentCode } from '../../src/server/auth/tokens';
import { verifyPassword } from '../../src/server/auth/passwords';
import { createUser, seedCommune } from './support/fixtures';

vi.setConfig({ testTimeout: 120_000 });
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sothidua-reset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('revokes the account\'s phones and cancels its unused codes, as well as its sessions', async () => {
  const file = join(dir, 'reset.sqlite');
  const db = openSqlite(file);
  await migrateToLatest(db);
  const c = await seedCommune(db, { villages: 1 });
  // As an office account could end up before this fix: a phone token and a live code.
  const phone = await createUser(db, { role: 'office', unitId: c.officeUnit.id, communeId: c.communeId, device: true, username: 'vp.may', password: 'mat-khau-cu-dai' });
  const code = newEnrollmentCode();
  await insertEnrollmentCode(db, { codeHash: hashEnrollmentCode(code), userId: phone.id, issuedBy: null, now: '2025-01-01T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' });
  await db.close();

  const res = spawnSync('npx', ['tsx', 'src/server/cli/reset-password.ts', 'vp.may'], {
    cwd: ROOT, encoding: 'utf8', input: 'mat-khau-moi-dai\n', timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '', SQLITE_FILE: file },
  });
  expect(res.status, res.stderr).toBe(0);

  const after = openSqlite(file);
  try {
    const user = await after.kysely.selectFrom('users').selectAll().where('id', '=', phone.id).executeTakeFirstOrThrow();
    expect(await verifyPassword('mat-khau-moi-dai', user.password_hash)).toBe(true);
    const device = await after.kysely.selectFrom('devices').selectAll().where('id', '=', phone.deviceId!).executeTakeFirstOrThrow();
    expect(device.revoked_at).not.toBeNull();
    const token = await after.kysely.selectFrom('auth_tokens').selectAll().where('token_hash', '=', hashSecret(phone.token)).executeTakeFirstOrThrow();
    expect(token.revoked_at).not.toBeNull();
    const stored = await after.kysely.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', hashEnrollmentCode(code)).executeTakeFirstOrThrow();
    expect(stored.expires_at <= new Date().toISOString()).toBe(true);
  } finally {
    await after.close();
  }
});
