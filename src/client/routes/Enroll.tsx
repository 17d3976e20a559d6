/**
 * Enrollment: the code from the office (typed, from the link's ?code=, or scanned) is traded
 * for a device token; then the app asks to keep its storage, and proposes a name for the phone
 * ("‹name› – ‹model›", editable) so the office can tell a person's phones apart.
 */
import { Show, createResource, createSignal } from 'solid-js';
import { useNavigate, useSearchParams } from '@solidjs/router';
import { useApp, showFlash } from '../app-context';
import { describeDevice, codeFromScan, normaliseCode } from '../data/enroll';
import { phoneModel, proposeDeviceName, DEVICE_NAME_MAX } from '../data/device-name';
import { HttpFailure } from '../data/http';
import { QrScanner, canScanQr } from '../components/QrScanner';
import { t, errorText } from '../i18n';

export default function Enroll() {
  const { data, meta, syncNow } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initial = typeof params.code === 'string' ? normaliseCode(params.code) : '';
  const [code, setCode] = createSignal(initial);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<{ text: string; code?: string } | null>(null);

  const submit = async () => {
    if (busy() || code().trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      const result = await data.enroll(code(), describeDevice(navigator.userAgent));
      await data.askToPersist();
      showFlash(t('enroll.done', { name: result.user.name }));
      // Through the URL, so the naming step shows whichever screen the code was typed on.
      navigate('/enroll?step=name', { replace: true });
      void syncNow();
    } catch (e) {
      if (e instanceof HttpFailure) {
        setError(e.kind === 'network' ? { text: t('enroll.offline') } : { text: errorText(e.code, e.body?.message), code: e.code });
      } else {
        setError({ text: t('error.generic') });
      }
    } finally {
      setBusy(false);
    }
  };

  const naming = () => params.step === 'name' && !!meta()?.token && !!meta()?.user;

  return (
    <Show when={!naming()} fallback={<NameDevice userName={meta()!.user!.name} onDone={() => navigate('/', { replace: true })} />}>
    <main class="screen" aria-labelledby="enroll-title">
      <h1 id="enroll-title">{t('enroll.title')}</h1>
      <p>{t('enroll.intro')}</p>
      <form
        class="enroll-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label for="enroll-code">{t('enroll.code')}</label>
        <input
          id="enroll-code"
          type="text"
          autocomplete="one-time-code"
          autocapitalize="characters"
          spellcheck={false}
          placeholder={t('enroll.code_hint')}
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Show when={canScanQr()}>
          <QrScanner
            onCode={(text) => {
              setCode(codeFromScan(text));
              void submit();
            }}
          />
        </Show>
        <Show when={error()}>
          {(err) => (
            <div class="notice notice-error" role="alert" data-testid="enroll-error">
              <p>{err().text}</p>
              <Show when={err().code}>
                <p class="details">{t('form.details', { code: err().code! })}</p>
              </Show>
            </div>
          )}
        </Show>
        <div class="bottom-bar">
          <button type="submit" class="button wide" disabled={busy()}>
            {busy() ? t('enroll.working') : t('enroll.submit')}
          </button>
        </div>
      </form>
    </main>
    </Show>
  );
}

/** The naming step: the proposal is editable; it is kept on the phone first and sent when it can be. */
function NameDevice(props: { userName: string; onDone: () => void }) {
  const { data } = useApp();
  const [proposal] = createResource(async () => proposeDeviceName(props.userName, await phoneModel()));
  const [typed, setTyped] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const value = () => typed() ?? proposal() ?? '';
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    try {
      await data.saveDeviceName(value() || (proposal() ?? ''));
    } finally {
      setBusy(false);
      props.onDone();
    }
  };
  return (
    <main class="screen" aria-labelledby="name-title">
      <h1 id="name-title">{t('enroll.name_title')}</h1>
      <p>{t('enroll.name_intro')}</p>
      <form class="enroll-form" onSubmit={(e) => void save(e)}>
        <label for="device-name">{t('enroll.name_label')}</label>
        <input id="device-name" type="text" maxLength={DEVICE_NAME_MAX} autocomplete="off" value={value()} onInput={(e) => setTyped(e.currentTarget.value)} />
        <div class="bottom-bar">
          <button type="submit" class="button wide" disabled={busy() || proposal.loading}>
            {t('enroll.name_save')}
          </button>
        </div>
      </form>
    </main>
  );
}
