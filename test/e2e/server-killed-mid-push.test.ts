/**
 * A power cut at the server while a phone is pushing: (1) mid-upload — the POST of 300 reports
 * is on a throttled wire when the server is SIGKILLed; (2) just after the commit — the server
 * has stored the batch and dies before its receipt reaches the phone. Either way, after the
 * restart, and BEFORE the phone may resend, the server holds none of the cut batch (1) or all
 * of the committed one (2); after the resend every report is on the server exactly once and the
 * outbox is empty: nothing the phone queued is lost, nothing doubled. (On both engines, SIGKILL
 * during the batch's write: crash-mid-batch.test.ts.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { TestServer, sleep, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext, shapeNetwork, waitForServiceWorkerControl } from './support/browser';
import { FieldApp, eventually, multiplyQueuedReport } from './support/pages';
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

    // The server comes back. Before the phone may resend, look at what the server held: the
    // batch was cut on the wire, so none of it may be stored (a batch that had committed, or
    // half of one, would show here; after the resend both look alike).
    await page.route('**/api/reports', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
    await shapeNetwork(context, page, { latency: 0, uploadThroughput: -1, downloadThroughput: -1 });
    await server.start();
    const office0 = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    expect(await office0.reportsOfUnit(field.unitId)).toEqual([]);
    await app.waitForWaitingCount(QUEUED);

    // Now the phone resends (full speed) and every receipt clears one report.
    await page.unroute('**/api/reports');
    await app.syncNow();
    await app.waitForWaitingCount(0, 60_000);
    expect(await app.outboxIds()).toEqual([]);

    await server.restart();
    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const stored = await office.reportsOfUnit(field.unitId);
    expect(stored).toHaveLength(QUEUED);
    expect(stored.map((r) => r.id).sort()).toEqual([...queued].sort());
  });

  it('stores once a batch whose receipt died with the server: the resend is answered as duplicates', async () => {
    const field = demo.field[7]!;
    const phone = await newPhoneContext(browser, server.baseURL);
    const page = await phone.newPage();
    const app = new FieldApp(page);
    await app.enroll(field.code);
    await waitForServiceWorkerControl(page);
    const [period] = await app.periodNames();
    await server.stop();
    const form = await app.openReport(period!);
    await form.field('Đàn trâu').fill('30');
    await form.send();
    const queued = await multiplyQueuedReport(page, 120);
    await page.reload();
    await app.waitForWaitingCount(120);

    // The batch reaches the server, which stores it and answers; then the power goes before
    // the answer reaches the phone (Playwright forwards the phone's request, then drops the reply).
    let receiptLost = false;
    await page.route('**/api/reports', async (route) => {
      if (receiptLost || route.request().method() !== 'POST') return route.continue();
      // The app's retry timer may knock while the server is still down: that is just no network.
      const answer = await route.fetch().catch(() => null);
      if (!answer) return route.abort('connectionrefused');
      expect(answer.status()).toBe(200);
      receiptLost = true;
      await server.kill();
      await route.abort('connectionreset');
    });
    await server.start();
    await app.syncNow();
    await eventually(async () => receiptLost && !server.running, 'the stored batch and the dead server');
    await app.waitForWaitingCount(120);
    expect((await app.outboxIds()).sort()).toEqual([...queued].sort());

    await server.start();
    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    expect(await office.reportsOfUnit(field.unitId)).toHaveLength(120); // stored before the power cut
    await app.syncNow();
    await app.waitForWaitingCount(0, 60_000);
    const stored = await office.reportsOfUnit(field.unitId);
    expect(stored).toHaveLength(120);
    expect(stored.map((r) => r.id).sort()).toEqual([...queued].sort());
    await phone.close();
  });
});
