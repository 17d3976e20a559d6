/**
 * G3 in a real browser: the page and the service worker push the same outbox, each holding the
 * Web Lock in turn, so every report goes over the wire once. A counting proxy in front of the
 * server sees every upload, the page's and the worker's (the page's own requests are also seen
 * by Playwright's page events, the worker's are not: that tells them apart), and holds the
 * first upload long enough for the other side to start its own push meanwhile.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { TestServer, freePort, type DemoLogins } from './support/server';
import { PersistentPhone, describeInChromium, waitForServiceWorkerControl } from './support/browser';
import { FieldApp, eventually } from './support/pages';
import { uuidv7 } from '../../src/shared/ids';

interface Upload {
  ids: string[];
}

/** Forwards everything to the server; records report uploads and holds the first one 2 s. */
function countingProxy(target: () => number, port: number): { server: Server; uploads: Upload[]; reset(): void } {
  const uploads: Upload[] = [];
  let held = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = () => {
        const out = request({ host: '127.0.0.1', port: target(), path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(body);
      };
      if (req.method === 'POST' && req.url === '/api/reports') {
        uploads.push({ ids: reportIds(body, String(req.headers['content-encoding'] ?? '')) });
        if (!held) {
          held = true;
          setTimeout(forward, 2_000);
          return;
        }
      }
      forward();
    });
  });
  server.listen(port, '127.0.0.1');
  return { server, uploads, reset: () => ((uploads.length = 0), (held = false)) };
}

function reportIds(body: Buffer, encoding: string): string[] {
  const text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
  return (JSON.parse(text) as { reports: { id: string }[] }).reports.map((r) => r.id);
}

/** Runs in the page: puts reports straight into the outbox, as "Gửi" would have, unsent. */
function seedOutbox(ids: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('so-thi-dua');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const read = db.transaction(['meta', 'assignments', 'targets', 'periods'], 'readonly');
      const all = (store: string) => new Promise<any[]>((ok) => {
        const r = read.objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
      });
      Promise.all([all('meta'), all('assignments'), all('targets'), all('periods')]).then(([meta, assignments, targets, periods]) => {
        const unitId = meta.find((m) => m.key === 'user').value.unitId as string;
        const quantity = new Set(targets.filter((t) => t.measure === 'quantity' && !t.unit?.includes('%')).map((t) => t.id));
        const a = assignments.find((x) => x.unitId === unitId && quantity.has(x.targetId));
        const period = periods.find((p) => p.planId === a.planId);
        const write = db.transaction('outbox', 'readwrite');
        ids.forEach((id, i) => {
          const report = { id, unitId, planId: a.planId, periodId: period.id, values: [{ targetId: a.targetId, value: i + 1 }], note: null,
            createdAt: new Date(Date.now() + i).toISOString(), supersedes: null };
          write.objectStore('outbox').put({ id, report, status: 'queued', attempts: 0, lastError: null, queuedAt: Date.now() + i, periodId: period.id });
        });
        write.oncomplete = () => (db.close(), resolve());
        write.onerror = () => reject(write.error);
      }, reject);
    };
  });
}

describeInChromium('G3: the page and the service worker push one outbox, each report sent once', () => {
  let server: TestServer;
  let proxy: ReturnType<typeof countingProxy>;
  let demo: DemoLogins;
  let phone: PersistentPhone;
  let page: Page;
  let app: FieldApp;
  let syncInWorker: () => Promise<void>;
  let pageUploads = 0;

  beforeAll(async () => {
    server = await TestServer.start();
    demo = server.loadDemo();
    const port = await freePort();
    proxy = countingProxy(() => server.port, port);
    await new Promise((resolve) => (proxy.server.listening ? resolve(null) : proxy.server.once('listening', resolve)));
    const proxyUrl = `http://localhost:${port}`;
    phone = new PersistentPhone(proxyUrl);
    await phone.open();
    page = await phone.context.newPage();
    app = new FieldApp(page);
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/reports') pageUploads++;
    });
    await app.enroll(demo.field[1]!.code);
    await waitForServiceWorkerControl(page);
    // The first sync after enrolling (pull, checklists, push) must be over before a test seeds the
    // outbox, or the page's own cycle would push the seeded reports before the side under test.
    await eventually(async () => (await page.getByTestId('sync-message').getAttribute('data-sync-key')) === 'sync.all_sent', 'the first sync to finish', 30_000);
    // Background Sync, fired the way the browser fires it when the connection returns.
    const cdp = await phone.context.newCDPSession(page);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const r = registrations.find((x) => !x.isDeleted);
        if (r) resolve(r.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registration;
    syncInWorker = async () => {
      await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: proxyUrl, registrationId, tag: 'outbox', lastChance: false });
    };
  });

  afterAll(async () => {
    await phone?.dispose();
    proxy?.server.close();
    await server?.dispose();
  });

  for (const first of ['worker', 'page'] as const) {
    it(`${first} first: the other waits for the lock and finds nothing left to send`, async () => {
      const ids = Array.from({ length: 40 }, () => uuidv7());
      proxy.reset();
      pageUploads = 0;
      await page.evaluate(seedOutbox, ids);
      if (first === 'worker') await syncInWorker();
      else void app.syncNowButton.click();
      await eventually(async () => proxy.uploads.length === 1, 'the first upload to reach the proxy');
      // The first upload is held at the proxy: the other side starts its push now.
      if (first === 'worker') await app.syncNowButton.click();
      else await syncInWorker();
      await eventually(async () => (await app.outboxIds()).length === 0, 'the outbox to empty');
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late second upload would show by now
      expect(proxy.uploads).toHaveLength(1);
      expect(pageUploads).toBe(first === 'page' ? 1 : 0);
      expect(proxy.uploads.flatMap((u) => u.ids).sort()).toEqual([...ids].sort());
    });
  }
});
