/**
 * "Người dùng và điện thoại": one row per village or association with its head(s), their phones
 * and what the office does for them (add, edit, lock, "Cấp mã", "Đổi người phụ trách", phones
 * and "Thu hồi"), "In thẻ" for the whole commune, and — for an admin only — the office and admin
 * accounts. What the caller's role may not do is not shown at all.
 */
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { REPORTING_KINDS } from '../../../shared/schemas/units';
import { FIELD_ROLES } from '../../../shared/schemas/users';
import { explain } from '../api';
import { listOfficeUnits, listUsers, listDevices, updateUser, type AdminUser, type EnrollmentGrant, type OfficeUnit } from '../api-setup';
import { session } from '../session';
import '../setup.css';
import { t, type MessageKey } from '../messages';
import { tp, Notice } from '../setup-kit';
import { isOpen } from '../units/UnitsScreen';
import { AddHeadDialog, CodeDialog, EditUserDialog, HandOverDialog, LockDialog } from './PeopleDialogs';
import { DevicesDialog } from './DevicesDialog';
import { CardsDialog } from './CardSheet';
import { OfficeAccounts } from './OfficeAccounts';

export type PeopleAction =
  | { kind: 'add'; unit: OfficeUnit }
  | { kind: 'issue' | 'edit' | 'lock' | 'devices'; user: AdminUser }
  | { kind: 'code'; user: AdminUser; grant: EnrollmentGrant }
  | { kind: 'handover'; unit: OfficeUnit; current: AdminUser[] }
  | { kind: 'cards' };

export default function PeopleScreen() {
  const [units] = createResource(listOfficeUnits);
  const [users, { refetch: refetchUsers }] = createResource(listUsers);
  const [devices, { refetch: refetchDevices }] = createResource(listDevices);
  const [showInactive, setShowInactive] = createSignal(false);
  const [action, setAction] = createSignal<PeopleAction | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const isAdmin = () => session()?.user.role === 'admin';

  const reporting = createMemo(() =>
    (units() ?? []).filter((u) => REPORTING_KINDS.includes(u.kind) && isOpen(u))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'vi')));
  const fieldUsers = createMemo(() => (users() ?? []).filter((u) => FIELD_ROLES.includes(u.role)));
  const headsOf = (unitId: string) => fieldUsers().filter((u) => u.unitId === unitId && (u.active || showInactive()));
  const phonesOf = (userId: string) => (devices() ?? []).filter((d) => d.userId === userId && !d.revokedAt).length;
  const printable = () => fieldUsers().filter((u) => u.active && reporting().some((r) => r.id === u.unitId));

  const done = (text: string | null, next: PeopleAction | null = null) => {
    setAction(next);
    if (text) setNotice(text);
    void refetchUsers();
    void refetchDevices();
  };

  const toggleLock = async (user: AdminUser) => {
    if (user.active) return setAction({ kind: 'lock', user });
    try {
      await updateUser(user.id, { active: true });
      done(tp('people.unlocked', { name: user.name }));
    } catch (e) {
      setNotice(explain(e));
    }
  };

  const UserRow = (props: { unit: OfficeUnit; user: AdminUser; first: boolean; heads: AdminUser[] }) => {
    const u = props.user;
    return (
      <tr classList={{ 'row-inactive': !u.active }}>
        <th scope="row">{props.first ? props.unit.name : <span class="visually-hidden">{props.unit.name}</span>}</th>
        <td>{u.name}<div class="muted">{t(`role.${u.role}` as MessageKey)}</div></td>
        <td><span class={u.active ? 'state-chip state-approved' : 'state-chip state-returned'}>{u.active ? t('people.active') : t('people.inactive')}</span></td>
        <td class="nowrap">
          <button type="button" class="btn-link" onClick={() => setAction({ kind: 'devices', user: u })}>
            {tp('people.phoneCount', { n: phonesOf(u.id) })}<span class="visually-hidden"> — {u.name}</span>
          </button>
        </td>
        <td class="actions">
          <Show when={u.active}>
            <button type="button" class="btn btn-small btn-strong" onClick={() => setAction({ kind: 'issue', user: u })}>
              {t('people.code')}<span class="visually-hidden"> {u.name}</span>
            </button>
          </Show>
          <button type="button" class="btn btn-small" onClick={() => setAction({ kind: 'edit', user: u })}>
            {t('people.edit')}<span class="visually-hidden"> {u.name}</span>
          </button>
          <button type="button" class="btn btn-small" onClick={() => void toggleLock(u)}>
            {u.active ? t('people.lock') : t('people.unlock')}<span class="visually-hidden"> {u.name}</span>
          </button>
          <Show when={props.first && u.active}>
            <button type="button" class="btn btn-small" onClick={() => setAction({ kind: 'handover', unit: props.unit, current: props.heads.filter((h) => h.active) })}>
              {t('people.handOver')}<span class="visually-hidden"> {props.unit.name}</span>
            </button>
          </Show>
        </td>
      </tr>
    );
  };

  return (
    <main class="office-main setup-main">
      <div class="office-heading">
        <h1>{t('people.title')}</h1>
        <button type="button" class="btn btn-main" onClick={() => setAction({ kind: 'cards' })} disabled={printable().length === 0}>
          {t('people.printCards')}
        </button>
      </div>
      <Notice text={notice()} />
      <Show when={!users.error && !units.error} fallback={<p class="alert" role="alert">{explain(users.error ?? units.error)}</p>}>
        <section class="card" aria-labelledby="field-title">
          <div class="office-heading">
            <h2 id="field-title">{t('people.field')}</h2>
            <label class="check">
              <input type="checkbox" checked={showInactive()} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
              {t('people.showInactive')}
            </label>
          </div>
          <Show when={units()} fallback={<p>{t('common.loading')}</p>}>
            <Show when={reporting().length > 0} fallback={<p>{t('people.needUnits')} <A href="/office/units">{t('people.goUnits')}</A></p>}>
              <table class="grid people-table">
                <thead>
                  <tr>
                    <th scope="col">{t('people.col.unit')}</th><th scope="col">{t('people.col.name')}</th><th scope="col">{t('people.col.state')}</th>
                    <th scope="col">{t('people.col.phones')}</th><th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={reporting()}>
                    {(unit) => (
                      <Show when={headsOf(unit.id).length > 0} fallback={
                        <tr>
                          <th scope="row">{unit.name}</th>
                          <td colSpan={3} class="muted">{t('people.noHead')}</td>
                          <td class="actions">
                            <button type="button" class="btn btn-small btn-strong" onClick={() => setAction({ kind: 'add', unit })}>
                              {t('people.add')}<span class="visually-hidden"> — {unit.name}</span>
                            </button>
                          </td>
                        </tr>
                      }>
                        <For each={headsOf(unit.id)}>{(user, i) => <UserRow unit={unit} user={user} first={i() === 0} heads={headsOf(unit.id)} />}</For>
                      </Show>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </Show>
        </section>
        <Show when={isAdmin()}>
          <OfficeAccounts users={(users() ?? []).filter((u) => u.role === 'office' || u.role === 'admin')} units={units() ?? []} onChanged={(text) => done(text)} />
        </Show>
      </Show>
      {/* Keyed: each action (add → its code, hand-over → the new code) gets a fresh dialog. */}
      <Show when={action()} keyed>
        {(act) => {
          const close = () => setAction(null);
          return (
            <Switch>
              <Match when={act.kind === 'add' && act}>{(x) => <AddHeadDialog unit={x().unit} onClose={close} onDone={(user, grant) => done(tp('people.created', { name: user.name }), { kind: 'code', user, grant })} />}</Match>
              <Match when={act.kind === 'issue' && act}>{(x) => <CodeDialog user={x().user} onClose={close} />}</Match>
              <Match when={act.kind === 'code' && act}>{(x) => <CodeDialog user={x().user} grant={x().grant} onClose={close} />}</Match>
              <Match when={act.kind === 'edit' && act}>{(x) => <EditUserDialog user={x().user} onClose={close} onDone={(text) => done(text)} />}</Match>
              <Match when={act.kind === 'lock' && act}>{(x) => <LockDialog user={x().user} onClose={close} onDone={(text) => done(text)} />}</Match>
              <Match when={act.kind === 'devices' && act}>
                {(x) => <DevicesDialog user={x().user} devices={(devices() ?? []).filter((d) => d.userId === x().user.id)} onClose={close} onRevoked={(text) => { setNotice(text); void refetchDevices(); }} />}
              </Match>
              <Match when={act.kind === 'handover' && act}>
                {(x) => <HandOverDialog unit={x().unit} current={x().current} onClose={close} onDone={(user, grant) => done(null, { kind: 'code', user, grant })} />}
              </Match>
              <Match when={act.kind === 'cards'}>
                <CardsDialog users={printable()} onClose={close} onPrinted={() => void refetchUsers()} />
              </Match>
            </Switch>
          );
        }}
      </Show>
    </main>
  );
}
