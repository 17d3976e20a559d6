/**
 * A phone spoken over real HTTP, for the scale-out tests and bench:deadline: enrolls with a
 * code, syncs from its cursor to `more: false`, builds valid reports from what it synced (its
 * unit's assignments, the plan's first period) and pushes them. Which server each call goes
 * to is the caller's choice, so a test can alternate. It records every report id its sync
 * stream delivered and how many times, which is what "exactly once" is checked against.
 */
import { uuidv7 } from '../../../src/shared/ids';
import type { ReportSubmission, ReportValue, ReportResult } from '../../../src/shared/schemas/reports';
import type { SyncResponse } from '../../../src/shared/schemas/sync';
import type { Target, Assignment } from '../../../src/shared/schemas/targets';
import type { Period, Plan } from '../../../src/shared/schemas/plans';

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: unknown, what: string) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

async function call<T>(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(res.status, parsed, `${method} ${path}`);
  return parsed as T;
}

const isLive = <T>(x: T | { id: string; deleted: true }): x is T => !(x as { deleted?: boolean }).deleted;

function valueFor(target: Pick<Target, 'id' | 'measure'>, n: number): ReportValue {
  switch (target.measure) {
    case 'rate': return { targetId: target.id, numerator: 0, denominator: n + 1 };
    case 'status': return { targetId: target.id, done: n % 2 === 0 };
    default: return { targetId: target.id, value: 0 };
  }
}

export class HttpPhone {
  cursor = '';
  /**
   * Report id → the most times the sync stream delivered one same version of it. A report
   * comes again when it changed (reviewed, or a newer one made `newerReportId` point away);
   * the same content twice would be a doubled change.
   */
  readonly streamed = new Map<string, number>();
  private readonly versions = new Map<string, Map<string, number>>();
  /** Report id → how many times it came at all (never more than the changes logged for it). */
  readonly deliveries = new Map<string, number>();
  private readonly plans = new Map<string, Plan>();
  private readonly periods = new Map<string, Period>();
  private readonly targets = new Map<string, Target>();
  private readonly assignments = new Map<string, Assignment>();
  private made = 0;

  constructor(readonly token: string, readonly unitId: string | null, readonly deviceId: string | null = null) {}

  static async enroll(base: string, code: string, deviceName = 'Điện thoại thử'): Promise<HttpPhone> {
    const r = await call<{ token: string; deviceId: string; user: { unitId: string | null } }>(base, 'POST', '/api/devices/enroll', null, { code, deviceName });
    return new HttpPhone(r.token, r.user.unitId, r.deviceId);
  }

  /** GET /api/sync from the cursor until `more` is false; returns the pages' count. */
  async sync(base: string): Promise<number> {
    let pages = 0;
    for (;;) {
      const q = this.cursor ? `?cursor=${encodeURIComponent(this.cursor)}` : '';
      const page = await call<SyncResponse>(base, 'GET', `/api/sync${q}`, this.token);
      pages++;
      for (const r of page.reports) {
        const seen = this.versions.get(r.id) ?? new Map<string, number>();
        const key = JSON.stringify(r);
        seen.set(key, (seen.get(key) ?? 0) + 1);
        this.versions.set(r.id, seen);
        this.streamed.set(r.id, Math.max(...seen.values()));
        this.deliveries.set(r.id, (this.deliveries.get(r.id) ?? 0) + 1);
      }
      for (const p of page.plans) if (isLive(p)) this.plans.set(p.id, p); else this.plans.delete(p.id);
      for (const p of page.periods) if (isLive(p)) this.periods.set(p.id, p); else this.periods.delete(p.id);
      for (const t of page.targets) if (isLive(t)) this.targets.set(t.id, t); else this.targets.delete(t.id);
      for (const a of page.assignments) if (isLive(a)) this.assignments.set(a.id, a); else this.assignments.delete(a.id);
      this.cursor = page.cursor;
      if (!page.more) return pages;
    }
  }

  /** `n` fresh valid reports for the first period of a plan this phone's unit has targets in. */
  makeReports(n: number): ReportSubmission[] {
    const mine = [...this.assignments.values()].filter((a) => a.unitId === this.unitId);
    const plan = [...this.plans.values()].find((p) => p.status === 'active' && mine.some((a) => a.planId === p.id));
    if (!plan || !this.unitId) throw new Error('nothing assigned to this phone: sync first');
    const period = [...this.periods.values()].filter((p) => p.planId === plan.id).sort((a, b) => a.id.localeCompare(b.id))[0]!;
    const targets = mine.filter((a) => a.planId === plan.id).map((a) => this.targets.get(a.targetId)).filter((t): t is Target => !!t);
    return Array.from({ length: n }, () => {
      const k = this.made++;
      return {
        id: uuidv7(), unitId: this.unitId!, planId: plan.id, periodId: period.id,
        values: targets.map((t) => valueFor(t, k)), note: `lần ${k}`, createdAt: new Date().toISOString(), supersedes: null,
      };
    });
  }

  async push(base: string, reports: readonly ReportSubmission[]): Promise<ReportResult[]> {
    return (await call<{ results: ReportResult[] }>(base, 'POST', '/api/reports', this.token, { reports })).results;
  }

  get(base: string, path: string): Promise<unknown> {
    return call(base, 'GET', path, this.token);
  }
}

/** Office staff over HTTP: login, then any call. */
export async function loginAs(base: string, username: string, password: string): Promise<HttpPhone> {
  const r = await call<{ token: string }>(base, 'POST', '/api/auth/login', null, { username, password });
  return new HttpPhone(r.token, null);
}

export { call as httpCall };
