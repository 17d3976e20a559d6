/**
 * First run in Debian's Chromium against `npm start`'s server on an empty database: the app
 * sends the visitor to the setup screen, which creates the commune and its admin (the admin
 * then logs in), or — on another empty server — loads the demo and shows the phone codes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestServer } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';

describeInChromium('first-run setup screen', () => {
  let browser: Browser;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.dispose();
  });

  it('creates the commune and its admin; the form says what is wrong in Vietnamese first', async () => {
    const server = await TestServer.start();
    servers.push(server);
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: 'Tạo xã và tài khoản quản trị' }).waitFor();

    await page.getByLabel('Tên xã').fill('Xã Lơ Ku');
    await page.getByLabel('Họ và tên người quản trị').fill('Lê Minh Tuấn');
    await page.getByLabel('Tên đăng nhập').fill('Quản trị'); // accents and a space: refused before sending
    await page.getByLabel('Mật khẩu').fill('mat-khau-dai');
    await page.getByRole('button', { name: 'Tạo xã' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tên đăng nhập');
    expect(await (await fetch(`${server.baseURL}/api/setup`)).json()).toEqual({ needsSetup: true });

    await page.getByLabel('Tên đăng nhập').fill('quantri.loku');
    await page.getByRole('button', { name: 'Tạo xã' }).click();
    await page.getByRole('heading', { name: 'Đã tạo Xã Lơ Ku' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('quantri.loku');
    expect(await (await fetch(`${server.baseURL}/api/setup`)).json()).toEqual({ needsSetup: false });
    const login = await fetch(`${server.baseURL}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri.loku', password: 'mat-khau-dai' }),
    });
    expect(login.status).toBe(200);

    // Coming back later: the screen says setup is done, and offers no form.
    await page.goto('/setup');
    await page.getByText('Máy chủ đã được thiết lập').waitFor();
    expect(await page.getByRole('button', { name: 'Tạo xã' }).count()).toBe(0);
    await context.close();
  });

  it('loads the demo and shows the office login and one code per field user', async () => {
    const server = await TestServer.start();
    servers.push(server);
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/setup');
    await page.getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click();
    await page.getByRole('heading', { name: 'Đã nạp xã mẫu' }).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(13);
    expect(await rows.first().textContent()).toMatch(/[2-9A-Z]{5}-[2-9A-Z]{5}/);
    expect(await page.locator('main').textContent()).toContain('vanphong');
    await context.close();
  });
});
