/**
 * A phone lost or handed over is revoked by the office while it still holds unsent reports.
 * The phone must say so plainly ("Thiết bị đã bị thu hồi") and its unsent work must stay
 * exportable as a file the office imports through the normal reports endpoint — where a
 * second import of the same file is caught as duplicates, not stored twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext, waitForServiceWorkerControl } from './support/browser';
import { FieldApp } from './support/pages';
import { overflowingElements, seriousAxeViolations, smallTouchTargets } from './support/a11y';
import { OfficeApi } from './support/api';

describeInChromium('a revoked device keeps its unsent reports exportable', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let field: DemoLogins['field'][number];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: FieldApp;
  let queued: string[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    field = demo.field[3]!;
    browser = await launchBrowser();
    // bypassCSP only so axe-core can be injected to check the revoked screen.
    context = await newPhoneContext(browser, server.baseURL, { bypassCSP: true });
    page = await context.newPage();
    app = new FieldApp(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('exports the queued reports from Settings as the JSON the reports endpoint takes', async () => {
    await app.enroll(field.code);
    await waitForServiceWorkerControl(page);
    const [p1, p2] = await app.periodNames();
    // Queue with the server down (a service worker's own fetches ignore setOffline), then keep
    // the page offline while the server returns, so nothing leaves before the revocation.
    await server.stop();
    for (const [period, pigs] of [[p1!, '95'], [p2!, '101']] as const) {
      const form = await app.openReport(period);
      await form.field('Đàn heo').fill(pigs);
      await form.send();
    }
    await app.waitForWaitingCount(2);
    queued = (await app.outboxIds()).sort();
    await context.setOffline(true);
    await server.start();

    await app.gotoSettings();
    const { download, json } = await app.exportUnsent();
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    expect(json.reports.map((r) => r.id).sort()).toEqual(queued);
  });

  it('shows "Thiết bị đã bị thu hồi" when the office revokes it, with the unsent reports still there', async () => {
    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const devices = await office.devices();
    const device = devices.find((d) => d.userName === field.name && !d.revokedAt);
    expect(device).toBeDefined();
    await office.revokeDevice(device!.id);

    // Back online, the app tries to deliver and hears that this device is revoked.
    await context.setOffline(false);
    await app.revokedHeading.waitFor({ timeout: 30_000 });
    await page.getByText('Còn 2 báo cáo chưa gửi').waitFor();
    expect((await app.outboxIds()).sort()).toEqual(queued);
    expect(await office.reportsOfUnit(field.unitId)).toEqual([]);
    // A screen people meet in distress: as readable and tappable as the others.
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await overflowingElements(page, 360)).toEqual([]);
  });

  it('exports from the revoked screen; the office imports the file once, and again only as duplicates', async () => {
    const { json } = await app.exportUnsent();
    expect(json.reports.map((r) => r.id).sort()).toEqual(queued);

    const office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const first = await office.postReports(json.reports);
    expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const again = await office.postReports(json.reports);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const stored = await office.reportsOfUnit(field.unitId);
    expect(stored.map((r) => r.id).sort()).toEqual(queued);
  });
});
