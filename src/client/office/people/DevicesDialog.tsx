/** A person's phones: name, when enrolled, last sync, app version, and "Thu hồi" (asked first). */
import { createSignal, For, Show } from 'solid-js';
import { revokeDevice, type AdminUser, type DeviceEntry } from '../api-setup';
import { t } from '../messages';
import { Dialog, formatDateTime, tp, useSave } from '../setup-kit';

export function DevicesDialog(props: { user: AdminUser; devices: DeviceEntry[]; onClose: () => void; onRevoked: (notice: string) => void }) {
  const [asking, setAsking] = createSignal<DeviceEntry | null>(null);
  const { busy, error, run } = useSave();
  const [revoked, setRevoked] = createSignal<Record<string, string>>({});

  const revoke = (device: DeviceEntry) => run(async () => {
    const res = await revokeDevice(device.id);
    setRevoked({ ...revoked(), [device.id]: res.revokedAt });
    setAsking(null);
    props.onRevoked(tp('devices.revokedNotice', { device: device.name }));
  });

  return (
    <Dialog title={tp('devices.title', { name: props.user.name })} onClose={props.onClose} wide>
      <Show when={props.devices.length > 0} fallback={<p>{t('devices.none')}</p>}>
        <table class="grid devices-table">
          <thead>
            <tr>
              <th scope="col">{t('devices.name')}</th><th scope="col">{t('devices.enrolled')}</th><th scope="col">{t('devices.lastSync')}</th>
              <th scope="col">{t('devices.version')}</th><th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.devices}>
              {(d) => {
                const revokedAt = () => revoked()[d.id] ?? d.revokedAt;
                return (
                  <tr classList={{ 'row-inactive': !!revokedAt() }}>
                    <th scope="row">{d.name}</th>
                    <td class="nowrap">{formatDateTime(d.createdAt)}</td>
                    <td class="nowrap">{d.lastSyncAt ? formatDateTime(d.lastSyncAt) : t('devices.never')}</td>
                    <td>{d.appVersion ?? '—'}</td>
                    <td class="actions">
                      <Show when={!revokedAt()} fallback={<span class="state-chip state-returned">{t('devices.revoked')} {formatDateTime(revokedAt()!)}</span>}>
                        <button type="button" class="btn btn-small btn-return" onClick={() => setAsking(d)}>
                          {t('devices.revoke')}<span class="visually-hidden"> {d.name}</span>
                        </button>
                      </Show>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={asking()}>
        {(d) => (
          <div class="confirm" role="group" aria-labelledby="revoke-title">
            <h3 id="revoke-title">{tp('devices.revokeTitle', { device: d().name })}</h3>
            <p>{tp('devices.revokeHelp', { name: props.user.name })}</p>
            <div class="dialog-buttons">
              <button type="button" class="btn" onClick={() => setAsking(null)}>{t('common.cancel')}</button>
              <button type="button" class="btn btn-main btn-danger" disabled={busy()} onClick={() => void revoke(d())}>
                {busy() ? t('common.busy') : t('devices.revoke')}
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
      <div class="dialog-buttons">
        <button type="button" class="btn" onClick={() => props.onClose()}>{t('common.close')}</button>
      </div>
    </Dialog>
  );
}
