/**
 * The office's NTM tracker in Debian's Chromium against `npm start`'s server with the demo
 * commune (on the 2021–2025 set at "đạt 11/19"): the office opens "Nông thôn mới", records the
 * missing indicator of criterion 1, and sees "Đạt 12/19 tiêu chí" at once, with who recorded
 * it; unconfirmed items carry "chưa đối chiếu văn bản". Screenshots stay in test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TestServer, ROOT, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { seriousAxeViolations } from './support/a11y';

const ARTIFACTS = join(ROOT, 'test-results');
const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describeInChromium('office: the NTM tracker', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let demo: DemoLogins;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await TestServer.start();
    demo = server.loadDemo();
    browser = await launchBrowser();
    const context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 900 }, bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await page.getByLabel('Mật khẩu').fill(demo.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Nông thôn mới' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('records an indicator and sees "đạt x/y" follow', async () => {
    await page.getByRole('link', { name: 'Nông thôn mới' }).click();
    await page.getByRole('heading', { name: 'Theo dõi tiêu chí nông thôn mới', level: 1 }).waitFor();
    const count = page.getByTestId('ntm-count');
    await expect.poll(async () => flat(await count.textContent())).toBe('Đạt 11/19 tiêu chí');
    expect(await page.getByText('chưa đối chiếu văn bản').count()).toBeGreaterThan(0);

    const criterion1 = page.locator('details[data-criterion="1"]');
    expect(flat(await criterion1.locator('summary .verdict').textContent())).toBe('Chưa đạt');
    await criterion1.locator('summary').click();
    const indicator = criterion1.locator('.ntm-indicator[data-code="1.2"]');
    await indicator.getByRole('button', { name: 'Đạt', exact: true }).click();
    await indicator.getByLabel('Minh chứng, ghi chú').fill('Quyết định ban hành quy định quản lý quy hoạch ngày 15/5');
    await page.screenshot({ path: join(ARTIFACTS, 'ntm-office-before-save.png'), fullPage: false });
    await indicator.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();

    await expect.poll(async () => flat(await count.textContent())).toBe('Đạt 12/19 tiêu chí');
    expect(flat(await criterion1.locator('summary .verdict').textContent())).toBe('Đạt');
    expect(await criterion1.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true); // the row stays open
    expect(flat(await indicator.locator('.ntm-who').textContent())).toMatch(/^Ghi bởi Nguyễn Thị Hoa lúc .+ · 2 lần ghi$/);

    // Turning it back: one criterion less again.
    await indicator.getByRole('button', { name: 'Chưa đạt', exact: true }).click();
    await indicator.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await expect.poll(async () => flat(await count.textContent())).toBe('Đạt 11/19 tiêu chí');

    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'ntm-office.png'), fullPage: true });
  });

  it('follows a village-level set per village, and adds one typed from the province\'s text', async () => {
    await page.getByRole('button', { name: 'Tiêu chí làng (thôn)' }).click();
    const village = page.locator('.ntm-village select');
    await village.waitFor();
    const konSoLal = await village.locator('option', { hasText: 'Kon Sơ Lăl' }).getAttribute('value');
    await village.selectOption(konSoLal!);
    const count = page.getByTestId('ntm-count');
    await expect.poll(async () => flat(await count.textContent())).toBe('Đạt 3/5 tiêu chí — Làng Kon Sơ Lăl');
    expect(await village.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toContain('Kon Sơ Lăl');
    await page.screenshot({ path: join(ARTIFACTS, 'ntm-office-village.png'), fullPage: false });

    await page.getByText('Thêm bộ tiêu chí làng (thôn) nông thôn mới').click();
    await page.getByLabel('Văn bản (số, ngày quyết định của tỉnh)').fill('Quyết định số 12/2025/QĐ-UBND của UBND tỉnh');
    await page.getByLabel('Tiêu chí và chỉ tiêu').fill('1 Giao thông\n1.1 Đường trục thôn được cứng hóa\n2 Nhà văn hóa');
    await page.getByRole('button', { name: 'Thêm bộ tiêu chí' }).click();
    await page.getByText('Đã thêm. Chọn bộ này ở phần "Bộ tiêu chí" để theo dõi.').waitFor();
    await expect.poll(async () => page.locator('.ntm-choice select').first().locator('option').allTextContents())
      .toContain('Bộ tiêu chí làng nông thôn mới (Tiêu chí làng (thôn))');
  });
});
