/**
 * "In thẻ": one card per village head or association leader on A4 sheets, to hand out at the
 * commune meeting. Codes are stored hashed, so the server cannot show an old one again:
 * printing issues fresh codes and cancels each person's unused ones, and the office is told so
 * before anything changes. The cards are always in Vietnamese (they go to the field, whatever
 * language the office screen is in). The sheet is mounted at the top of <body> so the print
 * stylesheet can print it alone.
 */
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { explain } from '../api';
import { enrollmentCards, type AdminUser, type EnrollmentCard } from '../api-setup';
import { messages, t } from '../messages';
import { Dialog, DialogButtons, formatDay, tp } from '../setup-kit';
import './cards.css';

const vi = messages.vi;

/** "sothidua.example.vn/enroll": where the app lives, without the code (the code is printed once, on its own). */
function appAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url.replace(/\?.*$/, '');
  }
}

export function CardsDialog(props: { users: AdminUser[]; onClose: () => void; onPrinted: () => void }) {
  const [cards, setCards] = createSignal<EnrollmentCard[] | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const issue = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const issued = await enrollmentCards(props.users);
      setCards([...issued].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.name.localeCompare(b.name, 'vi')));
      props.onPrinted();
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={cards()} fallback={
      <Dialog title={t('cards.title')} onClose={props.onClose}>
        <form onSubmit={issue}>
          <Show when={props.users.length > 0} fallback={<p>{t('cards.none')}</p>}>
            <p class="notice warnings">{tp('cards.help', { n: props.users.length })}</p>
          </Show>
          <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
          <DialogButtons busy={busy() || props.users.length === 0} submit={t('cards.go')} onCancel={props.onClose} />
        </form>
      </Dialog>
    }>
      {(list) => <CardSheet cards={list()} onClose={props.onClose} />}
    </Show>
  );
}

function CardSheet(props: { cards: EnrollmentCard[]; onClose: () => void }) {
  let printButton!: HTMLButtonElement;
  // Modal like a <dialog>: what lies behind the sheet takes no focus and no clicks meanwhile.
  const behind = () => [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && !el.classList.contains('sheet-host'));
  onMount(() => {
    document.body.classList.add('printing-cards');
    for (const el of behind()) el.inert = true;
    printButton.focus();
  });
  onCleanup(() => {
    document.body.classList.remove('printing-cards');
    for (const el of behind()) el.inert = false;
  });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose();
  };
  return (
    <Portal mount={document.body} ref={(el: HTMLDivElement) => el.classList.add('sheet-host')}>
      <div class="sheet-layer" role="dialog" aria-modal="true" aria-labelledby="sheet-title" onKeyDown={onKey}>
        <div class="sheet-bar">
          <div>
            <h2 id="sheet-title">{t('cards.preview')} ({props.cards.length})</h2>
            <p>{t('cards.previewHelp')}</p>
          </div>
          <div class="sheet-buttons">
            <button ref={printButton} type="button" class="sheet-btn sheet-btn-main" onClick={() => window.print()}>{t('cards.print')}</button>
            <button type="button" class="sheet-btn" onClick={() => props.onClose()}>{t('common.close')}</button>
          </div>
        </div>
        <div class="card-sheet" data-testid="card-sheet" lang="vi">
          <For each={props.cards}>
            {(c) => (
              <article class="enroll-card" aria-label={c.name}>
                <div class="enroll-card-head">
                  <p class="enroll-card-name">{c.name}</p>
                  <p class="enroll-card-unit">{c.unitName}</p>
                </div>
                <div class="enroll-card-body">
                  <div class="enroll-card-qr" role="img" aria-label={vi['code.qr']} innerHTML={c.qrSvg} />
                  <dl class="enroll-card-facts">
                    <dt>{vi['cards.code']}</dt><dd class="enroll-card-code">{c.code}</dd>
                    <dt>{vi['cards.app']}</dt><dd>{appAddress(c.url)}</dd>
                    <dt>{vi['cards.expires']}</dt><dd>{formatDay(c.expiresAt)}</dd>
                  </dl>
                </div>
                <ol class="enroll-card-steps">
                  <li>{vi['cards.step1'].replace(/^1\. /, '')}</li>
                  <li>{vi['cards.step2'].replace(/^2\. /, '')}</li>
                  <li>{vi['cards.step3'].replace(/^3\. /, '')}</li>
                </ol>
              </article>
            )}
          </For>
        </div>
      </div>
    </Portal>
  );
}
