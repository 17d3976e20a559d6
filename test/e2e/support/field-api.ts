/**
 * A phone spoken over the real HTTP API, without a browser: enroll with a code, read the
 * unit's plan from /api/sync, build and push reports. For the operations tests, which need
 * many acknowledged reports quickly (backups under load, a shutdown during an upload).
 */
import type { SyncResponse } from '../../../src/shared/schemas/sync';
import { uuidv7 } from '../../../src/shared/ids';

export interface FieldDevice {
  baseURL: string;
  token: string;
  unitId: string;
  planId: string;
  periodId: string;
  /** Quantity targets assigned to the unit: each report gives each one a value. */
  targetIds: string[];
}

export interface PushedReport {
  id: string;
  unitId: string;
  planId: string;
  periodId: string;
  values: { targetId: string; value: number }[];
  note: string | null;
  createdAt: string;
  supersedes: null;
}

export async function enrollDevice(baseURL: string, code: string): Promise<FieldDevice> {
  const res = await fetch(`${baseURL}/api/devices/enroll`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Điện thoại thử' }),
  });
  const body = (await res.json()) as { token: string; user: { unitId: string } };
  if (!res.ok) throw new Error(`enroll → ${res.status} ${JSON.stringify(body)}`);
  const sync = await fetch(`${baseURL}/api/sync`, { headers: { authorization: `Bearer ${body.token}` } });
  const page = (await sync.json()) as SyncResponse;
  const unitId = body.user.unitId;
  const live = <T extends { id: string }>(rows: readonly (T | { id: string; deleted: true })[]) =>
    rows.filter((r): r is T => !('deleted' in r && r.deleted === true));
  const assigned = new Set(live(page.assignments).filter((a) => a.unitId === unitId).map((a) => a.targetId));
  const targets = live(page.targets).filter((t) => assigned.has(t.id) && t.measure === 'quantity');
  if (targets.length === 0) throw new Error('no quantity target assigned to the enrolled unit');
  const planId = targets[0]!.planId;
  const period = live(page.periods).find((p) => p.planId === planId);
  if (!period) throw new Error('no period for the plan');
  return { baseURL, token: body.token, unitId, planId, periodId: period.id, targetIds: targets.filter((t) => t.planId === planId).map((t) => t.id) };
}

let counter = 0;

export function newReport(d: FieldDevice, note: string | null = null): PushedReport {
  const n = ++counter;
  return {
    id: uuidv7(), unitId: d.unitId, planId: d.planId, periodId: d.periodId,
    values: d.targetIds.map((targetId, i) => ({ targetId, value: n * 10 + i })),
    note, createdAt: new Date().toISOString(), supersedes: null,
  };
}

export interface PushResult {
  id: string | null;
  status: string;
  code?: string;
}

export async function pushReports(d: FieldDevice, reports: PushedReport[]): Promise<{ status: number; results: PushResult[]; requestId: string | null }> {
  const res = await fetch(`${d.baseURL}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
    body: JSON.stringify({ reports }),
  });
  const body = (await res.json()) as { results?: PushResult[] };
  return { status: res.status, results: body.results ?? [], requestId: res.headers.get('x-request-id') };
}
