/**
 * Issue 12, finding 5 and the invitation screen, in Debian's Chromium against `npm start`:
 * - the production build ships no source maps (no .map file, no sourceMappingURL) and the
 *   server answers 404 for any *.map;
 * - every screen, field and office, renders under `style-src 'self'` with zero CSP violations
 *   (support/browser.ts fails any e2e test that sees one; none of these contexts bypass CSP);
 * - an invited admin opens /office/invite?token=…, sets their own password and lands logged in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext, takeCspViolations } from './support/browser';
import { FieldApp } from './support/pages';
import { openSqlite } from '../../src/server/db/database';
import { inTransaction } from '../../src/server/db/handle';
import { inviteUser } from '../../src/server/office/invitations';
import { uuidv7 } from '../../src/shared/ids';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describeInChromium('no source maps, no CSP violation on any screen, the invitation screen', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let browser: Browser;

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('ships no source map in the build and serves none', async () => {
    const files = filesUnder(server.siteRoot);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const withMapUrl = files.filter((f) => /\.(js|css|html)$/.test(f) && readFileSync(f, 'utf8').includes('sourceMappingURL'));
    expect(withMapUrl).toEqual([]);
    const script = files.find((f) => /assets\/index-[^/]+\.js$/.test(f))!;
    const res = await fetch(`${server.baseURL}/assets/${script.split('/').pop()}.map`);
    expect(res.status).toBe(404);
  });

  it('the listener hears a blocked inline style (so a silent screen means a clean one)', async () => {
    const page = await (await newPhoneContext(browser, server.baseURL, { serviceWorkers: 'block' })).newPage();
    await page.goto('/enroll');
    await page.getByLabel('Mã kích hoạt').waitFor();
    await page.evaluate(() => { document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>'); });
    await expect.poll(() => takeCspViolations().join('\n'), { timeout: 5000 }).toContain('style-src');
    await page.context().close();
  });

  it('field screens: enroll, home, report form, settings', async () => {
    const page = await (await newPhoneContext(browser, server.baseURL, { serviceWorkers: 'block' })).newPage();
    const app = new FieldApp(page);
    await page.goto('/enroll');
    await page.getByLabel('Mã kích hoạt').waitFor();
    await app.enroll(demo.field[3]!.code);
    await page.getByTestId('target-row').first().waitFor();
    const [period] = await app.periodNames();
    await app.openReport(period!);
    await page.locator('form input[type="text"]').first().waitFor();
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    await settle(page);
    await page.context().close();
  });

  it('office screens: login, plans, import, review; and the setup screen once set up', async () => {
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await page.getByLabel('Mật khẩu').fill(demo.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các kế hoạch thi đua' }).waitFor();
    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
    await settle(page);
    await page.goto('/office/review');
    await page.getByRole('heading', { name: 'Duyệt báo cáo', level: 1 }).waitFor();
    await settle(page);
    await page.goto('/setup');
    await page.getByText('Máy chủ đã được thiết lập').waitFor();
    await settle(page);
    await context.close();
  });

  it('an invited admin sets their own password at /office/invite and lands logged in', async () => {
    const db = openSqlite(server.sqliteFile);
    let url: string;
    const username = `qt.moi.${uuidv7().slice(-6)}`;
    try {
      const office = await db.kysely.selectFrom('users').select(['unit_id', 'commune_id']).where('username', '=', demo.office.username).executeTakeFirstOrThrow();
      const id = uuidv7();
      const at = new Date().toISOString();
      await db.kysely.insertInto('users').values({
        id, username, name: 'Quản Trị Mới', role: 'admin', unit_id: office.unit_id, commune_id: office.commune_id,
        password_hash: null, active: 1, created_at: at, updated_at: at,
      }).execute();
      ({ url } = await inTransaction(db, (tx) => inviteUser(tx, { userId: id, createdBy: null, now: new Date(), publicUrl: server.baseURL })));
    } finally {
      await db.close();
    }
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', serviceWorkers: 'block', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Đặt mật khẩu cho tài khoản quản trị' }).waitFor();
    await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('mat-khau-tu-chon');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-khac-han');
    await page.getByRole('button', { name: 'Đặt mật khẩu và vào trang văn phòng' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('không giống nhau');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-tu-chon');
    await page.getByRole('button', { name: 'Đặt mật khẩu và vào trang văn phòng' }).click();
    await page.getByRole('heading', { name: 'Các kế hoạch thi đua' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByText('Quản Trị Mới').count()).toBeGreaterThan(0);
    const login = await fetch(`${server.baseURL}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'mat-khau-tu-chon' }),
    });
    expect(login.status).toBe(200);
    // The link worked once; opened again it says so in Vietnamese.
    await page.goto(url);
    await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('mat-khau-lan-hai');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-lan-hai');
    await page.getByRole('button', { name: 'Đặt mật khẩu và vào trang văn phòng' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Lời mời không đúng, đã dùng hoặc đã hết hạn');
    await context.close();
  });
});

/** Lets late work (lazy chunks, styles of a screen just opened) report any violation before the test ends. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}
