/** CSV and XLSX of the figures on screen: fetched with the session (the route needs it), saved under the server's name. */
import { createSignal, Show } from 'solid-js';
import { downloadExport, type Basis } from '../api-progress';
import { explain } from '../api';
import { t } from '../messages';

export default function Downloads(props: { planId: string; periodId: string; basis: Basis }) {
  const [busy, setBusy] = createSignal<'csv' | 'xlsx' | null>(null);
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null);

  async function download(format: 'csv' | 'xlsx') {
    setBusy(format);
    setMessage(null);
    try {
      const { blob, fileName } = await downloadExport(props.planId, props.periodId, props.basis, format);
      const name = fileName ?? `tien-do.${format}`;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      // Give the browser time to start writing the file before the URL goes.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage({ ok: true, text: `${t('pg.downloaded')}: ${name}` });
    } catch (e) {
      setMessage({ ok: false, text: explain(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="downloads" role="group" aria-label={t('pg.download')}>
      <button type="button" class="btn" disabled={busy() !== null} onClick={() => void download('xlsx')}>
        {busy() === 'xlsx' ? t('pg.downloading') : t('pg.xlsx')}
      </button>
      <button type="button" class="btn" disabled={busy() !== null} onClick={() => void download('csv')}>
        {busy() === 'csv' ? t('pg.downloading') : t('pg.csv')}
      </button>
      <span aria-live="polite">
        <Show when={message()}>{(m) => <span class={m().ok ? 'ok-text' : 'alert'}>{m().text}</span>}</Show>
      </span>
    </div>
  );
}
