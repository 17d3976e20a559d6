/** Office login: username and password; only office and admin accounts may enter. */
import { createSignal, Show } from 'solid-js';
import { OFFICE_ROLES } from '../../shared/schemas/users';
import { login } from './api';
import { setSession } from './session';
import { t } from './messages';
import { useSave } from './setup-kit';

export default function Login() {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const { busy, error, run, fail } = useSave();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void run(async () => {
      const res = await login(username().trim(), password());
      if (OFFICE_ROLES.includes(res.user.role)) setSession(res);
      else fail(t('login.notOffice'));
    });
  };

  return (
    <main class="office-main office-login">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} class="card">
        <label class="field">
          <span>{t('login.username')}</span>
          <input name="username" autocomplete="username" required value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autocomplete="current-password" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <Show when={error()}>
          <p class="alert" role="alert">{error()}</p>
        </Show>
        <button type="submit" class="btn btn-main" disabled={busy()}>{busy() ? t('login.busy') : t('login.submit')}</button>
      </form>
    </main>
  );
}
