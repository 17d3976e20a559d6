/**
 * A field phone spoken through the API (enrolled with a demo code, syncing, sending reports),
 * for e2e scenarios whose subject is the office, not the phone's screens.
 */
import { expect } from 'vitest';
import type { Assignment, Period, ReportResult, ReportValue, Review, Target } from '../../../src/shared/schemas';
import { uuidv7 } from '../../../src/shared/ids';

export interface Draft { planId: string; periodId: string; values: ReportValue[]; note?: string; supersedes?: string }

/** A field phone spoken through the API: enrolled with a demo code, syncing, sending reports. */
export class DemoPhone {
  private constructor(
    readonly baseURL: string,
    readonly token: string,
    readonly unitId: string,
  ) {}

  static async enroll(baseURL: string, code: string): Promise<DemoPhone> {
    const res = await fetch(`${baseURL}/api/devices/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Điện thoại thử' }),
    });
    const body = (await res.json()) as { token: string; user: { unitId: string } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    return new DemoPhone(baseURL, body.token, body.user.unitId);
  }

  /** Everything in the phone's scope, following `more`. */
  async sync(): Promise<{ periods: Period[]; targets: Target[]; assignments: Assignment[]; reviews: Review[] }> {
    const out = { periods: [] as Period[], targets: [] as Target[], assignments: [] as Assignment[], reviews: [] as Review[] };
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const res = await fetch(`${this.baseURL}/api/sync?cursor=${encodeURIComponent(cursor)}`, { headers: { authorization: `Bearer ${this.token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { cursor: string; more: boolean } & Record<keyof typeof out, Array<{ deleted?: true }>>;
      for (const key of Object.keys(out) as Array<keyof typeof out>) {
        (out[key] as unknown[]).push(...body[key].filter((r) => !r.deleted));
      }
      cursor = body.cursor;
      if (!body.more) break;
    }
    return out;
  }

  async send(report: Draft): Promise<string> {
    const [id] = await this.sendMany([report]);
    return id!;
  }

  /** One batch, every report accepted. */
  async sendMany(drafts: Draft[]): Promise<string[]> {
    const reports = drafts.map((d) => ({ id: uuidv7(), unitId: this.unitId, createdAt: new Date().toISOString(), note: null, supersedes: null, ...d }));
    const res = await fetch(`${this.baseURL}/api/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reports }),
    });
    const body = (await res.json()) as { results: ReportResult[] };
    expect(body.results, JSON.stringify(body).slice(0, 500)).toEqual(reports.map((r) => expect.objectContaining({ id: r.id, status: 'accepted' })));
    return reports.map((r) => r.id);
  }
}
