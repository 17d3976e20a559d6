/**
 * The phone screens at 360 px, the width of the cheap Android phones in the field: no serious
 * or critical axe-core violations, every control at least 48 × 48 px for a thumb, nothing
 * wider than the screen, and the numeric keypad on every number field of the report form.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { FieldApp } from './support/pages';
import { expectPhoneFriendly as checkPhoneScreen } from './support/a11y';

describeInChromium('phone screens at 360 px', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let browser: Browser;
  let page: Page;
  let app: FieldApp;

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    browser = await launchBrowser();
    // The server's CSP forbids inline scripts, which is how axe-core is injected.
    page = await (await newPhoneContext(browser, server.baseURL, { bypassCSP: true })).newPage();
    app = new FieldApp(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const expectPhoneFriendly = (screen: string) => checkPhoneScreen(page, screen);

  it('enrollment screen', async () => {
    await page.goto('/enroll');
    await page.getByLabel('Mã kích hoạt').waitFor();
    await expectPhoneFriendly('enroll');
  });

  it('home screen with periods, targets and the sync badge', async () => {
    await app.enroll(demo.field[6]!.code);
    await page.getByTestId('target-row').first().waitFor();
    await expectPhoneFriendly('home');
  });

  it('report form, also with a problem shown, and every number field on the decimal keypad', async () => {
    const [period] = await app.periodNames();
    const form = await app.openReport(period!);
    await expectPhoneFriendly('form');

    const numberFields = page.locator('form input[type="text"]');
    expect(await numberFields.count()).toBeGreaterThan(5);
    const keypads = await numberFields.evaluateAll((inputs) => inputs.map((i) => `${i.id}:${i.getAttribute('inputmode')}`));
    expect(keypads.filter((k) => !k.endsWith(':decimal'))).toEqual([]);

    // A rate whose numerator exceeds its denominator shows an error under the field.
    const rate = form.rate('Tỷ lệ hộ dân tham gia BHYT');
    await rate.numerator.fill('120');
    await rate.denominator.fill('100');
    await form.sendButton.click();
    await page.locator('.field-error, .field-warning').first().waitFor();
    await expectPhoneFriendly('form with problems');
  });

  it('settings screen', async () => {
    await app.gotoSettings();
    await expectPhoneFriendly('settings');
  });
});
