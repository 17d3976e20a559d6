/**
 * "Xuất dữ liệu chưa gửi" (G8): everything this phone holds that the server has not
 * receipted — the outbox (queued and rejected) and the drafts — as one JSON file. Its
 * `reports` array is exactly what POST /api/reports takes, so the office imports the file
 * through the normal endpoint and duplicates are still caught by report id.
 */
import type { ReportSubmission } from '../../shared/schemas';
import type { Draft, FieldDb, OutboxError } from './db';
import { allMeta } from './meta';

export const EXPORT_FORMAT = 'so-thi-dua.unsent.v1';

export interface UnsentExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  deviceId: string | null;
  user: { id: string; name: string; unitId: string | null } | null;
  reports: ReportSubmission[];
  /** Why the server refused some of them, by report id. */
  rejected: Record<string, OutboxError>;
  drafts: Draft[];
}

export async function exportUnsent(db: FieldDb, now = Date.now()): Promise<UnsentExport> {
  const [meta, outbox, drafts] = await Promise.all([allMeta(db), db.outbox.orderBy('queuedAt').toArray(), db.drafts.toArray()]);
  const rejected: Record<string, OutboxError> = {};
  for (const item of outbox) if (item.status === 'rejected' && item.lastError) rejected[item.id] = item.lastError;
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date(now).toISOString(),
    deviceId: meta.deviceId ?? null,
    user: meta.user ? { id: meta.user.id, name: meta.user.name, unitId: meta.user.unitId } : null,
    reports: outbox.map((i) => i.report),
    rejected,
    drafts,
  };
}

/** File name the office can sort: so-thi-dua-chua-gui-2025-06-24-1405.json */
export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `so-thi-dua-chua-gui-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.json`;
}
