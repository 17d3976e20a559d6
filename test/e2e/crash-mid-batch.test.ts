/**
 * SIGKILL while a batch is being written, on SQLite and on PostgreSQL (real server processes).
 * The kill lands at several points of a 500-report push (timed from a first, uncut push):
 * before the body is in, during the write, around the commit, after the answer. After each
 * restart, and BEFORE the phone resends, the server holds either the whole batch (every
 * report with its values as sent, and its change row: the phone's sync delivers it) or none
 * of it; a receipt that reached the phone means the whole batch is there. Then the phone
 * resends: what was stored is answered `duplicate`, the rest `accepted`, each report once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServer, sleep, type DemoLogins } from './support/server';
import { HttpPhone, loginAs } from './support/http-phone';
import { POSTGRES_REQUIRED, postgresAvailable } from '../integration/support/databases';
import { createTestDatabase } from '../integration/support/pgbouncer';
import type { ReportSubmission, StoredReport } from '../../src/shared/schemas/reports';

const BATCH = 500;

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !postgresAvailable && !POSTGRES_REQUIRED)(`SIGKILL in the middle of a batch (${engine})`, () => {
    let server: TestServer;
    let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
    let demo: DemoLogins;
    const site = mkdtempSync(join(tmpdir(), 'sothidua-api-only-'));

    beforeAll(async () => {
      if (engine === 'postgres') {
        if (!postgresAvailable) throw new Error('PostgreSQL is required (CI=true) but not reachable');
        database = await createTestDatabase('crash');
      }
      server = await TestServer.start({ siteRoot: site, ...(database ? { databaseUrl: database.url } : {}) });
      demo = server.loadDemo();
    });

    afterAll(async () => {
      await server?.dispose();
      await database?.drop();
      rmSync(site, { recursive: true, force: true });
    });

    const storedOf = async (unitId: string): Promise<Map<string, StoredReport>> => {
      const office = await loginAs(server.baseURL, demo.office.username, demo.office.password);
      const out = new Map<string, StoredReport>();
      let after = '';
      for (;;) {
        const page = (await office.get(server.baseURL, `/api/reports?unitId=${unitId}&limit=500${after ? `&after=${after}` : ''}`)) as { reports: StoredReport[]; next: string | null };
        for (const r of page.reports) out.set(r.id, r);
        if (!page.next) return out;
        after = page.next;
      }
    };

    it('leaves every report of the batch stored whole or absent, and the resend completes it', async () => {
      const phone = await HttpPhone.enroll(server.baseURL, demo.field[2]!.code);
      await phone.sync(server.baseURL);
      const started = performance.now();
      const first = await phone.push(server.baseURL, phone.makeReports(BATCH));
      expect(first.every((r) => r.status === 'accepted')).toBe(true);
      const full = performance.now() - started;
      const before = new Set((await storedOf(phone.unitId!)).keys());
      const outcomes: string[] = [];

      for (const fraction of [0.3, 0.7, 0.95]) {
        const batch: ReportSubmission[] = phone.makeReports(BATCH);
        const push = phone.push(server.baseURL, batch).then((results) => results, () => null);
        await sleep(full * fraction);
        await server.kill();
        const receipt = await push;
        await server.start();

        // What the server holds now, before any resend.
        const stored = await storedOf(phone.unitId!);
        const held = batch.filter((r) => stored.has(r.id));
        expect([0, BATCH]).toContain(held.length);
        if (receipt) expect(held.length).toBe(BATCH);
        for (const r of held) {
          const s = stored.get(r.id)!;
          expect({ values: s.values, note: s.note, periodId: s.periodId, createdAt: s.createdAt }).toEqual({ values: r.values, note: r.note, periodId: r.periodId, createdAt: r.createdAt });
        }
        await phone.sync(server.baseURL);
        for (const r of held) expect(phone.streamed.get(r.id)).toBe(1);
        outcomes.push(`${Math.round(full * fraction)} ms: ${receipt ? 'answered' : held.length ? 'stored, no answer' : 'absent'}`);

        // The phone resends the batch: stored ones are duplicates, the rest accepted.
        const again = await phone.push(server.baseURL, batch);
        expect(again.map((r) => r.status)).toEqual(batch.map((r) => (stored.has(r.id) ? 'duplicate' : 'accepted')));
        const after = await storedOf(phone.unitId!);
        expect(batch.every((r) => after.has(r.id))).toBe(true);
      }
      const all = await storedOf(phone.unitId!);
      expect(all.size).toBe(before.size + BATCH * 3);
      console.info(`[crash-mid-batch ${engine}] uncut push ${Math.round(full)} ms; kills: ${outcomes.join('; ')}`);
    });
  });
}
