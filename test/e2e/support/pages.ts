/**
 * Page models of the field app, found the way a person finds things: by role and accessible
 * name in Vietnamese ("Gửi", "Đồng bộ ngay", "Xuất dữ liệu chưa gửi"), so a test breaks when
 * the words on screen change, not when the markup does.
 */
import type { Download, Locator, Page } from 'playwright-core';

const EVENTUALLY_MS = 20_000;

/** Polls until `check` returns a truthy value (or throws the last error after the timeout). */
export async function eventually<T>(check: () => Promise<T>, what: string, timeoutMs = EVENTUALLY_MS): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function chipText(chip: Locator): Promise<string> {
  return ((await chip.textContent({ timeout: 1000 })) ?? '').replace(/\s+/g, ' ').trim();
}

export class FieldApp {
  constructor(readonly page: Page) {}

  // ——— enrollment

  async enroll(code: string): Promise<void> {
    await this.page.goto('/enroll');
    await this.page.getByLabel('Mã kích hoạt').fill(code);
    await this.page.getByRole('button', { name: 'Kích hoạt' }).click();
    await this.nameDevice();
  }

  /** The step after enrolling: accepts the proposed phone name (or types `name`), then home. */
  async nameDevice(name?: string): Promise<void> {
    const field = this.page.getByLabel('Tên điện thoại');
    await field.waitFor({ timeout: EVENTUALLY_MS });
    if (name !== undefined) await field.fill(name);
    await this.page.getByRole('button', { name: 'Lưu tên' }).click();
    await this.homeHeading.waitFor({ timeout: EVENTUALLY_MS });
  }

  // ——— home

  get homeHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Việc cần làm', level: 1 });
  }

  async gotoHome(): Promise<void> {
    await this.page.goto('/');
    await this.homeHeading.waitFor({ timeout: EVENTUALLY_MS });
  }

  /** The names of the open periods, as their cards show them. */
  async periodNames(): Promise<string[]> {
    const list = this.page.getByRole('list', { name: 'Kỳ báo cáo' });
    await list.waitFor({ timeout: EVENTUALLY_MS });
    return (await list.getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());
  }

  periodCard(periodName: string): Locator {
    return this.page
      .getByRole('list', { name: 'Kỳ báo cáo' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: periodName, exact: true }) });
  }

  /** The state chip on a period's card: "Đang chờ gửi", "Đã duyệt", "Bị trả lại: «…»"… */
  async periodState(periodName: string): Promise<string> {
    return chipText(this.periodCard(periodName).locator('[data-state]').first());
  }

  /** The state chip of a target's last reported value in the home screen's target list. */
  async targetState(label: string): Promise<string> {
    const row = this.page.getByTestId('target-row').filter({ has: this.page.getByText(label, { exact: true }) });
    return chipText(row.locator('[data-state]').first());
  }

  async openReport(periodName: string): Promise<ReportForm> {
    await this.periodCard(periodName).getByRole('link').first().click();
    const form = new ReportForm(this.page);
    await form.heading.waitFor({ timeout: EVENTUALLY_MS });
    return form;
  }

  get syncStatus(): Locator {
    return this.page.getByTestId('sync-badge').getByRole('status');
  }

  /** How many reports the badge says are waiting ("Đang chờ gửi (3)" → 3, none → 0). */
  async waitingCount(): Promise<number> {
    const text = (await this.syncStatus.textContent({ timeout: EVENTUALLY_MS })) ?? '';
    const m = /Đang chờ gửi \((\d+)\)/.exec(text);
    return m ? Number(m[1]) : 0;
  }

  async waitForWaitingCount(n: number, timeoutMs = EVENTUALLY_MS): Promise<void> {
    await eventually(async () => (await this.waitingCount()) === n, `badge to show ${n} waiting`, timeoutMs);
  }

  get syncNowButton(): Locator {
    return this.page.getByRole('button', { name: 'Đồng bộ ngay' });
  }

  async syncNow(): Promise<void> {
    await this.syncNowButton.first().click();
  }

  // ——— settings, revoked, update

  async gotoSettings(): Promise<void> {
    await this.page.getByRole('link', { name: 'Cài đặt' }).click();
    await this.page.getByRole('heading', { name: 'Cài đặt', level: 1 }).waitFor({ timeout: EVENTUALLY_MS });
  }

  get revokedHeading(): Locator {
    return this.page.getByRole('heading', { name: /thiết bị đã bị thu hồi/i, level: 1 });
  }

  /** Presses "Xuất dữ liệu chưa gửi" and returns the downloaded file's JSON. */
  async exportUnsent(): Promise<{ download: Download; json: { reports: Array<{ id: string }> } & Record<string, unknown> }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: EVENTUALLY_MS }),
      this.page.getByRole('button', { name: 'Xuất dữ liệu chưa gửi' }).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return { download, json: JSON.parse(await readFile(path, 'utf8')) };
  }

  get updateButton(): Locator {
    return this.page.getByRole('button', { name: 'Cập nhật' });
  }

  // ——— the outbox as the app stores it (read only: tests never write behind the app's back)

  /** Ids of reports in the app's outbox (IndexedDB `so-thi-dua`, store `outbox`). */
  outboxIds(): Promise<string[]> {
    return this.page.evaluate(readStoreKeys, 'outbox');
  }

  /** Ids of the reports the phone knows the server holds (IndexedDB store `reports`). */
  knownReportIds(): Promise<string[]> {
    return this.page.evaluate(readStoreKeys, 'reports');
  }
}

/** Runs in the page: the keys of one of the app's stores, read through plain IndexedDB. */
function readStoreKeys(storeName: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('so-thi-dua');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(storeName)) {
        db.close();
        resolve([]);
        return;
      }
      const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAllKeys();
      req.onsuccess = () => {
        db.close();
        resolve(req.result.map(String));
      };
      req.onerror = () => {
        db.close();
        reject(req.error);
      };
    };
  });
}

export class ReportForm {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: /^Báo cáo / });
  }

  /** A number field by its target's label (quantity, x of y). */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /**
   * The numerator/denominator of a rate target, first and second box: their labels come from
   * the target ("Số hộ nghèo" / "Tổng số hộ"), see src/shared/rate-parts.ts.
   */
  rate(label: string): { numerator: Locator; denominator: Locator } {
    const group = this.page.getByRole('group', { name: label, exact: true });
    return { numerator: group.getByRole('textbox').nth(0), denominator: group.getByRole('textbox').nth(1) };
  }

  /** The reading the field says back under the input ("= 2,5 ha"). */
  echoOf(label: string): Locator {
    return this.field(label).locator('xpath=ancestor::div[contains(@class,"number-field")]').getByTestId('echo');
  }

  get note(): Locator {
    return this.page.getByLabel('Ghi chú', { exact: true });
  }

  get sendButton(): Locator {
    return this.page.getByRole('button', { name: /^(Gửi|Vẫn gửi)$/ });
  }

  get returnedReason(): Locator {
    return this.page.getByTestId('returned-reason');
  }

  /**
   * Presses "Gửi" (and "Vẫn gửi" if the form asks to confirm unusual figures) and waits for
   * "Đã lưu trên máy", which the app shows only after the outbox write has committed.
   */
  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Gửi', exact: true }).click();
    const saved = this.page.getByText('Đã lưu trên máy', { exact: false });
    const confirm = this.page.getByRole('button', { name: 'Vẫn gửi', exact: true });
    await saved.or(confirm).first().waitFor({ timeout: EVENTUALLY_MS });
    if (await confirm.isVisible()) {
      await confirm.click();
      await saved.first().waitFor({ timeout: EVENTUALLY_MS });
    }
  }
}

/**
 * Fills the outbox with `total` reports by copying the one report the app itself queued
 * through the form (same record shape, same unit, plan, period and values; a fresh UUIDv7 id
 * and timestamps each). The form keeps one pending report per period, so hundreds can only be
 * queued this way; nothing here invents a record the app did not write. Reload the page
 * afterwards: the app's live queries only hear about writes made through the app.
 */
export function multiplyQueuedReport(page: Page, total: number): Promise<string[]> {
  return page.evaluate(copyOutboxItem, total);
}

/** Runs in the page (plain IndexedDB; no closures, it is serialised). */
function copyOutboxItem(total: number): Promise<string[]> {
  const uuidv7 = (ms: number): string => {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    let t = ms;
    for (let i = 5; i >= 0; i--) {
      b[i] = t % 256;
      t = Math.floor(t / 256);
    }
    b[6] = (b[6]! & 0x0f) | 0x70;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('so-thi-dua');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('outbox');
      const all = store.getAll();
      const ids: string[] = [];
      all.onsuccess = () => {
        const items = all.result as Array<{ id: string; queuedAt: number; report: { id: string; createdAt: string } }>;
        if (items.length !== 1) {
          tx.abort();
          reject(new Error(`expected exactly one queued report to copy, found ${items.length}`));
          return;
        }
        const model = items[0]!;
        ids.push(model.id);
        const start = Date.now();
        for (let i = 1; i < total; i++) {
          const id = uuidv7(start + i);
          ids.push(id);
          store.add({
            ...model,
            id,
            status: 'queued',
            attempts: 0,
            lastError: null,
            queuedAt: model.queuedAt + i,
            report: { ...model.report, id, createdAt: new Date(Date.parse(model.report.createdAt) + i).toISOString() },
          });
        }
      };
      tx.oncomplete = () => {
        db.close();
        resolve(ids);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
