/** The device was revoked: say so plainly, keep unsent reports exportable, allow enrolling again. */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../app-context';
import { createLive } from '../data/live';
import { ExportButton } from '../components/ExportButton';
import { t } from '../i18n';
import { Icon } from '../components/Icon';

export default function Revoked() {
  const { data } = useApp();
  const unsent = createLive(() => data.unsentCount(), 0);
  return (
    <main class="screen" aria-labelledby="revoked-title" data-testid="revoked-screen">
      <h1 id="revoked-title">
        <Icon name="blocked" />{' '}
        {t('revoked.title')}
      </h1>
      <p class="notice notice-error">{t('revoked.body')}</p>
      <Show when={unsent() > 0}>
        <p class="notice notice-warn">{t('revoked.unsent', { count: unsent() })}</p>
      </Show>
      <ExportButton />
      <div class="bottom-bar">
        <A class="button wide" href="/enroll">
          {t('revoked.enroll')}
        </A>
      </div>
    </main>
  );
}
