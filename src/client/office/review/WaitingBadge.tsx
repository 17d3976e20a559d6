/** The count beside "Duyệt báo cáo" in the office nav: read when the nav appears, after each decision. */
import { onMount, Show } from 'solid-js';
import { t } from '../messages';
import { refreshWaiting, waiting, waitingLabel } from './waiting';

export default function WaitingBadge() {
  onMount(() => void refreshWaiting());
  return (
    <Show when={waiting()}>
      {(count) => (
        <span class="nav-count">
          <span class="visually-hidden"> (</span>
          {waitingLabel(count())}
          <span class="visually-hidden"> {t('app.waiting')})</span>
        </span>
      )}
    </Show>
  );
}
