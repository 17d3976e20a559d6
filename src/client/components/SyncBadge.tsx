/**
 * Always visible: one sync message at a time, derived from one state (model/sync-view.ts):
 * how many reports wait, whether they are being sent, why not, or when all was last sent.
 * Reports the server refused are a separate call to act (a link to the form), not a state.
 */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../app-context';
import { createLive } from '../data/live';
import { syncState } from '../data/sync-controller';
import { syncView } from '../model/sync-view';
import { Icon } from './Icon';
import { t, formatTime, formatDay } from '../i18n';

export function SyncBadge() {
  const { data, meta } = useApp();
  const counts = createLive(() => data.outboxCounts(), { waiting: 0, rejected: 0, firstRejected: null, householdWaiting: 0, householdRejected: 0 });
  const view = () =>
    syncView({
      waiting: counts().waiting,
      householdWaiting: counts().householdWaiting,
      lastSyncAt: meta()?.lastSyncAt ?? null,
      online: syncState.online(),
      syncing: syncState.syncing(),
      problem: syncState.problem(),
      askedOffline: syncState.askedOffline(),
    });
  const text = () => {
    const v = view();
    const at = v.at;
    const time = at === undefined ? '' : formatDay(at) === formatDay(Date.now()) ? formatTime(at) : `${formatTime(at)} ${formatDay(at)}`;
    return t(v.key, { count: v.count ?? 0, time });
  };
  const percent = () => {
    const p = syncState.progress();
    return p && p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
  };
  const chipTone = () => ({ ok: 'chip-ok', warn: 'chip-warn', busy: 'chip-info', neutral: 'chip-neutral' })[view().tone];
  return (
    <section class="sync-badge" aria-label={t('sync.now')} data-testid="sync-badge">
      <p class="sync-line" role="status" aria-live="polite">
        <span class={`chip ${chipTone()}`} id="sync-message" data-testid="sync-message" data-sync-key={view().key}>
          <Icon name={view().icon} /> {text()}
        </span>
      </p>
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
      <Show when={counts().householdRejected > 0}>
        <A class="notice notice-error notice-link" href="/households?refused=1" data-testid="household-refused-link">
          <Icon name="warn" /> {t('sync.household_rejected_count', { count: counts().householdRejected })}
        </A>
      </Show>
      <Show when={counts().rejected > 0}>
        <A class="notice notice-error notice-link" href={counts().firstRejected ? `/report/${encodeURIComponent(counts().firstRejected!)}` : '/'}>
          <Icon name="warn" /> {t('sync.rejected_count', { count: counts().rejected })}
        </A>
      </Show>
    </section>
  );
}
