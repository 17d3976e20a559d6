/**
 * A commune from nothing to the printed report, through the office's screens, in Debian's
 * Chromium against `npm start`'s server with NO demo: "Tạo xã" on /setup, log in, three
 * villages and the Veterans' Association, a head per unit with the code "Cấp mã" shows, a plan
 * imported from the text of a ward's plan (the only way a new office can make one), a share
 * grid filled by hand, activation refused while targets have nobody and then accepted, a phone
 * enrolled with a head's code reporting through its own form, the office approving it, the
 * dashboard's figure and completeness, a late unit's reminder, the CSV and XLSX (parsed as
 * Excel would read them), the A4 report printed to PDF, and the phone's verdict beside its
 * target. A screenshot of every step stays in test-results/from-scratch/ to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ROOT, TestServer } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { FieldApp, eventually } from './support/pages';

const ARTIFACTS = join(ROOT, 'test-results/from-scratch');
const PLAN_TEXT = readFileSync(join(ROOT, 'test/fixtures/plans/unseen-phuong-an-hoa-2026.txt'), 'utf8');
const COMMUNE = 'Xã Ea Hiao';
const ADMIN = { name: 'Y Bhim Niê', username: 'admin.eahiao', password: 'mat-khau-xa-9' };
const VILLAGES = ['Thôn 1', 'Buôn Ea Khăl', 'Thôn Tân Lập'];
const UNION = 'Hội Cựu chiến binh';
const HEADS: Record<string, string> = {
  'Thôn 1': 'Nguyễn Văn Tâm',
  'Buôn Ea Khăl': 'Y Kim Êban',
  'Thôn Tân Lập': 'Phạm Thị Lan',
  [UNION]: 'Lê Văn Quý',
};
/** The target the villages share, and each village's share of its 700 head. */
const CATTLE = 'Bò';
const SHARES: Record<string, number> = { 'Thôn 1': 300, 'Buôn Ea Khăl': 250, 'Thôn Tân Lập': 150 };
const REPORTED = 320;

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describeInChromium('a commune from "Tạo xã" to the printed report, on screen', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let phoneContext: BrowserContext;
  let phone: FieldApp;
  /** The code "Cấp mã" showed for each head. */
  const codes = new Map<string, string>();
  let periodName = '';
  let step = 0;

  /** Saves the office screen (or a phone's) as NN-name.png, in the order the steps were walked. */
  async function look(name: string, on: Page = page) {
    step += 1;
    await on.screenshot({ path: join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await TestServer.start();
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 860 }, bypassCSP: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseURL });
    page = await context.newPage();
  }, 120_000);

  // One flow: a step that fails leaves the next ones nothing to stand on, so they are skipped,
  // and the screen it failed on is kept beside the others.
  let failed = false;
  beforeEach((ctx) => {
    if (failed) ctx.skip();
    onTestFailed(async () => {
      failed = true;
      await page.screenshot({ path: join(ARTIFACTS, 'failed-office.png'), fullPage: true }).catch(() => {});
      if (phone) await phone.page.screenshot({ path: join(ARTIFACTS, 'failed-phone.png'), fullPage: true }).catch(() => {});
    });
  });

  afterAll(async () => {
    await phoneContext?.close().catch(() => {});
    await browser?.close();
    await server?.dispose();
  });

  it('"Tạo xã", then the office logs in to an empty plan list that says what to do', async () => {
    await page.goto('/setup');
    await page.getByLabel('Tên xã').fill(COMMUNE);
    await page.getByLabel('Họ và tên người quản trị').fill(ADMIN.name);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Tạo xã' }).click();
    await page.getByRole('heading', { name: `Đã tạo ${COMMUNE}` }).waitFor();
    await look('setup-done');
    await page.getByRole('link', { name: 'trang văn phòng' }).first().click();
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Việc cần làm tiếp' }).waitFor();
    await look('plans-empty');
  });

  it('adds three villages and an association', async () => {
    await page.getByRole('link', { name: 'Thêm các thôn, làng và hội, đoàn thể của xã' }).click();
    await page.getByRole('heading', { name: 'Các đơn vị của xã', level: 1 }).waitFor();
    await look('units-empty');
    const add = async (kind: string, name: string) => {
      await page.getByLabel('Loại đơn vị').selectOption({ label: kind });
      await page.getByLabel('Tên đơn vị').fill(name);
      await page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
      await page.getByRole('status').filter({ hasText: `Đã thêm ${name}.` }).waitFor();
    };
    for (const v of VILLAGES) await add('Thôn, làng', v);
    await add('Hội, đoàn thể', UNION);
    await look('units');
  });

  it('adds a head for each unit and keeps the code "Cấp mã" shows', async () => {
    await page.getByRole('link', { name: 'Người dùng', exact: true }).click();
    await page.getByRole('heading', { name: 'Người dùng và điện thoại', level: 1 }).waitFor();
    await look('people-empty');
    for (const unit of [...VILLAGES, UNION]) {
      await page.getByRole('button', { name: `Thêm người phụ trách — ${unit}` }).click();
      const dialog = page.getByRole('dialog', { name: `Thêm người phụ trách ${unit}` });
      await dialog.getByLabel('Họ và tên').fill(HEADS[unit]!);
      await dialog.getByRole('button', { name: 'Thêm người phụ trách' }).click();
      const code = page.getByRole('dialog', { name: `Mã kích hoạt cho ${HEADS[unit]}` });
      await code.getByTestId('enrollment-code').waitFor();
      codes.set(unit, (await code.locator('.code-text').textContent())!);
      if (unit === VILLAGES[0]) await look('code');
      await code.getByRole('button', { name: 'Đóng' }).click();
    }
    await look('people');
  });

  it('imports the plan from its text and lands in the plan screen', async () => {
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('heading', { name: 'Việc cần làm tiếp' }).waitFor();
    await look('plans-next-steps');
    await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).first().click();
    await page.getByLabel('Nội dung kế hoạch').waitFor();
    // Our words on the file picker, not the browser's ("Choose File" on an English Chrome).
    await page.getByText('Chưa chọn tệp nào.').waitFor();
    await look('import-empty');
    await page.getByLabel('Nội dung kế hoạch').fill(PLAN_TEXT);
    await page.getByRole('button', { name: 'Đọc văn bản' }).click();
    await page.getByRole('heading', { name: 'Thông tin kế hoạch' }).waitFor();
    expect(await page.locator('input[name="plan-year"]').inputValue()).toBe('2026');
    await look('import-read');

    // The ward's plan gives one target to the Fatherland Front, which this commune has not added:
    // the row says so and what to do, before anything is sent.
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.getByRole('alert').filter({ hasText: 'Còn chỗ chưa đúng' }).waitFor();
    const front = page.locator('table.targets tbody tr.invalid');
    expect(await front.count()).toBe(1);
    const assignee = front.getByLabel('Giao cho');
    expect(await assignee.inputValue()).toContain('MTTQ');
    expect(await front.textContent()).toContain('Xã chưa có hội, đoàn thể tên này');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Giao cho');
    await look('import-unknown-assignee');
    await assignee.fill('');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo kế hoạch' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Giao chỉ tiêu cho thôn, làng và đoàn thể' }).waitFor();
    await look('plan-draft');
  });

  it('gives the cattle to the villages, is told which targets have nobody, and takes the plan live', async () => {
    const row = page.locator('table.shares tr').filter({ has: page.getByRole('rowheader', { name: CATTLE, exact: true }) });
    for (const [village, share] of Object.entries(SHARES)) await page.getByLabel(`${village} — ${CATTLE}`, { exact: true }).fill(String(share));
    expect(await row.locator('[data-difference]').textContent()).toContain('Khớp');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu các thay đổi.' }).waitFor();
    await look('plan-shares');

    await page.getByRole('button', { name: 'Đưa vào thực hiện…' }).click();
    // Set up in December, the plan's first quarters are past their deadline: said before it goes live.
    expect(await page.getByTestId('past-periods').textContent()).toContain('Quý I/2026');
    await page.getByRole('button', { name: 'Xác nhận đưa vào thực hiện' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'chưa giao cho đơn vị nào' });
    await refusal.waitFor();
    await look('plan-not-ready');
    // One sentence, in the words of this screen (the box is called "Chỉ xã"), and how to get out.
    expect(await refusal.textContent()).not.toContain('"xã tự báo cáo"');
    expect(await refusal.textContent()).toContain('rồi bấm “Lưu thay đổi”');
    const missing = await refusal.locator('li[data-target-id]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-target-id')!));
    expect(missing.length).toBeGreaterThan(0);
    // Everything else the commune reports itself: one press ticks "Chỉ xã" for all of them.
    await refusal.getByRole('button', { name: 'Đánh dấu “Chỉ xã” cho tất cả các chỉ tiêu này' }).click();
    await refusal.getByText('Đã đánh dấu “Chỉ xã”.').waitFor();
    for (const id of missing) expect(await page.locator(`[id="share-row-${id}"] input[type="checkbox"]`).isChecked(), id).toBe(true);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu các thay đổi.' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Lưu thay đổi' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Xác nhận đưa vào thực hiện' }).click();
    await page.getByRole('status').filter({ hasText: 'Kế hoạch đã được đưa vào thực hiện.' }).waitFor();
    await page.getByRole('heading', { name: 'Trạng thái: Đang thực hiện' }).waitFor();
    // A live plan's work is elsewhere: the screen says where.
    await page.getByRole('link', { name: 'Theo dõi tiến độ, đơn vị chưa báo cáo, tải Excel và in báo cáo' }).waitFor();
    await page.getByRole('link', { name: 'Xem và duyệt báo cáo các đơn vị gửi lên' }).waitFor();
    await look('plan-live');
  });

  it('a head enrolls a phone with the code and sends the cattle figure', async () => {
    phoneContext = await newPhoneContext(browser, server.baseURL, { serviceWorkers: 'block', bypassCSP: true });
    const phonePage = await phoneContext.newPage();
    phone = new FieldApp(phonePage);
    await phone.enroll(codes.get(VILLAGES[0]!)!);
    const periods = await eventually(async () => {
      const names = await phone.periodNames();
      return names.length > 0 ? names : null;
    }, 'the phone to show its periods');
    periodName = periods[0]!;
    await look('phone-home', phonePage);
    const form = await phone.openReport(periodName);
    await form.field(CATTLE).fill(String(REPORTED));
    await look('phone-form', phonePage);
    await form.send();
    await phone.gotoHome();
    await phone.syncNow();
    await phone.waitForWaitingCount(0);
    await look('phone-sent', phonePage);
  });

  it('the office approves the report in the review screen', async () => {
    await page.getByRole('link', { name: /^Duyệt báo cáo/ }).click();
    await page.locator('tr[data-report-id]').first().waitFor();
    await look('review-queue');
    await page.locator('tr[data-report-id]').first().getByRole('button').click();
    const detail = page.locator('#review-detail');
    await detail.getByRole('heading', { name: new RegExp(VILLAGES[0]!) }).waitFor();
    await look('review-detail');
    await detail.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã duyệt báo cáo của' }).waitFor();
    await look('review-approved');
  });

  it('the dashboard shows the figure and who has reported', async () => {
    // The emptied queue points on to the figures.
    await page.getByRole('link', { name: 'Xem tiến độ và các đơn vị chưa báo cáo' }).click();
    await page.getByRole('heading', { name: 'Tiến độ thực hiện', level: 1 }).waitFor();
    // The screen opens on the period under way; the phone reported on the first one it listed.
    const option = page.locator('select[name=period] option').filter({ hasText: new RegExp(`^${periodName} \\(`) });
    await page.locator('select[name=period]').selectOption((await option.getAttribute('value'))!);
    const cattle = page.locator('tr[data-target]').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^\\d+(\\.\\d+)?\\. ${CATTLE}$`) }) });
    await expect.poll(() => cattle.getByTestId('result').textContent()).toContain(String(REPORTED));
    expect(flat((await page.getByTestId('completeness').textContent())!)).toMatch(/^1\/4 đơn vị đã báo cáo/);
    // A target only the commune reports says who enters it, and opens "Nhập thay" on it.
    const commune = page.locator('tr[data-target]').filter({ hasText: 'Số doanh nghiệp thành lập mới' });
    expect(await commune.getByRole('link', { name: 'Xã tự nhập' }).getAttribute('href')).toMatch(/^\/office\/enter\?plan=.+&period=.+&unit=.+/);
    // The chart of one unit over the periods opens on the unit that has figures, not an empty one.
    await page.locator('.chart canvas').first().waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Đơn vị', exact: true }).locator('option:checked').textContent()).toBe(VILLAGES[0]);
    await look('progress');
  });

  it('the late list writes a reminder for a unit that has not reported', async () => {
    await page.getByRole('link', { name: 'Chưa báo cáo', exact: true }).click();
    await page.getByRole('heading', { name: /^Đơn vị chưa báo cáo/ }).waitFor();
    const names = (await page.locator('.late-table tbody th').allTextContents()).map(flat);
    expect(names.sort()).toEqual([VILLAGES[1]!, VILLAGES[2]!, UNION].sort());
    await page.getByRole('button', { name: `Nhắc ${VILLAGES[1]}` }).click();
    const text = await page.locator('textarea.reminder-text').inputValue();
    expect(text).toContain(`Kính gửi ${VILLAGES[1]},`);
    expect(text).toContain(periodName);
    expect(text).toContain(`Văn phòng UBND ${COMMUNE.replace(/^Xã/, 'xã')} nhắc`);
    await look('late-reminder');
  });

  it('downloads a CSV and an XLSX that read as Excel reads them', async () => {
    await page.getByRole('link', { name: 'Tổng quan' }).first().click().catch(() => {});
    const files: Record<string, string> = {};
    for (const [button, ext] of [['Tải CSV', 'csv'], ['Tải Excel (XLSX)', 'xlsx']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      files[ext] = join(ARTIFACTS, `progress.${ext}`);
      await download.saveAs(files[ext]!);
    }
    await look('downloads');
    const csv = readFileSync(files.csv!);
    expect(csv.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const rows = parse(csv, { bom: true, relax_column_count: true, delimiter: [',', ';', '\t'] }) as string[][];
    expect(rows.some((r) => r.some((c) => c === CATTLE) && r.some((c) => c.includes(String(REPORTED))))).toBe(true);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.xlsx!);
    const sheet = book.worksheets[0]!;
    let found: unknown = null;
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values.some((v) => v === CATTLE)) found = values.find((v) => v === REPORTED) ?? values;
    });
    expect(found).toBe(REPORTED);
  });

  it('prints the A4 report with the heading and the target labels', async () => {
    await page.getByRole('link', { name: 'Báo cáo in' }).click();
    await page.getByRole('heading', { name: 'Phần lời của báo cáo' }).waitFor();
    await look('print');
    const file = join(ARTIFACTS, 'report.pdf');
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const text = flat(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA');
    expect(text).toContain(CATTLE);
    expect(text).toContain('Số doanh nghiệp thành lập mới');
  });

  it('the phone shows its verdict beside the target', async () => {
    await phone.gotoHome();
    await phone.syncNow();
    const row = phone.page.getByTestId('target-row').filter({ has: phone.page.getByText(CATTLE, { exact: true }) });
    await eventually(() => row.getByTestId('target-verdict').isVisible(), 'the verdict on the phone');
    expect(flat((await row.getByTestId('target-verdict').textContent())!)).toMatch(/Vượt|Đạt|Chưa đạt/);
    await look('phone-verdict', phone.page);
  });

  it('"Xã tự nhập" on a commune-only target opens "Nhập thay" on the commune, where its figure is sent', async () => {
    await page.getByRole('link', { name: 'Tiến độ', exact: true }).click();
    await page.getByRole('heading', { name: 'Tiến độ thực hiện', level: 1 }).waitFor();
    const label = 'Số doanh nghiệp thành lập mới';
    await page.locator('tr[data-target]').filter({ hasText: label }).getByRole('link', { name: 'Xã tự nhập' }).click();
    await page.getByRole('heading', { name: 'Nhập thay báo cáo' }).waitFor();
    expect(await page.locator('select[name="unit"] option:checked').textContent()).toContain(COMMUNE);
    await page.getByLabel(label, { exact: true }).fill('7');
    await look('enter-for-commune');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByRole('status').filter({ hasText: `Đã gửi báo cáo nhập thay của ${COMMUNE}` }).waitFor();
  });
});
