/**
 * The household register on the phone (issue 10), in Debian's Chromium with the real service
 * worker against `npm start`'s server: the Women's Union leader enrolls, goes offline (the
 * context AND the server), opens the demo register of the union's 32 households, walks three
 * of them ticking every "5 không 3 sạch" item, sees "3 / 32", comes back online, and the office
 * finds the three assessments. Neither the operator nor another village sees a household's name.
 * Then a value two devices disagree on is shown side by side and confirmed on the phone.
 * Screenshots of the list, the walk and the dispute go to /tmp/hh-*.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TestServer, type DemoLogins } from './support/server';
import { PersistentPhone, describeInChromium, waitForServiceWorkerControl } from './support/browser';
import { FieldApp, eventually } from './support/pages';
import { OfficeApi } from './support/api';
import { enrollDevice } from './support/field-api';
import { openSqlite } from '../../src/server/db/database';
import { createUser } from '../integration/support/fixtures';
import { uuidv7 } from '../../src/shared/ids';
import type { Assessment, ChecklistSet, Household } from '../../src/shared/schemas';
import { foldVietnamese, matchesName } from '../../src/shared/registers';

const SHOTS = '/tmp/hh';

describeInChromium('a Women\'s Union leader assesses households offline on the walk screen', () => {
  let server: TestServer;
  let demo: DemoLogins;
  let leader: DemoLogins['field'][number];
  let phone: PersistentPhone;
  let page: Page;
  let app: FieldApp;
  let office: OfficeApi;
  let checklist: ChecklistSet;
  /** The union's households as the demo wrote them, and the assessments already held. */
  let households: Household[];
  let assessedBefore: Set<string>;

  const register = () => office.ok<{ households: Household[]; assessments: Assessment[] }>('GET', `/api/units/${leader.unitId}/households`);

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    leader = demo.field.find((f) => f.unit.includes('Phụ nữ'))!;
    expect(leader).toBeDefined();
    office = await OfficeApi.login(server.baseURL, demo.office.username, demo.office.password);
    // The demo's union keeps a register of 32 households, assessed for the current quarter only.
    const held = await register();
    households = held.households.filter((h) => h.status === 'active');
    assessedBefore = new Set(held.assessments.map((a) => a.id));
    expect(households).toHaveLength(32);
    const sets = await office.ok<{ checklists: ChecklistSet[] }>('GET', '/api/checklists');
    // The version governing this year's periods: the 2025 list (the newest in force).
    checklist = sets.checklists.filter((s) => s.code === '5k3s').sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]!;
    phone = new PersistentPhone(server.baseURL);
    await phone.open();
    page = await phone.context.newPage();
    app = new FieldApp(page);
  });

  afterAll(async () => {
    await phone?.dispose();
    await server?.dispose();
  });

  it('enrolls online: Home offers "Sổ hộ" and the register holds the 32 households', async () => {
    await app.enroll(leader.code);
    await waitForServiceWorkerControl(page);
    await page.getByTestId('home-register').click();
    await page.getByRole('heading', { name: 'Sổ hộ', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('hh-count').textContent(), { timeout: 30_000 }).toContain('Hiện 32 / 32 hộ');
  });

  it('offline (no network, no server): the register comes from the phone; search without diacritics finds "Rơ Châm"', async () => {
    await phone.context.setOffline(true);
    await server.stop();
    await page.reload();
    await page.getByRole('heading', { name: 'Sổ hộ', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('hh-count').textContent()).toContain('Hiện 32 / 32 hộ');
    await expect.poll(() => page.getByTestId('hh-meets').textContent()).toContain('Đạt 0 / 32 hộ');
    await page.screenshot({ path: `${SHOTS}-list.png`, fullPage: false });
    // A name typed without its marks finds it ("Rơ Châm Thị H'Nga" by "ro cham thi").
    const someone = households.find((h) => foldVietnamese(h.headName) !== h.headName.toLowerCase())!.headName;
    const typed = foldVietnamese(someone).split(' ').slice(0, 3).join(' ');
    const expected = households.filter((h) => matchesName(h.headName, typed)).length;
    await page.getByTestId('hh-search').fill(typed);
    await expect.poll(() => page.getByTestId('hh-row').count()).toBe(Math.min(expected, 50));
    expect(await page.getByTestId('hh-row').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(someone)]));
    await page.getByTestId('hh-search').fill('');
    await expect.poll(() => page.getByTestId('hh-row').count()).toBe(32);
  });

  it('walks three households ticking every "5 không 3 sạch" item: "3 / 32", and the changes wait on the phone', async () => {
    await page.getByTestId('hh-walk').click();
    await page.getByTestId('walk-household').waitFor();
    // Every item of the version in force (2025: seven, the population item dropped with the 2025 law).
    const items = checklist.items.length;
    await expect.poll(() => page.getByTestId('tick-yes').count()).toBe(items);
    const walked: string[] = [];
    for (let n = 0; n < 3; n++) {
      const household = page.getByTestId('walk-household');
      walked.push((await household.getAttribute('data-household-id'))!);
      for (let i = 0; i < items; i++) {
        const yes = page.getByTestId('tick-yes').nth(i);
        await yes.click();
        await expect.poll(() => yes.getAttribute('aria-checked')).toBe('true');
      }
      await expect.poll(() => page.getByTestId('walk-verdict').textContent()).toContain('Hộ này đạt');
      await expect.poll(() => page.getByTestId('walk-count').textContent()).toContain(`Đã rà ${n + 1}/32 hộ, ${n + 1} đạt`);
      if (n === 1) await page.screenshot({ path: `${SHOTS}-walk.png`, fullPage: false });
      await page.getByTestId('walk-jump').click();
      await expect.poll(() => page.getByTestId('walk-household').getAttribute('data-household-id')).not.toBe(walked[n]);
    }
    expect(new Set(walked).size).toBe(3);
    await expect.poll(() => page.getByTestId('walk-meets').textContent()).toContain('3 / 32');
    await app.waitForWaitingCount(3 * items);
    await page.getByRole('link', { name: 'Về sổ hộ' }).click();
    await expect.poll(() => page.getByTestId('hh-meets').textContent()).toContain('Đạt 3 / 32 hộ');
  });

  it('back online, the changes sync (nothing left waiting) and the office has the three assessments', async () => {
    await server.start();
    await phone.context.setOffline(false);
    await app.waitForWaitingCount(0, 30_000);
    // Delivered, not refused: no refusal notice on the phone.
    expect(await page.getByTestId('household-refused-link').count()).toBe(0);
    const fresh = (await register()).assessments.filter((a) => !assessedBefore.has(a.id));
    const meeting = fresh.filter((a) => a.checklistId === checklist.id && checklist.items.every((i) => a.items[i.code] === true));
    expect(meeting).toHaveLength(3);
    expect(fresh).toHaveLength(3);
  });

  it('the operator\'s sync and another village\'s sync carry no household name', async () => {
    const db = openSqlite(server.sqliteFile);
    let operatorToken: string;
    try {
      operatorToken = (await createUser(db, { role: 'operator', unitId: null, communeId: null })).token;
    } finally {
      await db.close();
    }
    const villageHead = demo.field.find((f) => !f.unit.includes('Hội'))!;
    const village = await enrollDevice(server.baseURL, villageHead.code);
    // The operator gets no household at all; a village only its own register, nothing of the union's.
    for (const [token, ownUnit] of [[operatorToken, null], [village.token, villageHead.unitId]] as const) {
      let cursor = '';
      let text = '';
      for (let i = 0; i < 50; i++) {
        const res = await fetch(`${server.baseURL}/api/sync?cursor=${encodeURIComponent(cursor)}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { cursor: string; more: boolean; households: Household[]; assessments: Assessment[] };
        expect(body.households.filter((h) => h.unitId !== ownUnit)).toEqual([]);
        if (ownUnit === null) expect(body.assessments).toEqual([]);
        text += JSON.stringify(body);
        cursor = body.cursor;
        if (!body.more) break;
      }
      // Neither the union's households nor their names (a name the village's own register also
      // holds — the same family in both books — is the village's to see).
      const own = new Set<string>();
      for (const m of text.matchAll(/"headName":"([^"]*)"/g)) own.add(m[1]!);
      for (const h of households) {
        expect(text).not.toContain(h.id);
        if (!own.has(h.headName)) expect(text).not.toContain(h.headName);
      }
    }
  });

  it('a value two devices disagree on shows both side by side (who, when); the leader confirms one and it is settled everywhere', async () => {
    // The office and another device both changed a household's members from the same revision.
    const target = (await register()).households.find((h) => h.status === 'active' && h.conflicts.length === 0 && h.members !== 6 && h.members !== 7)!;
    const id = target.id;
    const base = Date.now();
    const changes = [6, 7].map((members, k) => ({
      id: uuidv7(base + k), householdId: id, kind: 'field', field: 'members', value: members, baseRevision: target.revision, createdAt: new Date(base + k * 60_000).toISOString(),
    }));
    await office.ok('POST', '/api/households/changes', { changes });
    expect((await register()).households.find((h) => h.id === id)!.conflicts).toHaveLength(1);

    await page.goto('/households');
    await app.syncNow();
    await page.goto(`/households/${id}`);
    await page.getByTestId('hh-conflicts').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('conflict-value').count()).toBe(2);
    const texts = await page.getByTestId('conflict-value').allTextContents();
    expect(texts[0]).toContain('6');
    expect(texts[1]).toContain('7');
    expect(texts[1]).toContain('đang dùng');
    await page.screenshot({ path: `${SHOTS}-conflict.png`, fullPage: true });
    await page.getByTestId('conflict-pick').first().click();
    await page.getByTestId('hh-conflicts').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('#hh-members').inputValue()).toBe('6');
    await app.waitForWaitingCount(0, 30_000);
    await eventually(async () => {
      const h = (await register()).households.find((x) => x.id === id)!;
      return h.conflicts.length === 0 && h.members === 6;
    }, 'the confirmed value on the server');
  });
});
