/**
 * The office imports a plan in Debian's Chromium against `npm start`'s server with the demo
 * commune: log in as office staff, paste a sample plan, see a target's source line, fix one
 * target, create the plan, and find the plan and its targets through the API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Plan, Target } from '../../src/shared/schemas';
import { ROOT, TestServer } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { OfficeApi } from './support/api';
import { seriousAxeViolations } from './support/a11y';
import { makeDocx } from './support/docx';

const PLAN_TEXT = readFileSync(join(ROOT, 'test/fixtures/plans/xa-binh-luong-2024.txt'), 'utf8');

describeInChromium('office: import a plan from its text', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('pastes, fixes one target, creates the plan and its targets', async () => {
    const logins = server.loadDemo();
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await context.newPage();

    // A wrong password first: the server's Vietnamese message is shown.
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(logins.office.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await page.getByLabel('Mật khẩu').fill(logins.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Các kế hoạch thi đua' }).waitFor();

    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
    await page.getByLabel('Nội dung kế hoạch').fill(PLAN_TEXT);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    await page.getByRole('heading', { name: 'Thông tin kế hoạch' }).waitFor();

    const rows = page.locator('table.targets tbody tr');
    expect(await rows.count()).toBe(17);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.locator('input[name="plan-number"]').inputValue()).toBe('/KH-UBND');
    expect(await page.locator('input[name="plan-year"]').inputValue()).toBe('2024');

    // Clicking a target shows its line in the document.
    const lhpn = page.locator('table.targets tbody tr[data-key="t8"]');
    expect(await lhpn.locator('textarea').inputValue()).toContain('cải tạo chỉnh trang');
    await lhpn.getByRole('button', { name: '27' }).click();
    await expect.poll(() => page.locator('#src-line-27').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('#src-line-27').textContent()).toContain('Hội LHPN');

    // Fix one target: the 78 households of the veterans become 80, with a clearer name.
    const ccb = page.locator('table.targets tbody tr[data-key="t7"]');
    await ccb.locator('textarea').fill('Hội CCB: hộ làm tường rào, bờ rào xanh, hố rác');
    await ccb.getByLabel(/^Giá trị/).fill('80');
    // Drop one the office does not want to follow.
    await page.locator('table.targets tbody tr[data-key="t15"]').getByRole('button', { name: 'Bỏ' }).click();

    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    // Straight on into the plan's own screen, to give the targets out and take it live.
    await page.getByRole('status').filter({ hasText: 'Đã tạo kế hoạch: 16 chỉ tiêu' }).waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/\/office\/plans\/[0-9a-f-]+\?created=16$/);

    const api = await OfficeApi.login(server.baseURL, logins.office.username, logins.office.password);
    const { plans } = await api.ok<{ plans: Plan[] }>('GET', '/api/plans');
    const plan = plans.find((p) => p.title === 'Phát động phong trào thi đua năm 2024');
    expect(plan).toMatchObject({ number: '/KH-UBND', year: 2024, issuedOn: null, rounds: [
      { name: 'Đợt 1', from: '2024-01-01', to: '2024-04-30', reportDeadline: '2024-06-25' },
      { name: 'Đợt 2', from: '2024-07-01', to: '2024-12-31', reportDeadline: '2024-12-25' },
    ] });
    const { targets } = await api.ok<{ targets: Target[] }>('GET', `/api/plans/${plan!.id}/targets`);
    expect(targets).toHaveLength(16);
    const fixed = targets.find((tg) => tg.label === 'Hội CCB: hộ làm tường rào, bờ rào xanh, hố rác');
    expect(fixed).toMatchObject({ value: 80, unit: 'hộ', comparator: 'atLeast', measure: 'quantity', source: { line: 25 } });
    expect(fixed!.assigneeUnitId).not.toBeNull();
    expect(targets.find((tg) => tg.unit === 'lần/năm')).toBeUndefined();
    expect(targets.find((tg) => tg.comparator === 'range')).toMatchObject({ value: 1, valueMax: 2, unit: 'nhà' });
    await context.close();
  });

  it('reads a .docx chosen from the computer (mammoth fetched only then)', async () => {
    const logins = server.loadDemo();
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(logins.office.username);
    await page.getByLabel('Mật khẩu').fill(logins.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
    await page.getByLabel('Nội dung kế hoạch').waitFor();
    expect(fetched.some((u) => /mammoth/.test(u))).toBe(false);
    await page.getByLabel(/Hoặc chọn tệp/).setInputFiles({
      name: 'ke-hoach.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await makeDocx(PLAN_TEXT),
    });
    await page.getByRole('heading', { name: 'Thông tin kế hoạch' }).waitFor();
    expect(fetched.some((u) => /mammoth/.test(u))).toBe(true);
    expect(await page.locator('input[name="plan-title"]').inputValue()).toBe('Phát động phong trào thi đua năm 2024');
    expect(await page.locator('table.targets tbody tr').count()).toBe(17);
    await context.close();
  });

  it('reads a .pdf with text under the app\'s own CSP (pdfjs fetched only then), and says a scan has no text', async () => {
    const logins = server.loadDemo();
    const context = await browser.newContext({ baseURL: server.baseURL, locale: 'vi-VN', serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(logins.office.username);
    await page.getByLabel('Mật khẩu').fill(logins.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
    await page.getByLabel('Nội dung kế hoạch').waitFor();
    expect(fetched.some((u) => /pdf/.test(u))).toBe(false);

    await page.getByLabel(/Hoặc chọn tệp/).setInputFiles(join(ROOT, 'test/fixtures/plans/scanned-page.pdf'));
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('bản chụp');
    expect(fetched.some((u) => /pdf\.worker/.test(u))).toBe(true);

    await page.getByLabel(/Hoặc chọn tệp/).setInputFiles(join(ROOT, 'test/fixtures/plans/xa-ia-dom-2024.pdf'));
    await page.getByRole('heading', { name: 'Thông tin kế hoạch' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('input[name="plan-title"]').inputValue()).toBe('Phát động Phong trào thi đua yêu nước năm 2024 trên địa bàn xã Ia Dom');
    expect(await page.locator('table.targets tbody tr').count()).toBeGreaterThanOrEqual(18);
    await context.close();
  });
});
