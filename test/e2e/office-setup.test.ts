/**
 * A new commune set up through the office screens alone, in Debian's Chromium against `npm
 * start`'s server: "Tạo xã" on the setup screen (not the demo), the plan list saying what to do
 * next, three villages and the Women's Union added, their heads, the A4 card sheet printed to a
 * PDF (kept under test-results/ and checked with pdfinfo and pdftotext), a phone enrolled from a
 * card's link and naming itself, a unit handed over to a new head (the old phone is revoked), a
 * phone revoked from the office, the audit trail. axe finds nothing serious on any screen.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT, TestServer } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { FieldApp } from './support/pages';
import { seriousAxeViolations } from './support/a11y';
import { OfficeApi } from './support/api';

const COMMUNE = 'Xã Ia Hrung';
const ADMIN = { name: 'Rơ Châm Hiền', username: 'admin.iahrung', password: 'mat-khau-xa-1' };
const VILLAGES = ['Thôn Đoàn Kết', 'Làng Ia Ring', 'Thôn Hợp Thành'];
const UNION = 'Hội Liên hiệp Phụ nữ';
const HEADS: Record<string, string> = {
  'Thôn Đoàn Kết': 'Nguyễn Văn Hùng',
  'Làng Ia Ring': 'Siu H’Ngơn',
  'Thôn Hợp Thành': 'Trần Thị Mai',
  [UNION]: 'Ksor H’Bia',
};
const NEW_HEAD = 'Lê Quang Vinh';
const CLERK = { name: 'Đinh Thị Hạnh', username: 'vanphong.hanh', password: 'mat-khau-vp-2' };
const ARTIFACTS = join(ROOT, 'test-results');

describeInChromium('office: a new commune set up through the screens', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const phones: BrowserContext[] = [];
  /** Printed card per person: code and enrollment link. */
  const cards = new Map<string, { code: string; url: string }>();
  /** The codes "Cấp mã" showed when each head was added, before the cards were printed. */
  const firstCodes = new Map<string, string>();

  async function look(name: string) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `office-setup-${name}.png`), fullPage: true });
  }

  async function axeClean(where: string) {
    expect(await seriousAxeViolations(page), where).toEqual([]);
  }

  /** The people table's row of a person (its row header is the unit). */
  const personRow = (name: string) => page.locator('.people-table tbody tr').filter({ has: page.getByRole('cell', { name: new RegExp(`^${name}`) }) });

  beforeAll(async () => {
    server = await TestServer.start();
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 860 }, bypassCSP: true,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    for (const p of phones) await p.close().catch(() => {});
    await browser?.close();
    await server?.dispose();
  });

  it('"Tạo xã" lands on a plan list that says what to do next, with links', async () => {
    await page.goto('/setup');
    await page.getByLabel('Tên xã').fill(COMMUNE);
    await page.getByLabel('Họ và tên người quản trị').fill(ADMIN.name);
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Tạo xã' }).click();
    await page.getByRole('heading', { name: `Đã tạo ${COMMUNE}` }).waitFor();
    await page.getByRole('link', { name: 'trang văn phòng' }).first().click();
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.getByRole('heading', { name: 'Việc cần làm tiếp' }).waitFor();
    const steps = page.locator('.next-steps li');
    expect(await steps.count()).toBe(3);
    expect(await steps.nth(0).textContent()).toContain('Chưa làm');
    await axeClean('plan list, empty');
    await look('1-next-steps');

    // The language switch the phone has: English, and back.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'What to do next' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Việc cần làm tiếp' }).waitFor();

    await page.getByRole('link', { name: 'Thêm các thôn, làng và hội, đoàn thể của xã' }).click();
    await page.getByRole('heading', { name: 'Các đơn vị của xã', level: 1 }).waitFor();
  });

  it('adds three villages and the Women\'s Union, renames one, closes a unit added by mistake', async () => {
    const add = async (kind: string, name: string) => {
      await page.getByLabel('Loại đơn vị').selectOption({ label: kind });
      await page.getByLabel('Tên đơn vị').fill(name);
      await page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
      await page.getByRole('status').filter({ hasText: `Đã thêm ${name}.` }).waitFor();
    };
    for (const v of [...VILLAGES.slice(0, 2), 'Thôn Hợp Thanh']) await add('Thôn, làng', v);
    await add('Hội, đoàn thể', UNION);
    await add('Thôn, làng', 'Thôn Nhập Nhầm');

    // A typo fixed by renaming.
    await page.getByRole('button', { name: 'Đổi tên Thôn Hợp Thanh' }).click();
    const rename = page.getByRole('dialog', { name: 'Đổi tên Thôn Hợp Thanh' });
    await rename.getByLabel('Tên mới').fill(VILLAGES[2]!);
    await axeClean('rename dialog');
    await rename.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').filter({ hasText: `Đã đổi tên thành ${VILLAGES[2]}.` }).waitFor();

    // A unit added by mistake (no shares, no reports) is closed.
    await page.getByRole('button', { name: 'Đóng Thôn Nhập Nhầm' }).click();
    const close = page.getByRole('dialog', { name: 'Đóng Thôn Nhập Nhầm' });
    await close.getByRole('button', { name: 'Đóng đơn vị' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đóng Thôn Nhập Nhầm.' }).waitFor();

    // The commune, its villages (in Vietnamese order), the union, then the office "Tạo xã" made.
    const names = () => page.locator('.unit-tree .unit-name').allTextContents();
    await expect.poll(names).not.toContain('Thôn Nhập Nhầm');
    expect((await names()).slice(0, 5)).toEqual([COMMUNE, ...[...VILLAGES].sort((a, b) => a.localeCompare(b, 'vi')), UNION]);
    await axeClean('units');
    await look('2-units');
  });

  it('adds a head for each unit; "Cấp mã" shows code, QR, link and expiry', async () => {
    await page.getByRole('link', { name: 'Người dùng', exact: true }).click();
    await page.getByRole('heading', { name: 'Người dùng và điện thoại', level: 1 }).waitFor();
    await axeClean('people, no heads yet');
    for (const unit of [...VILLAGES, UNION]) {
      await page.getByRole('button', { name: `Thêm người phụ trách — ${unit}` }).click();
      const dialog = page.getByRole('dialog', { name: `Thêm người phụ trách ${unit}` });
      await dialog.getByLabel('Họ và tên').fill(HEADS[unit]!);
      await dialog.getByRole('button', { name: 'Thêm người phụ trách' }).click();
      const code = page.getByRole('dialog', { name: `Mã kích hoạt cho ${HEADS[unit]}` });
      await code.getByTestId('enrollment-code').waitFor();
      const shown = (await code.locator('.code-text').textContent())!;
      expect(shown).toMatch(/^[2-9A-Z]{4,6}-[2-9A-Z]{4,6}$/);
      firstCodes.set(HEADS[unit]!, shown);
      expect(await code.locator('.code-link').getAttribute('href')).toContain('/enroll?code=');
      expect(await code.textContent()).toMatch(/Hết hạn\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
      expect(await code.locator('svg').count()).toBe(1);
      if (unit === UNION) {
        await axeClean('code dialog');
        await look('3-code');
      }
      await code.getByRole('button', { name: 'Đóng' }).click();
    }
    for (const unit of [...VILLAGES, UNION]) await personRow(HEADS[unit]!).waitFor();
    // Admin sees the office accounts; the admin is there and may not lock themselves.
    const officeSection = page.getByRole('region', { name: 'Tài khoản văn phòng và quản trị' });
    expect(await officeSection.textContent()).toContain(ADMIN.username);
    expect(await officeSection.getByRole('button', { name: `Khoá ${ADMIN.name}` }).count()).toBe(0);
    // An office account for the last test, made through the admin's form.
    await officeSection.getByLabel('Họ và tên').fill(CLERK.name);
    await officeSection.getByLabel('Tên đăng nhập').fill(CLERK.username);
    await officeSection.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill(CLERK.password);
    await officeSection.getByRole('button', { name: 'Thêm tài khoản văn phòng' }).click();
    await page.getByRole('status').filter({ hasText: `Đã thêm ${CLERK.name}.` }).waitFor();
    await expect.poll(() => officeSection.textContent()).toContain(CLERK.username);
    await axeClean('people');
    await look('4-people');
  });

  it('"In thẻ" says it issues fresh codes, then prints an A4 sheet with one card per head', async () => {
    await page.getByRole('button', { name: 'In thẻ' }).click();
    const confirm = page.getByRole('dialog', { name: 'In thẻ kích hoạt' });
    expect(await confirm.textContent()).toContain('cấp mã mới cho 4 người phụ trách và huỷ các mã cũ chưa dùng');
    await confirm.getByRole('button', { name: 'Cấp mã mới và xem thẻ' }).click();
    const sheet = page.getByTestId('card-sheet');
    await sheet.waitFor();
    const printed = sheet.locator('.enroll-card');
    expect(await printed.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const card = printed.nth(i);
      const name = (await card.locator('.enroll-card-name').textContent())!;
      const code = (await card.locator('.enroll-card-code').textContent())!;
      cards.set(name, { code, url: `${server.baseURL}/enroll?code=${encodeURIComponent(code)}` });
      expect(await card.textContent()).toContain(`localhost:${server.port}/enroll`);
      expect(await card.textContent()).toMatch(/Dùng trước ngày\d{2}\/\d{2}\/\d{4}/);
      expect(await card.locator('ol li').count()).toBe(3);
      expect(await card.locator('svg').count()).toBe(1);
    }
    expect([...cards.keys()].sort()).toEqual(Object.values(HEADS).sort());
    await axeClean('card sheet');
    await look('5-card-sheet');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'office-setup-cards.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const count = (needle: string) => text.split(needle).length - 1;
    for (const [name, card] of cards) {
      expect(count(name), name).toBe(1);
      expect(count(card.code), card.code).toBe(1);
    }
    // Nothing of the office screen behind the sheet is printed.
    expect(text).not.toContain('Người dùng và điện thoại');

    await page.getByRole('button', { name: 'Đóng' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  let hungPhone: FieldApp;

  it('a phone enrolls from a card\'s link and names itself "name – model"', async () => {
    const hung = HEADS[VILLAGES[0]!]!;
    const ctx = await newPhoneContext(browser, server.baseURL, { serviceWorkers: 'block', bypassCSP: true });
    phones.push(ctx);
    const phonePage = await ctx.newPage();
    hungPhone = new FieldApp(phonePage);
    await phonePage.goto(cards.get(hung)!.url);
    expect(await phonePage.getByLabel('Mã kích hoạt').inputValue()).toBe(cards.get(hung)!.code);
    await phonePage.getByRole('button', { name: 'Kích hoạt' }).click();
    const name = phonePage.getByLabel('Tên điện thoại');
    await name.waitFor();
    await expect.poll(() => name.inputValue()).toMatch(new RegExp(`^${hung} – \\S`));
    expect(await seriousAxeViolations(phonePage), 'phone naming step').toEqual([]);
    await phonePage.screenshot({ path: join(ARTIFACTS, 'office-setup-6-phone-name.png') });
    await hungPhone.nameDevice(`${hung} – máy nhà`);
    await hungPhone.gotoSettings();
    expect(await phonePage.getByLabel('Tên điện thoại').inputValue()).toBe(`${hung} – máy nhà`);

    // The office sees the phone, with "Thu hồi".
    await page.reload();
    await personRow(hung).getByRole('button', { name: `1 máy — ${hung}` }).click();
    const devices = page.getByRole('dialog', { name: `Điện thoại của ${hung}` });
    await devices.getByRole('button', { name: /^Thu hồi / }).waitFor();
    await axeClean('devices dialog');
    await look('7-devices');
    await devices.getByRole('button', { name: 'Đóng' }).last().click();
  });

  // Needs the office-server branch: PATCH /api/devices/current, lastSyncAt and appVersion in GET /api/devices.
  it('the office sees the phone under the name it gave itself, its last sync and app version (office-server)', async () => {
    const hung = HEADS[VILLAGES[0]!]!;
    await page.reload();
    await personRow(hung).getByRole('button', { name: `1 máy — ${hung}` }).click();
    const devices = page.getByRole('dialog', { name: `Điện thoại của ${hung}` });
    await expect.poll(() => devices.locator('tbody').textContent()).toContain(`${hung} – máy nhà`);
    const cells = await devices.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[1]).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(cells[2]).toMatch(/^\d+\.\d+\.\d+/);
    await devices.getByRole('button', { name: 'Đóng' }).last().click();
  });

  // Needs the office-server branch: POST /api/enrollment-cards cancels the unused earlier codes.
  it('printing cancelled the codes shown before it (office-server)', async () => {
    const bia = HEADS[UNION]!;
    const res = await fetch(`${server.baseURL}/api/devices/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: firstCodes.get(bia), deviceName: 'Máy cũ' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('enroll.invalid_code');
  });

  it('"Đổi người phụ trách" hands the village to a new head: the old phone is revoked, a new code shows', async () => {
    const unit = VILLAGES[0]!;
    await page.reload();
    await page.getByRole('button', { name: `Đổi người phụ trách ${unit}` }).click();
    const dialog = page.getByRole('dialog', { name: `Đổi người phụ trách ${unit}` });
    expect(await dialog.textContent()).toContain(`Đang phụ trách: ${HEADS[unit]}`);
    await dialog.getByLabel('Họ và tên người mới').fill(NEW_HEAD);
    await axeClean('hand-over dialog');
    await dialog.getByRole('button', { name: 'Đổi người phụ trách' }).click();
    const code = page.getByRole('dialog', { name: `Mã kích hoạt cho ${NEW_HEAD}` });
    await code.getByTestId('enrollment-code').waitFor();
    await code.getByRole('button', { name: 'Đóng' }).click();
    await personRow(NEW_HEAD).waitFor();
    expect(await personRow(HEADS[unit]!).count()).toBe(0);
    await page.getByLabel('Hiện cả tài khoản đã khoá').check();
    expect(await personRow(HEADS[unit]!).textContent()).toContain('Đã khoá');
    await page.getByLabel('Hiện cả tài khoản đã khoá').uncheck();

    // The old head's phone hears it at its next sync.
    await hungPhone.page.reload();
    await hungPhone.revokedHeading.waitFor({ timeout: 20_000 });
  });

  it('"Thu hồi" revokes a phone after asking', async () => {
    const mai = HEADS[VILLAGES[2]!]!;
    const ctx = await newPhoneContext(browser, server.baseURL, { serviceWorkers: 'block' });
    phones.push(ctx);
    const app = new FieldApp(await ctx.newPage());
    await app.page.goto(cards.get(mai)!.url);
    await app.page.getByRole('button', { name: 'Kích hoạt' }).click();
    await app.nameDevice();

    await page.reload();
    await personRow(mai).getByRole('button', { name: `1 máy — ${mai}` }).click();
    const devices = page.getByRole('dialog', { name: `Điện thoại của ${mai}` });
    await devices.locator('tbody tr').first().waitFor();
    const deviceName = (await devices.locator('tbody th').first().textContent())!;
    await devices.getByRole('button', { name: `Thu hồi ${deviceName}` }).click();
    const ask = devices.getByRole('group', { name: `Thu hồi điện thoại “${deviceName}”` });
    expect(await ask.textContent()).toContain(mai);
    await ask.getByRole('button', { name: 'Thu hồi' }).click();
    await devices.getByText('Đã thu hồi').waitFor();
    await devices.getByRole('button', { name: 'Đóng' }).last().click();

    await app.page.reload();
    await app.revokedHeading.waitFor({ timeout: 20_000 });
  });

  // Needs the office-server branch: GET /api/audit.
  it('the audit trail lists what the office did, with filters (office-server)', async () => {
    await page.reload();
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByRole('heading', { name: 'Nhật ký thao tác', level: 1 }).waitFor();
    const rows = page.locator('.audit-table tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('.audit-table tbody').textContent()).toContain(ADMIN.name);
    // The phones' renames and the office's revoke, filtered down to phones.
    await page.getByLabel('Đối tượng').selectOption({ label: 'Điện thoại' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(async () => (await page.locator('.audit-table tbody td:nth-child(4)').allTextContents()).every((x) => x === 'Điện thoại')).toBe(true);
    const actions = await page.locator('.audit-table tbody td:nth-child(3)').allTextContents();
    expect(actions.some((a) => a.startsWith('Thu hồi'))).toBe(true);
    expect(actions.some((a) => a.startsWith('Đổi tên'))).toBe(true);
    await axeClean('audit');
    await look('8-audit');
  });

  it('replaces a merged village by its successor; the tree shows it under "Hiện cả đơn vị đã đóng hoặc đã thay"', async () => {
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { name: 'Các đơn vị của xã', level: 1 }).waitFor();
    await page.getByLabel('Tên đơn vị').fill('Thôn Sáp Nhập');
    await page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm Thôn Sáp Nhập.' }).waitFor();
    await page.getByRole('button', { name: 'Thay bằng đơn vị kế thừa — Thôn Hợp Thành' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thay Thôn Hợp Thành bằng đơn vị kế thừa' });
    await dialog.getByLabel('Đơn vị kế thừa').selectOption({ label: 'Thôn Sáp Nhập' });
    await axeClean('replace dialog');
    await dialog.getByRole('button', { name: 'Thay', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thay Thôn Hợp Thành.' }).waitFor();
    await expect.poll(() => page.locator('.unit-tree .unit-name').allTextContents()).not.toContain('Thôn Hợp Thành');
    await page.getByLabel('Hiện cả đơn vị đã đóng hoặc đã thay').check();
    const gone = page.locator('.unit-row').filter({ hasText: 'Thôn Hợp Thành' });
    expect(await gone.textContent()).toContain('Đã thay bằng Thôn Sáp Nhập');
    await axeClean('units with replaced ones');
  });

  it('closing a unit that carries shares asks what becomes of them, and moves them', async () => {
    const api = await OfficeApi.login(server.baseURL, ADMIN.username, ADMIN.password);
    const from = await api.ok<{ id: string }>('POST', '/api/units', { kind: 'village', name: 'Thôn Giải Thể' });
    const to = await api.ok<{ id: string }>('POST', '/api/units', { kind: 'village', name: 'Thôn Nhận Phần' });
    const plan = await api.ok<{ id: string }>('POST', '/api/plans', {
      number: '', issuedOn: null, year: 2026, title: 'Kế hoạch thử', theme: '', rounds: [], reporting: ['year'],
    });
    const { targets } = await api.ok<{ targets: Array<{ id: string }> }>('POST', `/api/plans/${plan.id}/targets`, { targets: [{
      parentId: null, area: 'economy', label: 'Trồng cây phân tán', unit: 'cây', comparator: 'atLeast', value: 100, valueMax: null, outOf: null, measure: 'quantity',
    }] });
    await api.ok('PUT', `/api/targets/${targets[0]!.id}/assignments`, { assignments: [{ unitId: from.id, share: 40 }] });

    await page.reload(); // the units were added behind the screen's back, through the API
    await page.getByRole('heading', { name: 'Các đơn vị của xã', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Đóng Thôn Giải Thể' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đóng Thôn Giải Thể' });
    await dialog.getByRole('button', { name: 'Đóng đơn vị' }).click();
    const ask = dialog.getByRole('group', { name: 'Đơn vị này còn được giao 1 phần chỉ tiêu. Các phần này xử lý thế nào?' });
    await ask.waitFor();
    await ask.getByLabel('Chuyển sang đơn vị khác').check();
    await ask.getByRole('combobox', { name: /^Chuyển sang/ }).selectOption({ label: 'Thôn Nhận Phần' });
    await axeClean('close dialog asking about shares');
    await look('9-close-shares');
    await dialog.getByRole('button', { name: 'Đóng đơn vị' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đóng Thôn Giải Thể.' }).waitFor();
    const { assignments } = await api.ok<{ assignments: Array<{ unitId: string; share: number | null }> }>('GET', `/api/plans/${plan.id}/assignments`);
    expect(assignments.map((a) => [a.unitId, a.share])).toEqual([[to.id, 40]]);
  });

  it('an office account manages the heads but sees no office or admin accounts', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').fill(CLERK.username);
    await page.getByLabel('Mật khẩu').fill(CLERK.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Người dùng', exact: true }).click();
    await page.getByRole('heading', { name: 'Người dùng và điện thoại', level: 1 }).waitFor();
    await personRow(NEW_HEAD).waitFor();
    expect(await personRow(NEW_HEAD).getByRole('button', { name: `Cấp mã ${NEW_HEAD}` }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Tài khoản văn phòng và quản trị' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Đặt mật khẩu/ }).count()).toBe(0);
    await axeClean('people, as office');
  });
});
