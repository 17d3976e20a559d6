/** "Đồng bộ ngay": sends what waits and fetches the office's news, now; offline, the badge answers "Chưa có mạng, sẽ tự gửi". */
import { useApp } from '../app-context';
import { syncState } from '../data/sync-controller';
import { Icon } from './Icon';
import { t } from '../i18n';

export function SyncNowButton(props: { class?: string }) {
  const { syncNow } = useApp();
  return (
    <button
      type="button"
      class={props.class ?? 'button button-secondary wide'}
      aria-busy={syncState.syncing()}
      aria-describedby="sync-message"
      onClick={() => void syncNow()}
    >
      {/* The name stays "Đồng bộ ngay" while running (the badge says "Đang đồng bộ…"), so it can be found and pressed again. */}
      <Icon name="sync" /> {t('sync.now')}
    </button>
  );
}
