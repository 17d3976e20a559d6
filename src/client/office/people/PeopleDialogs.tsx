/** The people screen's dialogs: add a head, "Cấp mã" (code, QR, link, expiry), edit, lock, hand-over. */
import { createResource, createSignal, Show } from 'solid-js';
import type { Role } from '../../../shared/schemas/users';
import { explain } from '../api';
import { createUser, fieldRoleFor, handOver, issueCode, updateUser, type AdminUser, type EnrollmentGrant, type OfficeUnit } from '../api-setup';
import { t, type MessageKey } from '../messages';
import { Dialog, DialogButtons, formatDateTime, tp, useSave } from '../setup-kit';

export function AddHeadDialog(props: { unit: OfficeUnit; onClose: () => void; onDone: (user: AdminUser, grant: EnrollmentGrant) => void }) {
  const [name, setName] = createSignal('');
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const user = await createUser({ name: name().trim(), role: fieldRoleFor(props.unit.kind), unitId: props.unit.id });
      props.onDone(user, await issueCode(user.id));
    });
  };
  return (
    <Dialog title={tp('people.addFor', { unit: props.unit.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <label class="field">
          <span>{t('people.name')}</span>
          <input required maxLength={200} autocomplete="off" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('people.add')} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

/** "Cấp mã": the code, its QR and link, and when it expires. Issues one itself when not given one. */
export function CodeDialog(props: { user: AdminUser; grant?: EnrollmentGrant; onClose: () => void }) {
  const [issued] = createResource(() => props.grant ?? issueCode(props.user.id));
  return (
    <Dialog title={tp('code.title', { name: props.user.name })} onClose={props.onClose}>
      <Show when={!issued.error} fallback={<p class="alert" role="alert">{explain(issued.error)}</p>}>
        <Show when={issued()} fallback={<p>{t('common.loading')}</p>}>
          {(g) => (
            <div class="code-grant" data-testid="enrollment-code">
              <div class="code-qr" role="img" aria-label={t('code.qr')} innerHTML={g().qrSvg} />
              <dl class="report-meta">
                <dt>{t('code.code')}</dt><dd class="code-text">{g().code}</dd>
                <dt>{t('code.link')}</dt><dd><a href={g().url} class="code-link">{g().url}</a></dd>
                <dt>{t('code.expires')}</dt><dd>{formatDateTime(g().expiresAt)}</dd>
              </dl>
              <p>{t('code.help')}</p>
            </div>
          )}
        </Show>
      </Show>
      <div class="dialog-buttons">
        <button type="button" class="btn btn-main" onClick={() => props.onClose()}>{t('common.close')}</button>
      </div>
    </Dialog>
  );
}

/** Edits a name; an admin editing an office account may also change office ↔ admin. */
export function EditUserDialog(props: { user: AdminUser; roles?: Role[]; onClose: () => void; onDone: (notice: string) => void }) {
  const [name, setName] = createSignal(props.user.name);
  const [role, setRole] = createSignal<Role>(props.user.role);
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const user = await updateUser(props.user.id, { name: name().trim(), ...(role() !== props.user.role ? { role: role() } : {}) });
      props.onDone(tp('people.saved', { name: user.name }));
    });
  };
  return (
    <Dialog title={tp('people.editTitle', { name: props.user.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <label class="field">
          <span>{t('people.name')}</span>
          <input required maxLength={200} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <Show when={props.roles}>
          {(roles) => (
            <label class="field">
              <span>{t('people.role')}</span>
              <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                {roles().map((r) => <option value={r}>{t(`role.${r}` as MessageKey)}</option>)}
              </select>
            </label>
          )}
        </Show>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('common.save')} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

export function LockDialog(props: { user: AdminUser; onClose: () => void; onDone: (notice: string) => void }) {
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void save.run(async () => {
      await updateUser(props.user.id, { active: false });
      props.onDone(tp('people.locked', { name: props.user.name }));
    });
  };
  return (
    <Dialog title={tp('people.lockTitle', { name: props.user.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>{t('people.lockHelp')}</p>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('people.lock')} onCancel={props.onClose} danger />
      </form>
    </Dialog>
  );
}

/** "Đổi người phụ trách": the new head's name (and phone), in one step; then the new code shows. */
export function HandOverDialog(props: { unit: OfficeUnit; current: AdminUser[]; onClose: () => void; onDone: (user: AdminUser, grant: EnrollmentGrant) => void }) {
  const [name, setName] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const save = useSave();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const result = await handOver(props.unit, { name: name().trim(), phone: phone().trim() || undefined });
      props.onDone(result.user, result.enrollment);
    });
  };
  return (
    <Dialog title={tp('handover.title', { unit: props.unit.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>{t('handover.help')}</p>
        <Show when={props.current.length > 0}>
          <p><strong>{tp('handover.current', { names: props.current.map((u) => u.name).join(', ') })}</strong></p>
        </Show>
        <label class="field">
          <span>{t('handover.name')}</span>
          <input required maxLength={200} autocomplete="off" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('handover.phone')}</span>
          <input type="tel" inputMode="tel" maxLength={20} autocomplete="off" value={phone()} onInput={(e) => setPhone(e.currentTarget.value)} />
        </label>
        <Show when={save.error()}><p class="alert" role="alert">{save.error()}</p></Show>
        <DialogButtons busy={save.busy()} submit={t('handover.submit')} onCancel={props.onClose} danger />
      </form>
    </Dialog>
  );
}
