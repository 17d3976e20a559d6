/**
 * Office and admin accounts, shown to an admin only (the server refuses the rest anyway):
 * create with a username and password, edit, lock, set a new password.
 */
import { createSignal, For, Show } from 'solid-js';
import type { Role } from '../../../shared/schemas/users';
import { Password, Username } from '../../../shared/schemas/office';
import { explain } from '../api';
import { createUser, updateUser, type AdminUser, type OfficeUnit } from '../api-setup';
import { session } from '../session';
import { t, type MessageKey } from '../messages';
import { Dialog, DialogButtons, tp, useSave } from '../setup-kit';
import { EditUserDialog, LockDialog } from './PeopleDialogs';

const OFFICE_ROLES: Role[] = ['office', 'admin'];

type Action = { kind: 'edit' | 'lock' | 'password'; user: AdminUser };

export function OfficeAccounts(props: { users: AdminUser[]; units: OfficeUnit[]; onChanged: (notice: string) => void }) {
  const [action, setAction] = createSignal<Action | null>(null);
  const me = () => session()?.user.id;
  const done = (text: string) => {
    setAction(null);
    props.onChanged(text);
  };
  const unlock = async (u: AdminUser) => {
    try {
      await updateUser(u.id, { active: true });
      props.onChanged(tp('people.unlocked', { name: u.name }));
    } catch (e) {
      props.onChanged(explain(e));
    }
  };
  return (
    <section class="card" aria-labelledby="office-title">
      <h2 id="office-title">{t('people.office')}</h2>
      <table class="grid people-table">
        <thead>
          <tr>
            <th scope="col">{t('people.col.name')}</th><th scope="col">{t('people.col.username')}</th><th scope="col">{t('people.col.role')}</th>
            <th scope="col">{t('people.col.state')}</th><th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.users}>
            {(u) => (
              <tr classList={{ 'row-inactive': !u.active }}>
                <th scope="row">{u.name} <Show when={u.id === me()}><span class="muted">{t('people.you')}</span></Show></th>
                <td>{u.username ?? '—'}</td>
                <td>{t(`role.${u.role}` as MessageKey)}</td>
                <td><span class={u.active ? 'state-chip state-approved' : 'state-chip state-returned'}>{u.active ? t('people.active') : t('people.inactive')}</span></td>
                <td class="actions">
                  <button type="button" class="btn btn-small" onClick={() => setAction({ kind: 'edit', user: u })}>
                    {t('people.edit')}<span class="visually-hidden"> {u.name}</span>
                  </button>
                  <button type="button" class="btn btn-small" onClick={() => setAction({ kind: 'password', user: u })}>
                    {t('people.setPassword')}<span class="visually-hidden"> {u.name}</span>
                  </button>
                  {/* Nobody locks themselves out (the server refuses it too). */}
                  <Show when={u.id !== me()}>
                    <button type="button" class="btn btn-small" onClick={() => (u.active ? setAction({ kind: 'lock', user: u }) : void unlock(u))}>
                      {u.active ? t('people.lock') : t('people.unlock')}<span class="visually-hidden"> {u.name}</span>
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <AddOfficeAccount units={props.units} onAdded={(u) => props.onChanged(tp('people.created', { name: u.name }))} />
      <Show when={action()} keyed>
        {(x) => {
          const close = () => setAction(null);
          if (x.kind === 'edit') return <EditUserDialog user={x.user} roles={x.user.id === me() ? undefined : OFFICE_ROLES} onClose={close} onDone={done} />;
          if (x.kind === 'lock') return <LockDialog user={x.user} onClose={close} onDone={done} />;
          return <PasswordDialog user={x.user} onClose={close} onDone={done} />;
        }}
      </Show>
    </section>
  );
}

function AddOfficeAccount(props: { units: OfficeUnit[]; onAdded: (u: AdminUser) => void }) {
  const [name, setName] = createSignal('');
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [role, setRole] = createSignal<Role>('office');
  const [invalid, setInvalid] = createSignal<'username' | 'password' | null>(null);
  const save = useSave();
  const office = () => props.units.find((u) => u.kind === 'office' && !u.successorId);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!Username.safeParse(username()).success) return setInvalid('username');
    if (!Password.safeParse(password()).success) return setInvalid('password');
    setInvalid(null);
    void save.run(async () => {
      const user = await createUser({ name: name().trim(), username: username().trim().toLowerCase(), password: password(), role: role(), unitId: office()?.id ?? null });
      setName('');
      setUsername('');
      setPassword('');
      props.onAdded(user);
    });
  };
  return (
    <form class="add-form" onSubmit={submit} aria-labelledby="add-office-title" novalidate>
      <h3 id="add-office-title">{t('people.addOffice')}</h3>
      <div class="add-row">
        <label class="field add-name">
          <span>{t('people.name')}</span>
          <input required maxLength={200} autocomplete="off" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('people.username')}</span>
          <input required autocomplete="off" aria-invalid={invalid() === 'username'} aria-describedby="username-rule" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('people.password')}</span>
          <input type="password" required autocomplete="new-password" aria-invalid={invalid() === 'password'} value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('people.role')}</span>
          <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {OFFICE_ROLES.map((r) => <option value={r}>{t(`role.${r}` as MessageKey)}</option>)}
          </select>
        </label>
        <button type="submit" class="btn btn-main" disabled={save.busy()}>{save.busy() ? t('common.busy') : t('people.addOffice')}</button>
      </div>
      <p id="username-rule" class="muted">{t('people.usernameRule')}</p>
      <Show when={invalid()}><p class="alert" role="alert">{invalid() === 'username' ? t('people.usernameRule') : t('people.password')}</p></Show>
      <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
    </form>
  );
}

function PasswordDialog(props: { user: AdminUser; onClose: () => void; onDone: (notice: string) => void }) {
  const [password, setPassword] = createSignal('');
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await updateUser(props.user.id, { password: password() });
      props.onDone(tp('people.passwordSet', { name: props.user.name }));
    });
  };
  return (
    <Dialog title={tp('people.passwordTitle', { name: props.user.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <label class="field">
          <span>{t('people.newPassword')}</span>
          <input type="password" required minLength={8} maxLength={200} autocomplete="new-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('people.setPassword')} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
