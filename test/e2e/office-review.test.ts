/**
 * The office decides on field reports in Debian's Chromium against `npm start`'s server with the
 * demo commune: a demo phone (enrolled through the API) sends reports; the office opens
 * "Duyệt báo cáo", reads the figures against the targets, approves one, returns another with a
 * reason (refused first without one), and sees a correction beside the figure it corrects. The
 * API then shows the states, and the phone's own sync hears the reason.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Period, StoredReport, Target } from '../../src/shared/schemas';
import { formatViNumber } from '../../src/shared/vi-number';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { OfficeApi } from './support/api';
import { seriousAxeViolations } from './support/a11y';
import { DemoPhone } from './support/phone';

const CATTLE = 'Đàn bò';
const INSURANCE = 'Tỷ lệ hộ dân tham gia BHYT';
const SECURITY = 'Thôn, làng đạt tiêu chuẩn an toàn về an ninh trật tự (100%)';
const NOTE = '<b>Đếm ngày 12</b>, có 2 con mới sinh';
const REASON = 'Số bò chưa khớp với sổ theo dõi của xã';

describeInChromium('office: review the reports that came in', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let demo: DemoLogins;
  let field: DemoLogins['field'][number];
  let phone: DemoPhone;
  let office: OfficeApi;
  let periods: Period[];
  let byLabel: (label: string) => Target;
  let cattleShare: number | null;
  const sent: string[] = [];

  const row = (reportId: string) => page.locator(`tr[data-report-id="${reportId}"]`);
  const detailCell = (label: string) => page.locator('#review-detail tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });

  /** E2E_SCREENSHOTS=dir keeps a picture of the screen at 1280×860, to look at by eye. */
  async function screenshot(name: string) {
    const dir = process.env.E2E_SCREENSHOTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    field = demo.field[0]!;
    phone = await DemoPhone.enroll(server.baseURL, field.code);
    const scope = await phone.sync();
    byLabel = (label) => {
      const found = scope.targets.find((tg) => tg.label === label);
      if (!found) throw new Error(`demo target "${label}" not found`);
      return found;
    };
    const planId = byLabel(CATTLE).planId;
    periods = scope.periods.filter((p) => p.planId === planId).sort((a, b) => a.from.localeCompare(b.from));
    expect(periods.length).toBeGreaterThanOrEqual(2);
    cattleShare = scope.assignments.find((a) => a.targetId === byLabel(CATTLE).id && a.unitId === field.unitId)?.share ?? null;
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 860 }, bypassCSP: true,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows a waiting report with its figures against the targets, and approves it', async () => {
    const first = await phone.send({
      planId: byLabel(CATTLE).planId, periodId: periods[0]!.id, note: NOTE,
      values: [
        { targetId: byLabel(CATTLE).id, value: 1234 },
        { targetId: byLabel(INSURANCE).id, numerator: 45, denominator: 50 },
        { targetId: byLabel(SECURITY).id, done: true },
      ],
    });
    sent.push(first);

    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await page.getByLabel('Mật khẩu').fill(demo.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The nav says how many wait.
    const navLink = page.getByRole('link', { name: /^Duyệt báo cáo/ });
    await expect.poll(() => navLink.textContent()).toContain('1');
    await navLink.click();
    await page.getByRole('heading', { name: 'Duyệt báo cáo', level: 1 }).waitFor();

    await row(first).waitFor();
    expect(await row(first).textContent()).toContain(periods[0]!.name);
    expect(await row(first).textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await row(first).textContent()).toContain('Chờ duyệt');
    expect(await row(first).textContent()).not.toContain('Sửa lại');

    await row(first).getByRole('button', { name: field.unit }).click();
    await page.getByRole('heading', { name: `${field.unit} — ${periods[0]!.name}`, level: 2 }).waitFor();
    await detailCell(CATTLE).waitFor();
    expect(await detailCell(CATTLE).textContent()).toContain('1.234 con');
    expect(await detailCell(CATTLE).textContent()).toContain('≥ 1.110 con');
    if (cattleShare !== null) expect(await detailCell(CATTLE).textContent()).toContain(`${formatViNumber(cattleShare)} con`);
    expect(await detailCell(INSURANCE).textContent()).toContain('45 / 50 (90%)');
    expect(await detailCell(SECURITY).textContent()).toContain('Đã hoàn thành');
    // The note is the text the phone sent, never markup.
    expect(await page.locator('.report-note').textContent()).toBe(NOTE);
    expect(await page.locator('.report-note b').count()).toBe(0);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot('office-review');

    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Đã duyệt báo cáo của ${field.unit}`);
    await row(first).waitFor({ state: 'detached' });
    await page.getByText('Không còn báo cáo nào chờ duyệt.').waitFor();
    await expect.poll(() => navLink.textContent()).toBe('Duyệt báo cáo');
  });

  it('refuses to return a report without a reason, then returns it with one (by keyboard)', async () => {
    const second = await phone.send({
      planId: byLabel(CATTLE).planId, periodId: periods[1]!.id, values: [{ targetId: byLabel(CATTLE).id, value: 1300 }],
    });
    sent.push(second);
    await page.reload();
    await row(second).waitFor();
    await row(second).getByRole('button', { name: field.unit }).press('Enter');
    const returnButton = page.getByRole('button', { name: 'Trả lại', exact: true });
    await returnButton.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Cần ghi lý do trả lại.');
    const reason = page.getByLabel(/Lý do trả lại/);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    // The refused field has the focus: the reason is typed straight in.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.type(REASON);
    await returnButton.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Đã trả lại báo cáo của ${field.unit}`);
    await row(second).waitFor({ state: 'detached' });

    // The returned one is still there under its own filter.
    await page.getByLabel('Trạng thái').selectOption('returned');
    await row(second).waitFor();
    expect(await row(second).textContent()).toContain('Bị trả lại');
    expect(await row(sent[0]!).count()).toBe(0);
  });

  it('shows a correction of an approved report beside the figure it corrects', async () => {
    const correction = await phone.send({
      planId: byLabel(CATTLE).planId, periodId: periods[0]!.id, supersedes: sent[0],
      values: [{ targetId: byLabel(CATTLE).id, value: 1250 }, { targetId: byLabel(INSURANCE).id, numerator: 46, denominator: 50 }],
    });
    sent.push(correction);
    await page.getByLabel('Trạng thái').selectOption('submitted');
    await row(correction).waitFor();
    // A fresh list reads the nav's count again: the correction is the one waiting.
    await expect.poll(() => page.getByRole('link', { name: /^Duyệt báo cáo/ }).textContent()).toContain('1');
    expect(await row(correction).textContent()).toContain('Sửa lại');
    await row(correction).getByRole('button', { name: field.unit }).click();
    await page.getByRole('columnheader', { name: 'Lần trước' }).waitFor();
    await expect.poll(() => detailCell(CATTLE).textContent()).toContain('1.234 con');
    expect(await detailCell(CATTLE).textContent()).toContain('1.250 con');
    expect(await detailCell(INSURANCE).textContent()).toContain('46 / 50 (92%)');
    expect(await detailCell(INSURANCE).textContent()).toContain('45 / 50 (90%)');
    // Reported in the first report only: still shown, with nothing new beside it.
    expect(await detailCell(SECURITY).textContent()).toContain('Đã hoàn thành');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot('office-review-correction');
  });

  it('pages the waiting list with "Xem thêm"', async () => {
    const many = await phone.sendMany(Array.from({ length: 55 }, (_, i) => ({
      planId: byLabel(CATTLE).planId, periodId: periods[2 % periods.length]!.id, values: [{ targetId: byLabel(CATTLE).id, value: 1000 + i }],
    })));
    await page.reload();
    const rows = page.locator('table.review-table tbody tr');
    const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-report-id')));
    await rows.nth(49).waitFor();
    // One page of 50, oldest first: the correction still waiting, then 49 of the batch (ids made
    // in the same millisecond have no order among themselves, so which 49 is not asserted).
    const firstPage = await shown();
    expect(firstPage).toHaveLength(50);
    expect(firstPage[0]).toBe(sent[2]);
    expect(firstPage.filter((id) => many.includes(id!))).toHaveLength(49);
    expect(await page.getByRole('heading', { name: /Danh sách báo cáo/ }).textContent()).toContain('50+');
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await rows.nth(55).waitFor();
    expect(new Set(await shown())).toEqual(new Set([sent[2], ...many]));
    expect(await page.getByRole('button', { name: 'Xem thêm' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: /^Duyệt báo cáo/ }).textContent()).toContain('56');
  });

  it('stored the decisions: the API shows the states, and the phone hears the reason', async () => {
    const reports: StoredReport[] = await office.reportsOfUnit(field.unitId);
    const state = (id: string) => reports.find((r) => r.id === id)?.state;
    expect(state(sent[0]!)).toBe('approved');
    expect(state(sent[1]!)).toBe('returned');
    expect(state(sent[2]!)).toBe('submitted');
    expect(reports.find((r) => r.id === sent[2])?.correctionOf).toBe(sent[0]);

    const { reviews } = await phone.sync();
    expect(reviews.find((r) => r.reportId === sent[0])).toMatchObject({ decision: 'approve', reason: null });
    expect(reviews.find((r) => r.reportId === sent[1])).toMatchObject({ decision: 'return', reason: REASON });
    // Decided once: a second decision on the approved report is refused with the catalogue's words.
    const again = await office.call<{ code: string; message: string }>('POST', `/api/reports/${sent[0]}/review`, { decision: 'return', reason: 'x' });
    expect(again).toMatchObject({ status: 409, body: { code: 'review.already_decided', message: 'Báo cáo này đã được xử lý.' } });
  });
});
