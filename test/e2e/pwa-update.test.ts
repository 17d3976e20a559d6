/**
 * G7: an app update never loses work. Build A is installed and a form is half typed; the
 * server then serves build B (same app, a service worker that differs). The app must offer
 * "Cập nhật" rather than reload by itself, and after the user taps it the new version runs
 * with the typed value still in the form (saved as a draft before the reload).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestServer, copyAsNewRelease, ensureBuilt, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext, waitForServiceWorkerControl } from './support/browser';
import { FieldApp } from './support/pages';

const FIELD = 'Tổng diện tích gieo trồng';

describeInChromium('G7 app update', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let browser: Browser;
  let page: Page;
  let releaseB: string;

  beforeAll(async () => {
    const releaseA = ensureBuilt();
    server = await TestServer.start({ siteRoot: releaseA });
    releaseB = copyAsNewRelease(releaseA, join(server.dir, 'release-b'), 'B');
    demo = server.loadDemo();
    browser = await launchBrowser();
    page = await (await newPhoneContext(browser, server.baseURL)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('offers "Cập nhật" for a new version and keeps the half-typed form through the reload', async () => {
    const app = new FieldApp(page);
    await app.enroll(demo.field[4]!.code);
    await waitForServiceWorkerControl(page);
    const [period] = await app.periodNames();
    const form = await app.openReport(period!);
    await form.field(FIELD).fill('612.5');
    const formUrl = page.url();

    // Release B goes live; the phone's periodic check (hourly in the app) finds it.
    server.siteRoot = releaseB;
    await server.restart();
    const updateFound = page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration!.update();
      // true once the new worker is installed and waiting; false if none shows up in 20 s.
      for (let waited = 0; waited < 20_000; waited += 50) {
        if (registration!.waiting !== null) return true;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      return false;
    });
    expect(await updateFound).toBe(true);
    await app.updateButton.waitFor({ timeout: 20_000 });
    // The new version waits for the user: nothing reloaded under the form.
    expect(page.url()).toBe(formUrl);
    expect(await form.field(FIELD).inputValue()).toBe('612.5');

    const reloaded = page.waitForEvent('framenavigated', { timeout: 20_000 });
    await app.updateButton.click();
    await reloaded;
    await form.heading.waitFor();
    expect(await form.field(FIELD).inputValue()).toBe('612.5');
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const script = await fetch('/sw.js', { cache: 'no-store' }).then((r) => r.text());
      return { waiting: registration?.waiting !== null, controlled: navigator.serviceWorker.controller !== null, isB: script.includes('release B') };
    });
    expect(after).toEqual({ waiting: false, controlled: true, isB: true });
    expect(await app.updateButton.isVisible()).toBe(false);
  });
});
