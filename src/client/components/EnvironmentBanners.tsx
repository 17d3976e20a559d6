/**
 * Says out loud what would otherwise fail quietly: opened inside Zalo (cannot work offline),
 * served over plain http (no offline, no camera), storage full. (Storage not kept long-term
 * is said on Home and in Settings only: it needs no action on every screen.)
 */
import { Show, createSignal } from 'solid-js';
import { useApp } from '../app-context';
import { chromeIntentUrl, isZaloBrowser, needsHttps } from '../pwa/environment';
import { t } from '../i18n';
import { Icon } from './Icon';

export function EnvironmentBanners() {
  const { meta } = useApp();
  const zalo = isZaloBrowser(navigator.userAgent);
  const insecure = needsHttps(location, window.isSecureContext);
  const [copied, setCopied] = createSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <Show when={zalo}>
        <div class="notice notice-warn" role="alert" data-testid="zalo-banner">
          <strong>{t('zalo.title')}</strong>
          <p>{t('zalo.body')}</p>
          <div class="row">
            <a class="button" href={chromeIntentUrl(location.href)}>
              {t('zalo.open')}
            </a>
            <button type="button" class="button button-secondary" onClick={copy}>
              {t('zalo.copy')}
            </button>
          </div>
          <Show when={copied()}>
            <p>{t('zalo.copied')}</p>
          </Show>
        </div>
      </Show>
      <Show when={insecure}>
        <div class="notice notice-error" role="alert" data-testid="https-banner">
          <strong>{t('https.title')}</strong>
          <p>{t('https.body')}</p>
        </div>
      </Show>
      <Show when={meta()?.quotaError}>
        <div class="notice notice-error" role="alert" data-testid="storage-full">
          <Icon name="warn" /> {t('storage.full')}
        </div>
      </Show>
    </>
  );
}
