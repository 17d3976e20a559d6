/**
 * The frame of every field screen. It owns the field app's session: the live device settings
 * from IndexedDB, starting and stopping the sync schedule, and which screen a device in a given
 * state may see (not enrolled → enrollment; revoked → the revoked screen, whose unsent reports
 * stay exportable).
 */
import { Show, createEffect, createSignal, onCleanup, type ParentProps } from 'solid-js';
import { A, useLocation, useNavigate } from '@solidjs/router';
import { AppContext } from './app-context';
import { openFieldData } from './data/field-data';
import { createLiveOnce } from './data/live';
import { requestJson } from './data/http';
import { syncState, type SyncController } from './data/sync-controller';
import { SyncBadge } from './components/SyncBadge';
import { EnvironmentBanners } from './components/EnvironmentBanners';
import { Flash } from './components/Flash';
import Enroll from './routes/Enroll';
import Revoked from './routes/Revoked';
import { t, setLocale, errorText, locale } from './i18n';
import { Icon } from './components/Icon';

let setupChecked = false;

export default function FieldShell(props: ParentProps) {
  const data = openFieldData();
  const meta = createLiveOnce(() => data.meta());
  const [controller, setController] = createSignal<SyncController | null>(null);
  const location = useLocation();
  const navigate = useNavigate();

  createEffect(() => {
    const m = meta();
    if (m?.locale && m.locale !== locale()) setLocale(m.locale);
  });

  // Sync runs only for an enrolled, not revoked device.
  createEffect(() => {
    const m = meta();
    const active = !!m?.token && !m.revoked;
    const running = controller();
    if (active && !running) setController(data.startSync());
    if (!active && running) {
      running.stop();
      setController(null);
    }
  });
  onCleanup(() => controller()?.stop());

  // A fresh installation with no commune yet: the first visitor sets it up (once per load).
  createEffect(() => {
    const m = meta();
    if (!m || m.token || setupChecked || !navigator.onLine) return;
    setupChecked = true;
    requestJson<{ needsSetup?: boolean }>({}, '/api/setup')
      .then((answer) => {
        if (answer?.needsSetup) navigate('/setup', { replace: true });
      })
      .catch(() => undefined);
  });

  const syncNow = async () => {
    await controller()?.syncNow('manual');
  };
  const enrolled = () => !!meta()?.token;
  const revoked = () => !!meta()?.revoked;
  const onEnroll = () => location.pathname === '/enroll';

  return (
    <AppContext.Provider value={{ data, meta, syncNow, controller }}>
      <div class="field-app">
        <header class="top-bar">
          <A href="/" class="app-name">
            {t('app.name')}
          </A>
          <Show when={enrolled()}>
            <A href="/settings" class="icon-link" aria-label={t('nav.settings')}>
              <Icon name="settings" />
            </A>
          </Show>
        </header>
        <Show when={meta()}>
          <Show when={enrolled() && !revoked()}>
            <SyncBadge />
          </Show>
          <Show when={syncState.problem() === 'auth'}>
            <p class="notice notice-error" role="alert">
              {errorText('auth.invalid_token')} <A href="/enroll">{t('revoked.enroll')}</A>
            </p>
          </Show>
          <EnvironmentBanners />
          <Flash />
          <Show
            when={revoked() && !onEnroll()}
            fallback={
              <Show when={enrolled() || onEnroll()} fallback={<Enroll />}>
                {props.children}
              </Show>
            }
          >
            <Revoked />
          </Show>
        </Show>
      </div>
    </AppContext.Provider>
  );
}
