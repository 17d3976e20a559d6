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
import type { Assignment, Period, Plan, StoredReport, Target } from '../../src/shared/schemas';
import { ROOT, TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { OfficeApi } from './support/api';
import { seriousAxeViolations } from './support/a11y';
import { makeDocx } from './support/docx';
import { DemoPhone } from './support/phone';

const PLAN_TEXT = readFileSync(join(ROOT, 'test/fixtures/plans/xa-binh-luong-2024.txt'), 'utf8');

describeInChromium('office: take an imported plan live', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let demo: DemoLogins;
  let office: OfficeApi;
  let planId: string;
  let cowsId: string;
  let periods: Period[];
  const plansHas = async (status: Plan['status']) => (await office.ok<{ plans: Plan[] }>('GET', '/api/plans')).plans.find((p) => p.id === planId)?.status === status;
  const reportsOf = async (unitId: string) => (await office.reportsOfUnit(unitId)).filter((r) => r.planId === planId);

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
    cowsId = targets.find((tg) => tg.label === 'Đàn bò tăng thêm')!.id;
    const shares = assignments.filter((a) => a.targetId === cowsId).map((a) => a.share).sort((a, b) => a! - b!);
    expect(shares).toEqual([80, 90, 100, 110, 130, 140, 150, 320]);
    const { plans } = await office.ok<{ plans: Plan[] }>('GET', '/api/plans');
    expect(plans.find((p) => p.id === planId)?.status).toBe('draft');
  });

  it('refuses to go live while targets have no unit, listing them; fixed, it goes live', async () => {
    await page.getByRole('button', { name: 'Đưa vào thực hiện…' }).click();
    await page.getByRole('button', { name: 'Xác nhận đưa vào thực hiện' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'chưa giao cho đơn vị nào' });
    await refusal.waitFor();
    const missing = await refusal.locator('li[data-target-id]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-target-id')!));
    expect(missing.length).toBeGreaterThan(1);
    expect(missing).not.toContain(cowsId);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot('plan-not-ready');
    expect(await plansHas('draft')).toBe(true);

    // "Sửa" takes the office to the target's row in the grid: "x" gives it to the first village.
    await refusal.locator(`li[data-target-id="${missing[0]}"]`).getByRole('button').click();
    await page.keyboard.type('x');
    // The rest are reported by the commune itself.
    for (const id of missing.slice(1)) await page.locator(`[id="share-row-${id}"] input[type="checkbox"]`).check();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const communeOnly = async () => (await office.ok<{ targets: Target[] }>('GET', `/api/plans/${planId}/targets`)).targets
      .filter((tg) => tg.communeOnly).map((tg) => tg.id).sort();
    await expect.poll(communeOnly).toEqual(missing.slice(1).sort());
    await page.getByRole('status').filter({ hasText: 'Đã lưu các thay đổi.' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Lưu thay đổi' }).isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'Xác nhận đưa vào thực hiện' }).click();
    await page.getByRole('status').filter({ hasText: 'Kế hoạch đã được đưa vào thực hiện.' }).waitFor();
    await page.getByRole('heading', { name: 'Trạng thái: Đang thực hiện' }).waitFor();
    expect(await plansHas('active')).toBe(true);
    await screenshot('plan-live');

    // A period is locked once its figures are final, and opened again.
    const first = page.locator('table.periods tbody tr').first();
    await first.getByRole('button', { name: /^Khoá kỳ/ }).click();
    await first.getByText('Đã khoá').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot('plan-live-full', true);
    await first.getByRole('button', { name: /^Mở khoá/ }).click();
    await first.getByText('Đang mở').waitFor();
  });

  it('a phone reports on the live plan and the office approves it, seeing what is not entered', async () => {
    const field = demo.field.find((f) => f.unit === 'Làng Đăk Pơ Kao')!;
    const phone = await DemoPhone.enroll(server.baseURL, field.code);
    const scope = await phone.sync();
    periods = scope.periods.filter((p) => p.planId === planId).sort((a, b) => a.from.localeCompare(b.from));
    expect(periods.length).toBeGreaterThan(0);
    expect(scope.assignments.find((a) => a.targetId === cowsId && a.unitId === field.unitId)?.share).toBe(150);
    const reportId = await phone.send({ planId, periodId: periods[0]!.id, values: [{ targetId: cowsId, value: 140 }] });

    await page.getByRole('link', { name: /^Duyệt báo cáo/ }).click();
    await page.locator('select[name="plan"]').selectOption(planId);
    await page.locator(`tr[data-report-id="${reportId}"]`).getByRole('button').click();
    const detail = page.locator('#review-detail');
    await detail.getByRole('heading', { name: /Làng Đăk Pơ Kao/ }).waitFor();
    // Every target the village carries is listed: the one given by "x" is "Chưa nhập".
    await detail.getByText('Chưa nhập').first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot('review-detail');
    await detail.getByLabel(/Lý do trả lại/).fill('Đã đối chiếu với sổ của làng');
    await detail.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã duyệt báo cáo của' }).waitFor();
    const [approved] = (await reportsOf(field.unitId)).filter((r) => r.id === reportId);
    expect(approved?.state).toBe('approved');
  });

  it('"Nhập thay": the office enters a village\'s report in the phone\'s form; it waits for review', async () => {
    const field = demo.field.find((f) => f.unit === 'Làng Đê Tar')!;
    await page.getByRole('link', { name: 'Nhập thay' }).click();
    await page.getByRole('heading', { name: 'Nhập thay báo cáo' }).waitFor();
    await page.locator('select[name="plan"]').selectOption(planId);
    await page.locator('select[name="period"]').selectOption(periods[0]!.id);
    await page.locator('select[name="unit"]').selectOption(field.unitId);
    await page.getByLabel('Đàn bò tăng thêm').fill('125');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot('enter-on-behalf');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi báo cáo nhập thay của Làng Đê Tar' }).waitFor();
    const [entered] = await reportsOf(field.unitId) as Array<StoredReport & { enteredBy?: { name: string } | null }>;
    expect(entered).toMatchObject({ state: 'submitted', values: [{ targetId: cowsId, value: 125 }], enteredBy: { name: expect.any(String) } });
  });

  it('bulk-approves the waiting reports that raise no warning', async () => {
    const field = demo.field.find((f) => f.unit === 'Làng Đê Tar')!;
    await page.getByRole('link', { name: /^Duyệt báo cáo/ }).click();
    await page.locator('select[name="plan"]').selectOption(planId);
    const bulk = page.getByRole('button', { name: /^Duyệt các báo cáo không có cảnh báo \(1\)/ });
    await bulk.waitFor();
    // Entered by the office: marked so in the queue.
    await page.getByText('Văn phòng nhập thay').first().waitFor();
    await bulk.click();
    await page.getByRole('status').filter({ hasText: 'Đã duyệt 1.' }).waitFor();
    await screenshot('review-bulk');
    expect((await reportsOf(field.unitId))[0]?.state).toBe('approved');
  });

  it('closes the plan at year end, asking first', async () => {
    await page.goto(`/office/plans/${planId}`);
    await page.getByRole('button', { name: 'Kết thúc kế hoạch…' }).click();
    await page.getByText('Việc này không hoàn tác được.').waitFor();
    expect(await plansHas('active')).toBe(true);
    await page.getByRole('button', { name: 'Kết thúc kế hoạch', exact: true }).click();
    await page.getByRole('heading', { name: 'Trạng thái: Đã kết thúc' }).waitFor();
    expect(await plansHas('closed')).toBe(true);
  });
});
