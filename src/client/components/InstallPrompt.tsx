/** Offers to install the app after enrollment (Chrome's prompt; a hint on iPhone). */
import { Show, createSignal } from 'solid-js';
import { canInstall, promptInstall } from '../pwa/install';
import { isIos, isStandalone } from '../pwa/environment';
import { t } from '../i18n';

export function InstallPrompt() {
  const [dismissed, setDismissed] = createSignal(sessionStorage.getItem('install-dismissed') === '1');
  const dismiss = () => {
    sessionStorage.setItem('install-dismissed', '1');
    setDismissed(true);
  };
  const ios = isIos(navigator.userAgent) && !isStandalone();
  return (
    <Show when={!dismissed() && (canInstall() || ios)}>
      <div class="notice notice-info" data-testid="install-prompt">
        <strong>{t('install.title')}</strong>
        <Show when={ios && !canInstall()}>
          <p>{t('install.ios')}</p>
        </Show>
        <div class="row">
          <Show when={canInstall()}>
            <button type="button" class="button" onClick={() => void promptInstall()}>
              {t('install.button')}
            </button>
          </Show>
          <button type="button" class="button button-secondary" onClick={dismiss}>
            {t('install.later')}
          </button>
        </div>
      </div>
    </Show>
  );
}
