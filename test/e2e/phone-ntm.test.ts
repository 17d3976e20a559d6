/**
 * The village head's phone at 360 × 740 with the demo commune (which follows an example
 * village-level set): Home shows "Tiêu chí làng NTM: đạt 3/5" for Làng Kon Sơ Lăl, and the
 * read-only list opens from IndexedDB, offline too. Screenshots in /tmp/ntm-phone-*.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { FieldApp } from './support/pages';
import { overflowingElements, seriousAxeViolations, smallTouchTargets } from './support/a11y';

const flat = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describeInChromium('phone: the village NTM criteria', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    browser = await launchBrowser();
    context = await newPhoneContext(browser, server.baseURL, { bypassCSP: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('Home shows "đạt x/y" of the village set; the list opens offline, read only', async () => {
    const head = demo.field.find((f) => f.unit === 'Làng Kon Sơ Lăl')!;
    const app = new FieldApp(page);
    await app.enroll(head.code);
    const card = page.getByTestId('ntm-home');
    await card.waitFor({ timeout: 20_000 });
    expect(flat(await card.locator('p').first().textContent())).toBe('Tiêu chí làng NTM: đạt 3/5');
    await page.screenshot({ path: '/tmp/ntm-phone-home.png', fullPage: true });

    await context.setOffline(true);
    await card.getByRole('link', { name: 'Xem tiêu chí' }).click();
    await page.getByRole('heading', { name: 'Tiêu chí làng nông thôn mới', level: 1 }).waitFor();
    expect(flat(await page.getByTestId('ntm-phone-count').textContent())).toBe('Đạt 3/5 tiêu chí');
    expect(await page.getByTestId('ntm-criterion').count()).toBe(5);
    expect(await page.locator('[data-testid=ntm-criterion] [data-state=notMet]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Lưu/ }).count()).toBe(0); // read only
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await overflowingElements(page, 360)).toEqual([]);
    await page.screenshot({ path: '/tmp/ntm-phone-list.png', fullPage: true });
    await context.setOffline(false);
  });
});
