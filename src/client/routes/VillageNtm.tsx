/**
 * The village's NTM criteria, read only and offline: "Đạt x/y tiêu chí", then each criterion
 * with its indicators — met, not met or not recorded (icon + word), and for household-based
 * ones the figure from this phone's register ("28/32 hộ, 87,5%").
 */
import { For, Show, createMemo } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../app-context';
import { createLiveOnce } from '../data/live';
import { villageNtmView } from '../model/ntm-village';
import type { IndicatorState } from '../../shared/ntm';
import { t } from '../i18n';
import { Icon } from '../components/Icon';

export default function VillageNtm() {
  const app = useApp();
  const input = createLiveOnce(() => app.data.villageNtm());
  const view = createMemo(() => {
    const i = input();
    return i ? villageNtmView(i) : undefined;
  });
  return (
    <main class="screen" aria-labelledby="ntm-title">
      <h1 id="ntm-title">{t('ntm.title')}</h1>
      <Show when={view() !== undefined}>
        <Show when={view()} fallback={<p class="empty">{t('ntm.none_set')}</p>}>
          {(v) => (
            <>
              <p class="unit-name">{v().setName}</p>
              <p class="ntm-phone-count" data-testid="ntm-phone-count"><strong>{t('ntm.count', { met: v().met, total: v().total })}</strong></p>
              <p class="small">{t('ntm.readonly')}</p>
              <ul class="cards">
                <For each={v().criteria}>
                  {(c) => (
                    <li class="card" data-testid="ntm-criterion">
                      <h2 class="ntm-phone-criterion">{c.code}. {c.name}</h2>
                      <p><StateChip state={c.met ? 'met' : 'notMet'} /></p>
                      <ul class="ntm-phone-indicators">
                        <For each={c.indicators}>
                          {(i) => (
                            <li>
                              <StateChip state={i.verdict} /> {i.code} {i.name}
                              <Show when={i.share}>{(s) => <span class="small"> — {t('ntm.from_register', { share: s() })}</span>}</Show>
                            </li>
                          )}
                        </For>
                      </ul>
                    </li>
                  )}
                </For>
              </ul>
            </>
          )}
        </Show>
      </Show>
      <div class="bottom-bar">
        <A class="button" href="/">{t('ntm.back')}</A>
      </div>
    </main>
  );
}

export function StateChip(props: { state: IndicatorState | null }) {
  return (
    <Show when={props.state} fallback={<span class="chip chip-neutral"><Icon name="circle" /> {t('ntm.none')}</span>}>
      {(s) => (
        <span class={`chip ${s() === 'met' ? 'chip-ok' : 'chip-warn'}`} data-state={s()}>
          <Icon name={s() === 'met' ? 'check' : 'cross'} /> {s() === 'met' ? t('ntm.met') : t('ntm.not_met')}
        </span>
      )}
    </Show>
  );
}
