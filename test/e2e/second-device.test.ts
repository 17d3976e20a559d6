/**
 * Two phones enrolled for the same village (a head and a deputy, or an old and a new phone):
 * a report sent from one reaches the other at its next sync, so neither reports blind.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { FieldApp, eventually } from './support/pages';

describeInChromium('a second device of the same unit', () => {
  let server: TestServer;
  let browser: Browser;
  let first: DemoLogins['field'][number];
  let second: DemoLogins['field'][number];

  beforeAll(async () => {
    server = await TestServer.start();
    // `npm run demo` again keeps the data and issues fresh codes: a second code for the same person.
    first = server.loadDemo().field[2]!;
    second = server.loadDemo().field.find((f) => f.unitId === first.unitId)!;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('sees the report sent from the first device after its next sync', async () => {
    expect(second.code).not.toBe(first.code);
    const phoneA = new FieldApp(await (await newPhoneContext(browser, server.baseURL)).newPage());
    const phoneB = new FieldApp(await (await newPhoneContext(browser, server.baseURL)).newPage());
    await phoneA.enroll(first.code);
    await phoneB.enroll(second.code);
    const [period] = await phoneA.periodNames();
    expect(await phoneB.periodState(period!)).toContain('Chưa báo cáo');

    const form = await phoneA.openReport(period!);
    await form.field('Đàn trâu').fill('31');
    await form.send();
    await phoneA.waitForWaitingCount(0);
    const [sentId] = await phoneA.knownReportIds();

    await phoneB.syncNow();
    await eventually(async () => (await phoneB.periodState(period!)).includes('chờ duyệt'), "device B showing A's report");
    expect(await phoneB.knownReportIds()).toContain(sentId);
    const buffalo = phoneB.page.getByTestId('target-row').filter({ has: phoneB.page.getByText('Đàn trâu', { exact: true }) });
    expect(await buffalo.textContent()).toContain('31');
  });
});
