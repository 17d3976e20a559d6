/**
 * What village heads tripped over (issue 10), in Chromium at 360 × 740 with axe: on first
 * open with both the install prompt and the storage warning shown, the first "Báo cáo" is on
 * screen; the form says figures are for the year so far, names a rate's boxes by what they
 * count and uses those words in its error, and tells an English "6,294.3" how to type it; the
 * sync badge shows one message at a time and "Đồng bộ ngay" answers when offline; no symbol
 * glyph that needs an emoji font is left on the phone screens. Screenshots go to /tmp.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { FieldApp, eventually } from './support/pages';
import { expectPhoneFriendly as checkPhoneScreen } from './support/a11y';

const SHOTS = '/tmp/village-fixes';

describeInChromium('what village heads tripped over, at 360 × 740', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: FieldApp;

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    browser = await launchBrowser();
    // The server's CSP forbids inline scripts, which is how axe-core is injected.
    context = await newPhoneContext(browser, server.baseURL, { bypassCSP: true });
    // Both first-open banners, forced: the browser refuses persistent storage, and Chrome offers installing.
    await context.addInitScript(() => {
      const storage = navigator.storage as StorageManager & { persist(): Promise<boolean>; persisted(): Promise<boolean> };
      storage.persist = async () => false;
      storage.persisted = async () => false;
      const offer = () => {
        const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & Record<string, unknown>;
        event.prompt = async () => undefined;
        event.userChoice = Promise.resolve({ outcome: 'dismissed' });
        window.dispatchEvent(event);
      };
      window.addEventListener('load', () => setTimeout(offer, 0));
    });
    page = await context.newPage();
    app = new FieldApp(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const expectPhoneFriendly = (screen: string) => checkPhoneScreen(page, screen);

  it('first open with the install prompt and the storage warning: the first "Báo cáo" is on screen', async () => {
    await app.enroll(demo.field[6]!.code);
    await page.getByTestId('target-row').first().waitFor();
    await page.getByTestId('install-prompt').waitFor();
    await page.getByTestId('storage-not-persisted').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}-home.png` });
    // On screen, and above the fixed bottom bar ("Đồng bộ ngay") that covers the screen's foot.
    const first = page.getByRole('link', { name: /^Báo cáo / }).first();
    const box = await eventually(() => first.boundingBox(), 'the first "Báo cáo" to be laid out');
    const bar = (await page.locator('.bottom-bar').first().boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(Math.min(740, bar.y));
    await expectPhoneFriendly('home with both banners');
  });

  it('the form: year so far, a rate in its own words, and how to type a decimal', async () => {
    const [period] = await app.periodNames();
    const form = await app.openReport(period!);
    expect(await page.getByTestId('cumulative-note').textContent()).toMatch(/^Nhập số lũy kế từ đầu năm: từ 01\/01\/\d{4} đến hết \d\d\/\d\d\/\d{4}/);

    const group = page.getByRole('group', { name: 'Tỷ lệ hộ dân tham gia BHYT', exact: true });
    await group.getByLabel('Số hộ dân tham gia BHYT', { exact: true }).fill('120');
    await group.getByLabel('Tổng số hộ dân', { exact: true }).fill('100');
    await group.getByText('Số hộ dân tham gia BHYT không được lớn hơn tổng số hộ dân.').waitFor();
    expect(await page.getByText('Tử số', { exact: false }).count()).toBe(0);
    await group.screenshot({ path: `${SHOTS}-rate.png` });

    const quantity = page.locator('.target-field:not(:has(fieldset)) input[inputmode="decimal"]').first();
    await quantity.fill('6,294.3');
    await page.getByText('Dùng dấu phẩy cho số thập phân: 6.294,3', { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}-form.png`, fullPage: true });
    await expectPhoneFriendly('form with problems');
    await quantity.fill('6.294,3');
    await group.getByLabel('Số hộ dân tham gia BHYT', { exact: true }).fill('90');
    await form.send();
  });

  it('after a send the badge says one thing, and it agrees with the count; offline, "Đồng bộ ngay" answers', async () => {
    const message = page.getByTestId('sync-message');
    // Sent and receipted: "all sent", never "saved… will send when online" beside "nothing waiting".
    await expect.poll(async () => (await message.textContent())?.trim(), { timeout: 30_000 }).toMatch(/^Đã gửi hết · đồng bộ lúc/);
    expect(await page.getByTestId('sync-badge').getByRole('status').count()).toBe(1);
    expect(await page.getByText('sẽ tự gửi khi có mạng', { exact: false }).count()).toBe(0);

    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await app.syncNowButton.click();
    await expect.poll(async () => (await message.textContent())?.trim(), { timeout: 30_000 }).toBe('Chưa có mạng, sẽ tự đồng bộ khi có mạng');
    await page.screenshot({ path: `${SHOTS}-offline-asked.png` });

    const [, second] = await app.periodNames();
    const form = await app.openReport(second!);
    await page.locator('.target-field:not(:has(fieldset)) input[inputmode="decimal"]').first().fill('5');
    await form.send();
    await expect.poll(async () => (await message.textContent())?.trim(), { timeout: 30_000 }).toMatch(/^Đang chờ gửi \(1\) · /);
    await app.syncNowButton.click();
    await expect.poll(async () => (await message.textContent())?.trim(), { timeout: 30_000 }).toBe('Đang chờ gửi (1) · Chưa có mạng, sẽ tự gửi');
    await page.screenshot({ path: `${SHOTS}-offline-waiting.png` });
    await expectPhoneFriendly('home offline, one waiting');

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await message.textContent())?.trim(), { timeout: 30_000 }).toMatch(/^Đã gửi hết/);
  });
});
