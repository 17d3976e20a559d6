/**
 * The office follows progress in Debian's Chromium against `npm start`'s server with the demo
 * commune: a demo phone (through the API) reports, the office approves, and the dashboard shows
 * the new total at once; a late unit's reminder is written and copied; the A4 report, printed
 * to PDF by Chromium, is A4 and carries the national heading, the title and every target's
 * label. The PDF and a dashboard screenshot stay in test-results/ to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Period, PlanProgress, ReportResult, Target } from '../../src/shared/schemas';
import { uuidv7 } from '../../src/shared/ids';
import { formatViNumber } from '../../src/shared/vi-number';
import { TestServer, ROOT, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { OfficeApi } from './support/api';
import { seriousAxeViolations } from './support/a11y';

const CATTLE = 'Đàn bò';
const ARTIFACTS = join(ROOT, 'test-results');
const NOTES = { general: 'Các thôn hoàn thành tốt phần lớn chỉ tiêu.', shortcomings: 'Một số thôn báo cáo trễ hạn.', directions: 'Đôn đốc các thôn báo cáo đúng hạn.' };

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describeInChromium('office: progress, reminders and the A4 report', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let demo: DemoLogins;
  let field: DemoLogins['field'][number];
  let phoneToken: string;
  let office: OfficeApi;
  let targets: Target[];
  let period: Period;
  let planId: string;
  let reportId: string;

  const progress = (basis: 'approved' | 'submitted') =>
    office.ok<PlanProgress>('GET', `/api/plans/${planId}/progress?periodId=${period.id}&basis=${basis}`);
  const cattleRow = () => page.locator('tr[data-target]').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^\\d+(\\.\\d+)?\\. ${CATTLE}$`) }) });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await TestServer.start();
    demo = server.loadDemo();
    field = demo.field[0]!;
    const enrolled = await fetch(`${server.baseURL}/api/devices/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: field.code, deviceName: 'Điện thoại thử' }),
    });
    phoneToken = ((await enrolled.json()) as { token: string }).token;
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const plans = (await office.ok<{ plans: Array<{ id: string }> }>('GET', '/api/plans')).plans;
    const withCattle = [];
    for (const p of plans) {
      const list = (await office.ok<{ targets: Target[] }>('GET', `/api/plans/${p.id}/targets`)).targets;
      if (list.some((tg) => tg.label === CATTLE)) withCattle.push({ id: p.id, list });
    }
    planId = withCattle[0]!.id;
    targets = withCattle[0]!.list;
    const plan = await office.ok<{ periods: Period[] }>('GET', `/api/plans/${planId}`);
    period = [...plan.periods].sort((a, b) => a.from.localeCompare(b.from))[0]!;

    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 900 }, bypassCSP: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseURL });
    page = await context.newPage();
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await page.getByLabel('Mật khẩu').fill(demo.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Tiến độ' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the new total on the dashboard as soon as the office approves a report', async () => {
    const cattle = targets.find((tg) => tg.label === CATTLE)!;
    const before = (await progress('approved')).targets.find((tg) => tg.targetId === cattle.id)!;

    await page.getByRole('link', { name: 'Tiến độ' }).click();
    await page.getByRole('heading', { name: 'Tiến độ thực hiện', level: 1 }).waitFor();
    await page.locator('select[name=plan]').selectOption(planId);
    await page.locator('select[name=period]').selectOption(period.id);
    await cattleRow().waitFor();
    const completeness = page.getByTestId('completeness');
    expect(flat((await completeness.textContent())!)).toMatch(/^\d+\/\d+ đơn vị đã báo cáo, \d+ trễ hạn/);

    const sent = await fetch(`${server.baseURL}/api/reports`, {
      method: 'POST', headers: { authorization: `Bearer ${phoneToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reports: [{ id: (reportId = uuidv7()), unitId: field.unitId, planId, periodId: period.id, createdAt: new Date().toISOString(), note: null, supersedes: null, values: [{ targetId: cattle.id, value: 1234 }] }] }),
    });
    expect(((await sent.json()) as { results: ReportResult[] }).results[0]!.status).toBe('accepted');

    // Waiting, not approved: the approved-only figures do not move; "all submitted" shows it.
    await page.getByRole('button', { name: 'Tải lại số liệu' }).click();
    await page.getByLabel('Tất cả báo cáo đã gửi').check();
    const submitted = (await progress('submitted')).targets.find((tg) => tg.targetId === cattle.id)!;
    await expect.poll(async () => cattleRow().getByTestId('result').textContent()).toContain(formatViNumber(submitted.achieved!));

    await office.ok('POST', `/api/reports/${reportId}/review`, { decision: 'approve', reason: null });
    await page.getByLabel('Chỉ báo cáo đã duyệt').check();
    const after = (await progress('approved')).targets.find((tg) => tg.targetId === cattle.id)!;
    expect(after.achieved).toBeGreaterThan(before.achieved ?? 0);
    await expect.poll(async () => cattleRow().getByTestId('result').textContent()).toContain(formatViNumber(after.achieved!));
    expect(await cattleRow().locator('.verdict').textContent()).toMatch(/Đạt|Chưa đạt|Vượt|Chưa có số liệu/);

    // The downloads: files named by the server, a CSV with its BOM (Excel reads UTF-8 only then), an XLSX zip.
    for (const [button, ext, magic] of [['Tải CSV', '.csv', 'efbbbf'], ['Tải Excel (XLSX)', '.xlsx', '504b0304']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
      const file = join(ARTIFACTS, `progress-export${ext}`);
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, magic.length / 2).toString('hex')).toBe(magic);
    }

    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'progress-dashboard.png'), fullPage: true });
  });

  it('the heat table opens the unit’s report in the review screen', async () => {
    await page.getByRole('link', { name: 'Bảng theo đơn vị' }).click();
    await page.getByRole('heading', { name: /^Bảng theo đơn vị/ }).waitFor();
    expect(await page.getByText('chưa báo cáo').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'progress-heat-table.png') });
    // Arrow keys move like a spreadsheet: from the unit's first linked cell one to the right and back.
    const link = page.locator(`a[href*="report=${reportId}"]`).first();
    await link.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.closest('td, th')?.getAttribute('class'))).toMatch(/heat/);
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toContain(`report=${reportId}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${field.unit} — ${period.name}`, level: 2 }).waitFor();
  });

  it('writes a late unit’s reminder, with the deadline and the link, and copies it', async () => {
    await page.goBack();
    await page.getByRole('link', { name: 'Chưa báo cáo', exact: true }).click();
    await page.getByRole('heading', { name: /^Đơn vị chưa báo cáo/ }).waitFor();
    const first = page.locator('.late-table tbody tr').first();
    const unit = flat((await first.getByRole('rowheader').textContent())!);
    expect(unit).not.toBe(field.unit);
    await first.getByRole('button', { name: `Nhắc ${unit}` }).click();
    const box = page.locator('textarea.reminder-text');
    const [y, m, d] = period.deadline.split('-');
    const text = await box.inputValue();
    expect(text).toContain(`Kính gửi ${unit},`);
    expect(text).toContain(period.name);
    expect(text).toContain(`hạn ngày ${d}/${m}/${y}`);
    expect(text).toContain('Còn thiếu:');
    expect(text).toContain(`${server.baseURL}/`);
    await page.getByRole('button', { name: 'Chép tin nhắn' }).click();
    await page.getByText('Đã chép tin nhắn').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    await page.getByRole('button', { name: /^Nhắc tất cả/ }).click();
    const all = await box.inputValue();
    expect(all).toContain('Các đơn vị chưa báo cáo đủ');
    expect(all).toContain(unit);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('prints the A4 report: A4 pages, the national heading, the title and every target', async () => {
    await page.getByRole('link', { name: 'Báo cáo in' }).click();
    await page.getByRole('heading', { name: 'Phần lời của báo cáo' }).waitFor();
    await page.getByLabel('Đánh giá chung').fill(NOTES.general);
    await page.getByLabel('Tồn tại, hạn chế').fill(NOTES.shortcomings);
    await page.getByLabel('Phương hướng').fill(NOTES.directions);
    await page.getByRole('button', { name: 'Lưu phần lời' }).click();
    await page.getByText('Đã lưu phần lời lúc').waitFor();
    const saved = await office.ok<typeof NOTES>('GET', `/api/plans/${planId}/periods/${period.id}/report-notes`);
    expect(saved).toMatchObject(NOTES);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const pdfPath = join(ARTIFACTS, 'progress-report.pdf');
    writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect(Math.round(Number(size[1]))).toBe(595);
    expect(Math.round(Number(size[2]))).toBe(842);
    const text = flat(execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA');
    expect(text).toContain('/BC-UBND');
    for (const tg of targets) expect(text, tg.label).toContain(flat(tg.label));
    for (const note of Object.values(NOTES)) expect(text).toContain(note);
  });
});
