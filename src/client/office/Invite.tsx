/**
 * /office/invite?token=…: a new commune admin, invited by the hosting operator, sets their own
 * password here and lands logged in. The token is the link's one-time secret; it leaves the
 * address bar as soon as it has been used (replace navigation), and the page sends no referrer.
 */
import { createSignal, Show } from 'solid-js';
import { useLocation, useNavigate } from '@solidjs/router';
import { acceptInvitation } from './api';
import { setSession } from './session';
import { t } from './messages';
import { useSave } from './setup-kit';

export default function Invite() {
  const location = useLocation();
  const navigate = useNavigate();
  const token = () => new URLSearchParams(location.search).get('token') ?? '';
  const [password, setPassword] = createSignal('');
  const [again, setAgain] = createSignal('');
  const { busy, error, run, fail } = useSave();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (password().length < 8) return fail(t('invite.tooShort'));
    if (password() !== again()) return fail(t('invite.mismatch'));
    void run(async () => {
      setSession(await acceptInvitation(token(), password()));
      navigate('/office', { replace: true });
    });
  };

  return (
    <main class="office-main office-login">
      <h1>{t('invite.title')}</h1>
      <Show when={token()} fallback={<p class="alert" role="alert">{t('invite.noToken')}</p>}>
        <form onSubmit={submit} class="card">
          <p>{t('invite.intro')}</p>
          <label class="field">
            <span>{t('invite.password')}</span>
            <input name="new-password" type="password" autocomplete="new-password" required minLength={8} value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('invite.again')}</span>
            <input name="new-password-again" type="password" autocomplete="new-password" required minLength={8} value={again()} onInput={(e) => setAgain(e.currentTarget.value)} />
          </label>
          <Show when={error()}>
            <p class="alert" role="alert">{error()}</p>
          </Show>
          <button type="submit" class="btn btn-main" disabled={busy()}>{busy() ? t('invite.busy') : t('invite.submit')}</button>
        </form>
      </Show>
    </main>
  );
}
