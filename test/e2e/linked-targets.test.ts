/**
 * Linked targets (issue 10) in Debian's Chromium against `npm start` with the demo commune: the
 * office links the Women's Union's "5 không, 3 sạch" target to the 5k3s register in the plan
 * screen; the union's register holds four households, three meeting it; the union leader's
 * phone (360 × 740) shows "Sổ hộ: 3 / 4 hộ đạt" under the target, asks for a note when another
 * figure is typed, and sends the register's figure with "Dùng số này"; the office's progress
 * shows "Sổ hộ: 3 / 4 hộ". Screenshots go to /tmp/linked-targets-*.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ChecklistSet, Period, Plan, StoredReport, Target } from '../../src/shared/schemas';
import { checklistForPeriod } from '../../src/shared/target-links';
import { uuidv7 } from '../../src/shared/ids';
import { TestServer, type DemoLogins } from './support/server';
import { describeInChromium, launchBrowser, newPhoneContext } from './support/browser';
import { OfficeApi } from './support/api';
import { FieldApp, eventually } from './support/pages';
import { expectPhoneFriendly } from './support/a11y';

const SHOTS = '/tmp/linked-targets';
const LABEL = 'Hội LHPN vận động hộ đạt tiêu chí "5 không, 3 sạch"';

describeInChromium('linked targets: a register proposes the figure', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let office: OfficeApi;
  let browser: Browser;
  let officeContext: BrowserContext;
  let phoneContext: BrowserContext;
  let officePage: Page;
  let phone: Page;
  let app: FieldApp;
  let plan: Plan & { periods: Period[] };
  let target: Target;
  let women: DemoLogins['field'][number];

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    women = demo.field.find((f) => /Phụ nữ/.test(f.unit))!;
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    const { plans } = await office.ok<{ plans: Plan[] }>('GET', '/api/plans');
    plan = await office.ok<Plan & { periods: Period[] }>('GET', `/api/plans/${plans[0]!.id}`);
    target = (await office.ok<{ targets: Target[] }>('GET', `/api/plans/${plan.id}/targets`)).targets.find((t) => t.label === LABEL)!;
    // The demo links this target and keeps the union's 32-household register; this test starts
    // before both: the link taken off, the demo's households marked moved away (never deleted).
    await office.ok('PATCH', `/api/targets/${target.id}`, { link: null });
    target = { ...target, link: null };
    const held = await office.ok<{ households: { id: string; revision: number }[] }>('GET', `/api/units/${women.unitId}/households`);
    const moves = held.households.map((h, i) => ({
      id: uuidv7(), householdId: h.id, kind: 'move', value: { reason: 'Bắt đầu lại sổ (kiểm thử)' }, baseRevision: h.revision, createdAt: new Date(Date.now() - 120_000 + i).toISOString(),
    }));
    if (moves.length) await office.ok('POST', '/api/households/changes', { changes: moves });
    browser = await launchBrowser();
    officeContext = await browser.newContext({
      baseURL: server.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block', viewport: { width: 1280, height: 900 },
    });
    officePage = await officeContext.newPage();
    // The server's CSP forbids inline scripts, which is how axe-core is injected.
    phoneContext = await newPhoneContext(browser, server.baseURL, { bypassCSP: true });
    phone = await phoneContext.newPage();
    app = new FieldApp(phone);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the office links the target to the 5k3s register in the plan screen', async () => {
    expect(target.link ?? null).toBeNull();
    await officePage.goto('/office');
    await officePage.getByLabel('Tên đăng nhập').fill(demo.office.username);
    await officePage.getByLabel('Mật khẩu').fill(demo.office.password);
    await officePage.getByRole('button', { name: 'Đăng nhập' }).click();
    await officePage.getByRole('heading', { name: 'Các kế hoạch thi đua' }).waitFor();
    await officePage.goto(`/office/plans/${plan.id}`);
    const row = officePage.locator(`tr[data-key="${target.id}"]`);
    await row.getByLabel(`Liên kết sổ hộ — ${LABEL}`).selectOption('register:5k3s');
    await expect.poll(() => row.getByTestId('link-summary').textContent()).toContain('Sổ hộ');
    await row.scrollIntoViewIfNeeded();
    await officePage.screenshot({ path: `${SHOTS}-office-editor.png` });
    await officePage.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await officePage.getByRole('status').filter({ hasText: 'Đã lưu các thay đổi.' }).waitFor();
    const saved = (await office.ok<{ targets: Target[] }>('GET', `/api/plans/${plan.id}/targets`)).targets.find((t) => t.id === target.id)!;
    expect(saved.link).toEqual({ kind: 'register', checklistCode: '5k3s' });
  });

  it('the union\'s phone proposes the register\'s count, asks for a note over it, and sends "Dùng số này"', async () => {
    await app.enroll(women.code);
    const card = phone.getByTestId('period-card').first();
    const periodId = (await card.getAttribute('data-period-id'))!;
    const period = plan.periods.find((p) => p.id === periodId)!;

    // The union's register: four households, three meeting every item of the version in force.
    const { checklists } = await office.ok<{ checklists: ChecklistSet[] }>('GET', '/api/checklists');
    const version = checklistForPeriod(checklists, '5k3s', period)!;
    const changes: unknown[] = [];
    let at = Date.now() - 60_000;
    for (let i = 0; i < 4; i++) {
      const householdId = uuidv7();
      changes.push({ id: uuidv7(), householdId, kind: 'create', value: { unitId: women.unitId, headName: `Hộ thử ${i + 1}` }, baseRevision: 0, createdAt: new Date(at++).toISOString() });
      version.items.forEach((item, n) => changes.push({
        id: uuidv7(), householdId, kind: 'item', checklistId: version.id, periodId, itemId: item.code,
        value: !(i === 3 && n === 0), baseRevision: 1 + n, createdAt: new Date(at++).toISOString(),
      }));
    }
    const pushed = await office.ok<{ results: { status: string }[] }>('POST', '/api/households/changes', { changes });
    expect(pushed.results.every((r) => r.status === 'accepted')).toBe(true);

    await app.syncNow();
    await eventually(async () => (await phone.getByTestId('register-beside').count()) > 0, 'the register line on Home', 30_000);
    expect((await phone.getByTestId('register-beside').textContent())?.replace(/\s+/g, ' ')).toContain('3 / 4 hộ');
    // Home's rows are rebuilt on each live update (the sync just ran): scroll to whichever copy is there.
    await eventually(() => phone.getByTestId('register-beside').scrollIntoViewIfNeeded({ timeout: 2000 }).then(() => true, () => false), 'the register line to stay put');
    await phone.screenshot({ path: `${SHOTS}-phone-home.png` });

    const form = await app.openReport(period.name);
    const proposal = phone.getByTestId('register-proposal');
    await proposal.waitFor();
    expect(await proposal.textContent()).toContain('Sổ hộ: 3 / 4 hộ đạt');
    await proposal.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: `${SHOTS}-phone-proposal.png` });
    await expectPhoneFriendly(phone, 'form with the register proposal');

    // Another figure without a note: the form says what to do, and nothing is queued.
    await form.field(LABEL).fill('5');
    await phone.getByTestId('register-override').waitFor();
    await phone.getByRole('button', { name: 'Gửi', exact: true }).click();
    await phone.getByTestId('form-message').filter({ hasText: 'ghi lý do' }).waitFor();
    await phone.screenshot({ path: `${SHOTS}-phone-override.png` });

    // The register's figure: no note needed.
    await phone.getByTestId('register-use').click();
    await phone.getByTestId('register-used').waitFor();
    expect(await form.field(LABEL).inputValue()).toBe('3');
    await phone.screenshot({ path: `${SHOTS}-phone-used.png` });
    await form.send();
    await app.waitForWaitingCount(0, 30_000);

    const reports = (await office.reportsOfUnit(women.unitId)).filter((r: StoredReport) => r.planId === plan.id && r.periodId === periodId);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.values.find((v) => v.targetId === target.id)).toEqual({ targetId: target.id, value: 3, register: { meeting: 3, total: 4 } });
  });

  it('the office\'s progress shows the register beside the target', async () => {
    const periodId = (await phone.getByTestId('period-card').first().getAttribute('data-period-id'))!;
    await officePage.goto(`/office/progress?plan=${plan.id}&period=${encodeURIComponent(periodId)}&basis=submitted`);
    const row = officePage.locator(`tr[data-target="${target.id}"]`);
    await row.getByTestId('register-count').waitFor();
    expect(await row.getByTestId('register-count').textContent()).toContain('3 / 4 hộ');
    await row.scrollIntoViewIfNeeded();
    await officePage.screenshot({ path: `${SHOTS}-office-progress.png` });
  });
});
