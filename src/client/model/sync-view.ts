/**
 * The one sync message the phone shows, derived from one state (issue 10): the outbox counts,
 * the last successful sync, the connection, whether a sync is running, its last problem, and
 * whether "Đồng bộ ngay" was pressed with no connection. Before this, the badge, the flash
 * after "Gửi" and the notices each spoke from their own source and could contradict each
 * other ("Đã gửi lúc 03:04" beside "Đang chờ gửi (1)"). Pure, so it is tested as a table
 * (test/unit/sync-view.test.ts). Every message while reports wait starts with
 * "Đang chờ gửi (n)", so the count is never hidden behind a reason.
 */
import type { MessageKey } from '../i18n/vi';
import type { SyncProblem } from '../data/sync-controller';

export interface SyncInput {
  /** Reports queued or on the wire. */
  waiting: number;
  /** Household register changes queued or on the wire: waiting like reports, in the same count. */
  householdWaiting?: number;
  /** When the last full sync (push and pull) succeeded; null if never. */
  lastSyncAt: number | null;
  online: boolean;
  syncing: boolean;
  problem: SyncProblem;
  /** "Đồng bộ ngay" was pressed while offline: the answer must say so. */
  askedOffline: boolean;
}

export type SyncTone = 'ok' | 'warn' | 'busy' | 'neutral';
export type SyncIcon = 'check' | 'clock' | 'sync' | 'offline' | 'warn';

export interface SyncView {
  key: MessageKey;
  /** `count` for waiting reports; `at` (epoch ms) for the last sync, formatted by the screen. */
  count?: number;
  at?: number;
  tone: SyncTone;
  icon: SyncIcon;
}

export function syncView(s: SyncInput): SyncView {
  const count = s.waiting + (s.householdWaiting ?? 0);
  if (count > 0) {
    if (!s.online) return { key: s.askedOffline ? 'sync.waiting_offline_asked' : 'sync.waiting_offline', count, tone: 'warn', icon: 'offline' };
    if (s.syncing) return { key: 'sync.waiting_sending', count, tone: 'busy', icon: 'sync' };
    if (s.problem === 'network') return { key: 'sync.waiting_failed_network', count, tone: 'warn', icon: 'warn' };
    if (s.problem === 'server' || s.problem === 'client') return { key: 'sync.waiting_failed_server', count, tone: 'warn', icon: 'warn' };
    return { key: 'sync.waiting', count, tone: 'warn', icon: 'clock' };
  }
  if (!s.online) return { key: s.askedOffline ? 'sync.offline_asked' : 'sync.offline', tone: 'warn', icon: 'offline' };
  if (s.syncing) return { key: 'sync.running', tone: 'busy', icon: 'sync' };
  if (s.problem === 'network' || s.problem === 'server' || s.problem === 'client') return { key: 'sync.pull_failed', tone: 'warn', icon: 'warn' };
  if (s.lastSyncAt === null) return { key: 'sync.never', tone: 'neutral', icon: 'sync' };
  return { key: 'sync.all_sent', at: s.lastSyncAt, tone: 'ok', icon: 'check' };
}
