/**
 * A power cut at the server while a phone is pushing 300 reports: the upload is throttled so
 * the POST is surely on the wire, the server is SIGKILLed, and after it restarts the phone
 * resends on its own schedule. Every report must be on the server exactly once and the outbox
 * empty; nothing the phone queued may be lost, nothing doubled.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { TestServer, sleep, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext, shapeNetwork, waitForServiceWorkerControl } from './support/browser';
import { FieldApp, multiplyQueuedReport } from './support/pages';
import { OfficeApi } from './support/api';

const QUEUED = 300;
const isPush = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/reports';

describeInChromium('server killed in the middle of a push', () => {
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
    context = await newPhoneContext(browser, server.baseURL);
    page = await context.newPage();
    app = new FieldApp(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('loses nothing and doubles nothing when the server dies mid-upload and comes back', async () => {
    const field = demo.field[1]!;
    await app.enroll(field.code);
    await waitForServiceWorkerControl(page);
    const [period] = await app.periodNames();

    // Queue while the server is down, so nothing leaves before the stage is set.
    await server.stop();
    const form = await app.openReport(period!);
    await form.field('Đàn heo').fill('118');
    await form.field('Đàn dê').fill('140');
    await form.send();
    const queued = await multiplyQueuedReport(page, QUEUED);
    await page.reload();
    await app.homeHeading.waitFor();
    await app.waitForWaitingCount(QUEUED);

    // A slow uplink keeps the batch on the wire long enough to cut the server under it.
    await shapeNetwork(context, page, { latency: 300, uploadThroughput: 4 * 1024, downloadThroughput: 50 * 1024 });
    await server.start();
    const pushStarted = page.waitForRequest(isPush, { timeout: 30_000 });
    const pushFailed = page.waitForEvent('requestfailed', { predicate: isPush, timeout: 60_000 });
    await app.syncNow();
    await pushStarted;
    await sleep(500);
    await server.kill();
    const failed = await pushFailed;
    expect(failed.failure()?.errorText).toBeTruthy();
    // The phone still holds every report: no receipt came back for any of them.
    await app.waitForWaitingCount(QUEUED);
    expect((await app.outboxIds()).sort()).toEqual([...queued].sort());

    // The server comes back; the phone resends (full speed now) and every receipt clears one report.
    await shapeNetwork(context, page, { latency: 0, uploadThroughput: -1, downloadThroughput: -1 });
    await server.start();
    await app.syncNow();
    await app.waitForWaitingCount(0, 60_000);
    expect(await app.outboxIds()).toEqual([]);

    await server.restart();
    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const stored = await office.reportsOfUnit(field.unitId);
    expect(stored).toHaveLength(QUEUED);
    expect(stored.map((r) => r.id).sort()).toEqual([...queued].sort());
  });
});
