/** Settings: language, unsent-data export, storage persistence, device details, sync now. */
import { Show, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../app-context';
import { ExportButton } from '../components/ExportButton';
import { SyncNowButton } from '../components/SyncNowButton';
import { DEVICE_NAME_MAX } from '../data/device-name';
import { t, locale, setLocale, type Locale } from '../i18n';
import { Icon } from '../components/Icon';

export default function Settings() {
  const { data, meta } = useApp();
  const choose = async (next: Locale) => {
    setLocale(next);
    await data.setMeta('locale', next);
  };
  return (
    <main class="screen" aria-labelledby="settings-title">
      <p>
        <A href="/" class="back-link">
          <Icon name="back" /> {t('nav.back')}
        </A>
      </p>
      <h1 id="settings-title">{t('settings.title')}</h1>

      <fieldset class="settings-group">
        <legend>{t('settings.language')}</legend>
        <div class="toggle" role="radiogroup" aria-label={t('settings.language')}>
          <label class={locale() === 'vi' ? 'toggle-option on' : 'toggle-option'}>
            <input type="radio" name="locale" value="vi" checked={locale() === 'vi'} onChange={() => void choose('vi')} /> Tiếng Việt
          </label>
          <label class={locale() === 'en' ? 'toggle-option on' : 'toggle-option'}>
            <input type="radio" name="locale" value="en" checked={locale() === 'en'} onChange={() => void choose('en')} /> English
          </label>
        </div>
      </fieldset>

      <section class="settings-group" aria-labelledby="export-title">
        <h2 id="export-title">{t('settings.export')}</h2>
        <ExportButton />
      </section>

      <section class="settings-group" aria-labelledby="storage-title">
        <h2 id="storage-title">{t('settings.storage')}</h2>
        <p data-testid="persisted">
          <Show when={meta()?.persisted === true} fallback={<span class="chip chip-warn"><Icon name="warn" /> {t('settings.persisted_no')}</span>}>
            <span class="chip chip-ok">
              <Icon name="check" /> {t('settings.persisted_yes')}
            </span>
          </Show>
        </p>
        <Show when={meta()?.persisted !== true}>
          <button type="button" class="button button-secondary wide" onClick={() => void data.askToPersist()}>
            {t('settings.persist_ask')}
          </button>
        </Show>
      </section>

      <section class="settings-group" aria-labelledby="device-title">
        <h2 id="device-title">{t('settings.device')}</h2>
        <Show when={meta()?.user}>{(u) => <p>{t('settings.user', { name: u().name })}</p>}</Show>
        <DeviceName />
        <Show when={meta()?.deviceId}>{(id) => <p class="details">{t('settings.device_id', { id: id() })}</p>}</Show>
        <p class="details">{t('settings.version', { version: __APP_VERSION__ })}</p>
      </section>

      <div class="bottom-bar">
        <SyncNowButton />
      </div>
    </main>
  );
}

/** The phone's name as the office sees it; kept on the phone first, sent when online. */
function DeviceName() {
  const { data, meta } = useApp();
  const [typed, setTyped] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<'sent' | 'pending' | null>(null);
  const value = () => typed() ?? meta()?.deviceName ?? '';
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved((await data.saveDeviceName(value())) ? 'sent' : 'pending');
  };
  return (
    <form class="device-name" onSubmit={(e) => void save(e)}>
      <label for="settings-device-name">{t('settings.device_name')}</label>
      <input id="settings-device-name" type="text" maxLength={DEVICE_NAME_MAX} autocomplete="off" value={value()} onInput={(e) => { setTyped(e.currentTarget.value); setSaved(null); }} />
      <button type="submit" class="button button-secondary wide">{t('settings.device_name_save')}</button>
      <Show when={saved()}>
        {(s) => <p role="status">{s() === 'sent' ? t('settings.device_name_saved') : t('settings.device_name_pending')}</p>}
      </Show>
    </form>
  );
}
