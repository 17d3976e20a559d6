/**
 * The phone's one sync message, as a table (issue 10): whatever the outbox, the connection,
 * a running sync and the last problem say, exactly one sentence comes out, and it never
 * contradicts the count ("Đã gửi lúc…" beside "Đang chờ gửi (1)" was the bug).
 */
import { describe, expect, it } from 'vitest';
import { syncView, type SyncInput } from '../../src/client/model/sync-view';
import { vi as words } from '../../src/client/i18n/vi';

const AT = Date.UTC(2026, 11, 1, 20, 4); // 03:04 in Hà Nội
const base: SyncInput = { waiting: 0, lastSyncAt: AT, online: true, syncing: false, problem: null, askedOffline: false };
const say = (s: Partial<SyncInput>) => {
  const v = syncView({ ...base, ...s });
  return words[v.key].replace('{count}', String(v.count ?? '')).replace('{time}', v.at === AT ? '03:04' : '?');
};

describe('syncView: one message from one state', () => {
  it.each<[string, Partial<SyncInput>, string]>([
    ['all sent, online', {}, 'Đã gửi hết · đồng bộ lúc 03:04'],
    ['never synced', { lastSyncAt: null }, 'Chưa đồng bộ'],
    ['right after "Gửi": one waiting, being sent', { waiting: 1, syncing: true }, 'Đang chờ gửi (1) · đang gửi…'],
    ['one waiting, idle: the count, not the last sync time', { waiting: 1 }, 'Đang chờ gửi (1)'],
    ['waiting, offline', { waiting: 2, online: false }, 'Đang chờ gửi (2) · không có mạng, sẽ tự gửi khi có mạng'],
    ['waiting, offline, "Đồng bộ ngay" pressed', { waiting: 2, online: false, askedOffline: true }, 'Đang chờ gửi (2) · Chưa có mạng, sẽ tự gửi'],
    ['waiting, offline beats a stale "syncing"', { waiting: 1, online: false, syncing: true }, 'Đang chờ gửi (1) · không có mạng, sẽ tự gửi khi có mạng'],
    ['waiting, the push failed on the network', { waiting: 3, problem: 'network' }, 'Đang chờ gửi (3) · chưa gửi được vì mất mạng, sẽ tự gửi lại'],
    ['waiting, the server was busy', { waiting: 3, problem: 'server' }, 'Đang chờ gửi (3) · máy chủ đang bận, sẽ tự gửi lại sau'],
    ['waiting, the phone itself failed', { waiting: 1, problem: 'client' }, 'Đang chờ gửi (1) · máy chủ đang bận, sẽ tự gửi lại sau'],
    ['waiting, a refusal (revoked) is not a send problem', { waiting: 1, problem: 'revoked' }, 'Đang chờ gửi (1)'],
    ['waiting while a retry runs: sending wins over the old problem', { waiting: 1, syncing: true, problem: 'network' }, 'Đang chờ gửi (1) · đang gửi…'],
    ['nothing waiting, offline', { online: false }, 'Không có mạng — báo cáo sẽ tự gửi khi có mạng'],
    ['nothing waiting, offline, "Đồng bộ ngay" pressed', { online: false, askedOffline: true }, 'Chưa có mạng, sẽ tự đồng bộ khi có mạng'],
    ['nothing waiting, syncing (pull)', { syncing: true }, 'Đang đồng bộ…'],
    ['nothing waiting, the pull failed', { problem: 'network' }, 'Không có báo cáo chờ gửi · chưa nhận được tin mới, sẽ thử lại'],
    ['household changes waiting, no report: still waiting, never "all sent"', { householdWaiting: 4 }, 'Đang chờ gửi (4)'],
    ['reports and household changes: one count', { waiting: 1, householdWaiting: 3, online: false }, 'Đang chờ gửi (4) · không có mạng, sẽ tự gửi khi có mạng'],
  ])('%s', (_name, state, expected) => {
    expect(say(state)).toBe(expected);
  });

  it('whenever reports wait, the message names their count first, and never claims all was sent', () => {
    for (const online of [true, false])
      for (const syncing of [true, false])
        for (const problem of [null, 'network', 'server', 'client', 'auth'] as const)
          for (const askedOffline of [true, false]) {
            const text = say({ waiting: 4, online, syncing, problem, askedOffline });
            expect(text.startsWith('Đang chờ gửi (4)'), text).toBe(true);
            expect(text).not.toContain('Đã gửi');
          }
  });
});
