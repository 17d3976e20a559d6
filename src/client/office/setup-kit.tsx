/**
 * Small pieces the commune-setup screens share: filling `{holes}` in messages, Vietnamese dates,
 * and a modal dialog (the browser's own <dialog>: focus stays inside, Esc closes, focus returns
 * to the button that opened it).
 */
import { createSignal, createUniqueId, onMount, type JSX, type ParentProps } from 'solid-js';
import { explain } from './api';
import { t, type MessageKey } from './messages';

/** `tp('units.added', { name: 'Thôn 1' })` → "Đã thêm Thôn 1." */
export function tp(key: MessageKey, params: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
}

const VN = 'Asia/Ho_Chi_Minh';

/** dd/mm/yyyy of an instant, in Vietnam. */
export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: VN }).format(new Date(iso));
}

/** HH:mm dd/mm/yyyy of an instant, in Vietnam. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: VN }).format(d);
  return `${time} ${formatDay(iso)}`;
}

/** Today's calendar day in Vietnam, yyyy-mm-dd (for date inputs' defaults). */
export function vietnamDay(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: VN }).format(at);
}

export interface DialogProps extends ParentProps {
  title: string;
  onClose: () => void;
  /** Wider dialogs hold a table (a person's phones). */
  wide?: boolean;
}

/** A modal dialog, open while rendered; closing (Esc, "Huỷ") calls onClose. */
export function Dialog(props: DialogProps): JSX.Element {
  let el!: HTMLDialogElement;
  const id = createUniqueId();
  onMount(() => {
    if (typeof el.showModal === 'function' && !el.open) el.showModal();
  });
  return (
    <dialog ref={el} class={props.wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={`dlg-${id}`} on:close={() => props.onClose()}>
      <h2 id={`dlg-${id}`}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

/** The line saying what just happened, read out by screen readers. */
export function Notice(props: { text: string | null }): JSX.Element {
  return (
    <p class="notice setup-notice" role="status" classList={{ 'visually-hidden': !props.text }}>
      {props.text ?? ''}
    </p>
  );
}

/**
 * Runs a form's or dialog's save, keeping it open with the server's sentence when it refuses;
 * `onError` may take an error over (e.g. 409 unit.has_shares becomes a question) by returning
 * true, and `fail` shows a sentence of the form's own checks (it runs nothing).
 */
export function useSave() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const run = async (work: () => Promise<void>, onError?: (e: unknown) => boolean) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      if (!onError?.(e)) setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, fail: (text: string) => setError(text) };
}

/** "Huỷ" and the dialog's action, the action last (where the eye ends). */
export function DialogButtons(props: { busy: boolean; submit: string; onCancel: () => void; danger?: boolean }): JSX.Element {
  return (
    <div class="dialog-buttons">
      <button type="button" class="btn" onClick={() => props.onCancel()}>{t('common.cancel')}</button>
      <button type="submit" class={props.danger ? 'btn btn-main btn-danger' : 'btn btn-main'} disabled={props.busy}>
        {props.busy ? t('common.busy') : props.submit}
      </button>
    </div>
  );
}
