/** Always visible: how many reports wait, when the last sync succeeded, and whether there is a connection. */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../app-context';
import { createLive } from '../data/live';
import { syncState } from '../data/sync-controller';
import { t, formatTime, formatDay } from '../i18n';

export function SyncBadge() {
  const { data, meta } = useApp();
  const counts = createLive(() => data.outboxCounts(), { waiting: 0, rejected: 0, firstRejected: null });
  const lastSync = () => {
    const at = meta()?.lastSyncAt;
    if (!at) return t('sync.never');
    const sameDay = formatDay(at) === formatDay(Date.now());
    return sameDay ? t('sync.last', { time: formatTime(at) }) : t('sync.last_day', { time: formatTime(at), date: formatDay(at) });
  };
  const percent = () => {
    const p = syncState.progress();
    return p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  };
  return (
    <section class="sync-badge" aria-label={t('sync.now')} data-testid="sync-badge">
      <p class="sync-line" role="status" aria-live="polite">
        <span class={counts().waiting > 0 ? 'chip chip-warn' : 'chip chip-ok'}>
          <span aria-hidden="true">{counts().waiting > 0 ? '⏳' : '✓'}</span>{' '}
          {counts().waiting > 0 ? t('sync.waiting', { count: counts().waiting }) : t('sync.none_waiting')}
        </span>
        <span class="sync-last" data-testid="last-sync">{lastSync()}</span>
      </p>
      <Show when={syncState.syncing()}>
        <p class="sync-running">{t('sync.running')}</p>
      </Show>
      <Show when={syncState.progress()}>
        {(p) => (
          <div class="progress">
            <progress max={p().total} value={p().done} aria-label={t('sync.progress', { done: p().done, total: p().total })} />
            <span>{t('sync.progress', { done: p().done, total: p().total })} ({percent()}%)</span>
          </div>
        )}
      </Show>
      <Show when={syncState.pullPages() > 0}>
        <div class="progress">
          {/* The server does not say how many pages remain: an indeterminate bar and the count so far. */}
          <progress aria-label={t('sync.pulling', { pages: syncState.pullPages() })} />
          <span>{t('sync.pulling', { pages: syncState.pullPages() })}</span>
        </div>
      </Show>
      <Show when={!syncState.online()}>
        <p class="notice notice-warn" role="alert">
          <span aria-hidden="true">⚠</span> {t('sync.offline')}
        </p>
      </Show>
      <Show when={syncState.online() && (syncState.problem() === 'network' || syncState.problem() === 'server') && counts().waiting > 0}>
        <p class="notice notice-warn">{t(syncState.problem() === 'network' ? 'sync.failed_network' : 'sync.failed_server')}</p>
      </Show>
      <Show when={counts().rejected > 0}>
        <A class="notice notice-error notice-link" href={counts().firstRejected ? `/report/${encodeURIComponent(counts().firstRejected!)}` : '/'}>
          <span aria-hidden="true">⚠</span> {t('sync.rejected_count', { count: counts().rejected })}
        </A>
      </Show>
    </section>
  );
}
