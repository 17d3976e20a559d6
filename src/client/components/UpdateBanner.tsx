/**
 * G7: the new service worker waits (registerType 'prompt') until the user taps "Cập nhật";
 * open forms save their drafts first, then the new version takes over and the page reloads.
 */
import { Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { flushBeforeUpdate } from '../pwa/update';
import { t } from '../i18n';

export function UpdateBanner() {
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      // Phones keep the app open for days: look for a new version every hour.
      if (registration) setInterval(() => void registration.update().catch(() => undefined), 60 * 60_000);
    },
  });
  const update = async () => {
    await flushBeforeUpdate();
    // Reload once the new worker controls the page. workbox-window reloads by itself only for
    // updates it found; one found by the hourly registration.update() counts as "external".
    let reloading = false;
    navigator.serviceWorker?.addEventListener('controllerchange', () => {
      if (reloading) return;
      reloading = true;
      window.location.reload();
    });
    await updateServiceWorker(true);
  };
  return (
    <Show when={needRefresh()}>
      <div class="notice notice-info update-banner" role="alert" data-testid="update-banner">
        <span>{t('update.available')}</span>
        <button type="button" class="button" onClick={() => void update()}>
          {t('update.button')}
        </button>
      </div>
    </Show>
  );
}
