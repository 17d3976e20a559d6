/**
 * The office side of the e2e scenarios, spoken over the real HTTP API: log in as office staff,
 * list a unit's reports, approve or return one, revoke a device, import a phone's export.
 * Every call checks the status so a failing step says which request failed and why.
 */
import type { StoredReport, ReportResult } from '../../../src/shared/schemas';
import type { Device } from '../../../src/shared/schemas/office';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

export class OfficeApi {
  private constructor(
    readonly baseURL: string,
    readonly token: string,
  ) {}

  static async login(baseURL: string, username: string, password: string): Promise<OfficeApi> {
    const res = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, body, `login ${username}`);
    return new OfficeApi(baseURL, (body as { token: string }).token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseURL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed as T };
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body);
    if (res.status < 200 || res.status >= 300) throw new ApiError(res.status, res.body, `${method} ${path}`);
    return res.body;
  }

  /** Every report of a unit, following the list's pages (`next` → `after`). */
  async reportsOfUnit(unitId: string): Promise<StoredReport[]> {
    const all: StoredReport[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const qs = new URLSearchParams({ unitId, limit: '500' });
      if (after) qs.set('after', after);
      const body: { reports: StoredReport[]; next: string | null } = await this.ok('GET', `/api/reports?${qs}`);
      all.push(...body.reports);
      if (!body.next) break;
      after = body.next;
    }
    return all;
  }

  review(reportId: string, decision: 'approve' | 'return', reason?: string): Promise<unknown> {
    return this.ok('POST', `/api/reports/${reportId}/review`, { decision, reason: reason ?? null });
  }

  async devices(): Promise<Device[]> {
    return (await this.ok<{ devices: Device[] }>('GET', '/api/devices')).devices;
  }

  revokeDevice(deviceId: string): Promise<unknown> {
    return this.ok('POST', `/api/devices/${deviceId}/revoke`);
  }

  async postReports(reports: unknown[]): Promise<ReportResult[]> {
    const body = await this.ok<{ results: ReportResult[] }>('POST', '/api/reports', { reports });
    return body.results;
  }
}
