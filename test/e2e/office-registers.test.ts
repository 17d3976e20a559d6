/**
 * The office and the household registers (issue 10) in Debian's Chromium against `npm start`'s
 * server with the demo commune: the summary shows counts per unit (no names); the office
 * imports a village's CSV (semicolons, BOM — as Excel saves it): the columns are guessed, the
 * preview flags a likely duplicate and a bad row with its Vietnamese message, nothing is
 * written until "Nhập"; the register then lists the new households and finds one typed
 * without diacritics; the demo's open dispute is resolved by choosing one value.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser } from './support/browser';
import { OfficeApi } from './support/api';

const VILLAGE = 'Làng Đăk Pơ Kao';
const CSV = '\uFEFFSTT;Họ tên chủ hộ;Thôn/Xóm;Số khẩu;Hộ nghèo\r\n'
  + '1;Đinh Văn Hyơk;Tổ 1;5;x\r\n'
  + '2;Y Hnim;Tổ 2;4;\r\n'
  + '3;dinh van hyok;to 1;5;\r\n'
  + '4;A Pơng;Tổ 2;bốn;\r\n'
  + '5;Đinh Thị Phiơ;Tổ 3;3;\r\n';

describeInChromium('office: household registers', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let demo: DemoLogins;
  let office: OfficeApi;

  async function screenshot(name: string) {
    const dir = process.env.E2E_SCREENSHOTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 860 }, bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto('/office');
    await page.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await page.getByLabel('Mật khẩu').fill(demo.office.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Sổ hộ' }).first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the demo registers as counts per unit, without names', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Sổ hộ' }).click();
    await page.getByRole('heading', { name: 'Sổ hộ gia đình', level: 1 }).waitFor();
    const table = page.getByTestId('reg-counts');
    await table.waitFor();
    const row = table.locator('tr').filter({ has: page.getByRole('rowheader', { name: 'Hội Liên hiệp Phụ nữ xã' }) });
    expect((await row.locator('td').first().textContent())?.trim()).toBe('32');
    expect(await table.textContent()).toMatch(/5 không, 3 sạch.*\(2025\)/); // the version governing the period
    await screenshot('registers-summary');
  });

  it('imports a village\'s CSV: columns guessed, a preview that writes nothing, then the new households', async () => {
    await page.goto('/office/units');
    await page.getByRole('link', { name: `Sổ hộ ${VILLAGE}` }).click();
    await page.getByRole('heading', { name: VILLAGE, level: 1 }).waitFor();
    await page.getByText('Sổ của đơn vị này chưa có hộ nào').waitFor();
    await page.getByRole('link', { name: 'Nhập từ Excel' }).click();
    await page.getByTestId('imp-file').setInputFiles({ name: 'ho-dak-po-kao.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    // Guessed from the headers.
    expect(await page.getByLabel('Chủ hộ', { exact: true }).inputValue()).toBe('1');
    expect(await page.getByLabel('Thôn/Xóm').inputValue()).toBe('2');
    expect(await page.getByLabel('Số nhân khẩu').inputValue()).toBe('3');
    expect(await page.getByLabel('Hộ nghèo', { exact: true }).inputValue()).toBe('4');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    const summary = page.getByTestId('imp-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('3 hộ mới sẽ được thêm · 1 hộ có thể trùng (bỏ qua) · 1 dòng lỗi (bỏ qua)');
    expect(await page.locator('tr.imp-dup').textContent()).toContain('giống dòng 2');
    expect(await page.locator('tr.imp-bad').textContent()).toMatch(/Lỗi.*[a-zà-ỹ]/);
    const before = await office.ok<{ households: unknown[] }>('GET', `/api/units/${unitId(VILLAGE)}/households`);
    expect(before.households).toHaveLength(0);
    await screenshot('registers-import-preview');

    await page.getByRole('button', { name: 'Nhập 3 hộ mới' }).click();
    expect(await page.getByTestId('imp-done').textContent()).toBe('Đã thêm 3 hộ vào sổ.');
    await page.getByRole('link', { name: 'Xem sổ hộ' }).first().click();
    await page.getByRole('heading', { name: VILLAGE, level: 1 }).waitFor();
    expect(await page.getByTestId('reg-count').textContent()).toBe('3 hộ · 0 đạt Gia đình 5 không, 3 sạch · 3 chưa rà');
    await page.getByLabel('Tìm chủ hộ').fill('phio');
    await expect.poll(() => page.locator('.reg-table tbody tr').count()).toBe(1);
    expect(await page.locator('.reg-table tbody').textContent()).toContain('Đinh Thị Phiơ');
    await screenshot('registers-after-import');
  });

  it('reads an Excel (.xlsx) list in the browser too, header found on the first row', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(['STT', 'Chủ hộ', 'Xóm', 'Số nhân khẩu', 'Cận nghèo']);
    sheet.addRow([1, 'A Đơk', 'Tổ 1', 6, 'x']);
    sheet.addRow([2, 'Y Ngơn', 'Tổ 2', 3, '']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await page.goto(`/office/registers/${unitId('Làng Kon Lốc')}/import`);
    await page.getByTestId('imp-file').setInputFiles({ name: 'kon-loc.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    expect(await page.getByLabel('Hộ cận nghèo', { exact: true }).inputValue()).toBe('4');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    expect(await page.getByTestId('imp-summary').textContent()).toBe('2 hộ mới sẽ được thêm · 0 hộ có thể trùng (bỏ qua) · 0 dòng lỗi (bỏ qua)');
    expect(await page.locator('.reg-table tbody').textContent()).toContain('A Đơk');
  });

  it('resolves the demo\'s open dispute by choosing one value, side by side', async () => {
    await page.goto('/office/registers');
    const row = page.getByTestId('reg-counts').locator('tr').filter({ has: page.getByRole('rowheader', { name: 'Thôn Tân Lập' }) });
    await row.getByRole('link', { name: /Mở sổ/ }).click();
    await page.getByRole('heading', { name: 'Thôn Tân Lập', level: 1 }).waitFor();
    const disputed = page.locator('.reg-table tbody tr').filter({ hasText: 'Cần xác nhận' });
    await expect.poll(() => disputed.count()).toBe(1);
    await disputed.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Hai người ghi khác nhau — chọn giá trị đúng' }).waitFor();
    const values = dialog.locator('.reg-conflict-value');
    expect(await values.count()).toBe(2);
    expect(await values.nth(0).textContent()).toContain('Nguyễn Văn Tâm');
    expect(await values.nth(1).textContent()).toContain('Nguyễn Thị Hoa');
    await dialog.getByText('Lịch sử thay đổi').waitFor();
    await dialog.locator('.reg-history li').first().waitFor();
    await screenshot('registers-dispute');
    const chosen = (await values.nth(0).locator('.reg-value').textContent())!.trim();
    await values.nth(0).getByRole('button', { name: 'Chọn giá trị này' }).click();
    await expect.poll(() => page.locator('.reg-table tbody tr').filter({ hasText: 'Cần xác nhận' }).count()).toBe(0);
    await page.getByRole('status').filter({ hasText: 'Đã xác nhận giá trị.' }).waitFor();
    const reg = await office.ok<{ households: { members: number | null; conflicts: unknown[] }[] }>('GET', `/api/units/${unitId('Thôn Tân Lập')}/households`);
    expect(reg.households.filter((h) => h.conflicts.length > 0)).toHaveLength(0);
    expect(reg.households.some((h) => String(h.members) === chosen)).toBe(true);
    await screenshot('registers-dispute-resolved');
  });

  it('lists the checklists with their source and a "chưa đối chiếu" badge, and saves a new version leaving the old one as it was', async () => {
    await page.goto('/office/registers');
    await page.getByRole('link', { name: 'Bộ tiêu chí →' }).click();
    await page.getByRole('heading', { name: 'Các bộ tiêu chí hộ gia đình', level: 1 }).waitFor();
    const card = (version: string) => page.locator('section.cl-set').filter({ has: page.getByRole('heading', { name: new RegExp(`5 không, 3 sạch.*Phiên bản ${version}(?![-\\w])`) }) });
    expect(await card('2025').textContent()).toContain('chưa đối chiếu');
    expect(await card('2014').textContent()).not.toContain('chưa đối chiếu');
    await card('2014').getByRole('button', { name: /Tạo phiên bản mới/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Phiên bản', { exact: true }).fill('2026-loku');
    await dialog.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    await dialog.getByLabel('Tiêu chí', { exact: true }).last().fill('Vườn sạch, đẹp');
    await screenshot('registers-checklist-new');
    await dialog.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu phiên bản 2026-loku.' }).waitFor();
    expect(await card('2026-loku').textContent()).toContain('9 tiêu chí');
    expect(await card('2014').textContent()).toContain('8 tiêu chí');
    // The demo's ticks still name the version they were made under (2025, the one governing its period).
    const reg = await office.ok<{ assessments: { checklistVersion: string }[] }>('GET', `/api/units/${unitId('Thôn Tân Lập')}/households`);
    expect(new Set(reg.assessments.map((a) => a.checklistVersion))).toEqual(new Set(['2025']));
    await screenshot('registers-checklists');
  });

  it('downloads the register (the file with names, audited) and erases a person on request after a Decree 13 confirmation', async () => {
    await page.goto(`/office/registers/${unitId('Làng Kon Sơ Lăl')}`);
    await page.getByRole('heading', { name: 'Làng Kon Sơ Lăl', level: 1 }).waitFor();
    expect(await page.locator('.reg-export-note').textContent()).toContain('nhật ký');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải sổ hộ (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const audit = await office.ok<{ entries: { action: string }[] }>('GET', '/api/audit?action=household.export');
    expect(audit.entries.map((e) => e.action)).toContain('household.export');

    const first = page.locator('.reg-table tbody tr').first();
    const name = (await first.getByRole('button').textContent())!.trim();
    await first.getByRole('button').click();
    const detail = page.getByRole('dialog', { name: `Hộ ${name}` });
    await detail.getByRole('button', { name: 'Xóa tên theo yêu cầu' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xóa tên và địa chỉ của hộ?' });
    expect(await confirm.textContent()).toContain('Nghị định 13/2023/NĐ-CP');
    await screenshot('registers-anonymise');
    await confirm.getByRole('button', { name: 'Xóa tên và địa chỉ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã xóa tên và địa chỉ của hộ.' }).waitFor();
    await expect.poll(() => page.locator('.reg-table tbody').textContent()).toContain('Hộ đã ẩn danh');
    expect(await page.locator('.reg-table tbody').textContent()).not.toContain(name);
  });

  function unitId(name: string): string {
    const found = demo.field.find((f) => f.unit === name);
    if (!found) throw new Error(`demo unit ${name}`);
    return found.unitId;
  }
});
