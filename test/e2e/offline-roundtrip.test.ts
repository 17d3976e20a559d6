/**
 * The whole trip of a report made with no signal, in Debian's Chromium with the real service
 * worker against `npm start`'s server: enroll, go offline (the context AND the server, since
 * setOffline does not cut a service worker's own fetches), reload from the service worker and
 * IndexedDB, report twice, close the app, come back online, and hear the office's decisions.
 * The steps share one phone and one server and run in order.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { PersistentPhone, describeInChromium, waitForServiceWorkerControl } from './support/browser';
import { FieldApp, eventually } from './support/pages';
import { OfficeApi } from './support/api';

const FOREST = 'Diện tích trồng rừng mới trong năm';
const CATTLE = 'Đàn bò';
const RETURN_REASON = 'Số bò chưa khớp với sổ theo dõi của xã';

describeInChromium('a report made offline reaches the office exactly once and hears back', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let field: DemoLogins['field'][number];
  let phone: PersistentPhone;
  let page: Page;
  let app: FieldApp;
  let office: OfficeApi;
  let periods: string[] = [];
  let queuedIds: string[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    field = demo.field[0]!;
    phone = new PersistentPhone(server.baseURL);
    await phone.open();
    page = await phone.context.newPage();
    app = new FieldApp(page);
  });

  afterAll(async () => {
    await phone?.dispose();
    await server?.dispose();
  });

  it('enrolls with a code from `npm run demo` and shows the unit and its targets online', async () => {
    await app.enroll(field.code);
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toContain(field.unit);
    periods = await app.periodNames();
    expect(periods.length).toBeGreaterThanOrEqual(2);
    await page.getByTestId('target-row').filter({ hasText: FOREST }).waitFor();
    await waitForServiceWorkerControl(page);
  });

  it('reloads with no network and no server: the app comes from the service worker, the targets from IndexedDB', async () => {
    await phone.context.setOffline(true);
    await server.stop();
    await page.reload();
    await app.homeHeading.waitFor();
    expect(await page.getByTestId('unit-name').textContent()).toContain(field.unit);
    expect(await app.periodNames()).toEqual(periods);
    await page.getByTestId('target-row').filter({ hasText: FOREST }).waitFor();
    await page.getByText('Không có mạng — báo cáo sẽ tự gửi khi có mạng').waitFor();
  });

  it('keeps two reports entered offline, still queued after the app is closed and opened again', async () => {
    const first = await app.openReport(periods[0]!);
    await first.field(FOREST).fill('2.5');
    await expect.poll(() => first.echoOf(FOREST).textContent()).toContain('2,5');
    await first.field(CATTLE).fill('150');
    await first.send();
    await app.waitForWaitingCount(1);

    const second = await app.openReport(periods[1]!);
    await second.field(CATTLE).fill('160');
    await second.note.fill('Đếm ngày 12, có 2 con mới sinh');
    await second.send();
    await app.waitForWaitingCount(2);
    queuedIds = await app.outboxIds();
    expect(queuedIds).toHaveLength(2);

    // Swipe the app away: the whole browser goes, only what is on disk stays.
    await phone.close();
    await phone.open();
    await phone.context.setOffline(true);
    page = await phone.context.newPage();
    app = new FieldApp(page);
    await page.goto('/');
    await app.homeHeading.waitFor();
    await app.waitForWaitingCount(2);
    expect((await app.outboxIds()).sort()).toEqual([...queuedIds].sort());
    expect(await app.periodState(periods[0]!)).toContain('Đang chờ gửi');
    expect(await app.periodState(periods[1]!)).toContain('Đang chờ gửi');
  });

  it('back online, both reach the server exactly once — counted after a server restart', async () => {
    await server.start();
    await phone.context.setOffline(false);
    await app.waitForWaitingCount(0, 30_000);
    expect(await app.outboxIds()).toEqual([]);

    await server.restart();
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const stored = await office.reportsOfUnit(field.unitId);
    expect(stored.map((r) => r.id).sort()).toEqual([...queuedIds].sort());
    const byPeriodName = new Map(stored.map((r) => [r.periodId, r]));
    expect(byPeriodName.size).toBe(2);
    const cattle = stored.flatMap((r) => r.values).filter((v) => 'value' in v).map((v) => (v as { value: number }).value);
    expect(cattle).toEqual(expect.arrayContaining([2.5, 150, 160]));
  });

  it('shows the office decisions on the phone: one approved, one returned with its reason', async () => {
    const stored = await office.reportsOfUnit(field.unitId);
    const forest = stored.find((r) => r.values.some((v) => 'value' in v && v.value === 2.5))!;
    const cattle = stored.find((r) => r.id !== forest.id)!;
    await office.review(forest.id, 'approve');
    await office.review(cattle.id, 'return', RETURN_REASON);

    await app.syncNow();
    // An approved period past its deadline leaves the list of periods; the target keeps its state.
    await eventually(async () => (await app.targetState(FOREST)).includes('Đã duyệt'), 'approval on the phone');
    await eventually(async () => (await app.periodState(periods[1]!)).includes(RETURN_REASON), 'return reason on the phone');
  });

  it('corrects and resends the returned report; the correction supersedes it and both are kept', async () => {
    const form = await app.openReport(periods[1]!);
    await expect.poll(() => form.returnedReason.textContent()).toContain(RETURN_REASON);
    expect(await form.field(CATTLE).inputValue()).toBe('160');
    await form.field(CATTLE).fill('158');
    await form.send();
    await app.waitForWaitingCount(0, 30_000);

    const stored = await office.reportsOfUnit(field.unitId);
    expect(stored).toHaveLength(3);
    const returned = stored.find((r) => r.state === 'returned')!;
    const correction = stored.find((r) => r.supersedes === returned.id);
    expect(correction).toBeDefined();
    expect(correction!.state).toBe('submitted');
    expect(correction!.values).toEqual(expect.arrayContaining([expect.objectContaining({ value: 158 })]));
    await eventually(async () => (await app.periodState(periods[1]!)).includes('chờ duyệt'), 'the correction waiting for review');
  });
});
