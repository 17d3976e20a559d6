/** "Xuất dữ liệu chưa gửi": downloads the outbox and drafts as JSON for the office to import. */
import { Show, createSignal } from 'solid-js';
import { useApp } from '../app-context';
import { t } from '../i18n';
import { Icon } from './Icon';

export function ExportButton() {
  const { data } = useApp();
  const [done, setDone] = createSignal<string | null>(null);
  return (
    <div class="export">
      <button type="button" class="button button-secondary wide" onClick={async () => setDone(await data.downloadUnsent())}>
        <Icon name="download" /> {t('settings.export')}
      </button>
      <p class="field-hint">{t('settings.export_hint')}</p>
      <Show when={done()}>
        <p class="notice notice-ok" role="status">
          {t('settings.export_done', { name: done()! })}
        </p>
      </Show>
    </div>
  );
}
