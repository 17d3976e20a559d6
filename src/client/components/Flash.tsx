/** The one-line message after an action ("Đã lưu trên máy…"), announced to screen readers. */
import { Show } from 'solid-js';
import { flash, clearFlash } from '../app-context';
import { t } from '../i18n';
import { Icon } from './Icon';

export function Flash() {
  return (
    <Show when={flash()}>
      {(f) => (
        <div class={`notice notice-${f().tone === 'ok' ? 'ok' : f().tone === 'warn' ? 'warn' : 'error'} flash`} role="status" data-testid="flash">
          <span>{f().text}</span>
          <button type="button" class="link-button" onClick={clearFlash} aria-label={t('common.close')}>
            <Icon name="cross" />
          </button>
        </div>
      )}
    </Show>
  );
}
