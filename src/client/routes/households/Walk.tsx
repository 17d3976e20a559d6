/**
 * The walk: the leader goes from house to house with the phone. One household at a time, each
 * checklist item a big three-way toggle (Đạt / Không đạt / Chưa xem), previous and next, the
 * running count ("Đã rà 17/64 hộ, 12 đạt"), and a jump to the next household not yet reviewed.
 * Every tap is on disk and queued before the toggle shows it (data/household-changes.ts).
 * It walks the households the list's search and hamlet filter show, in the list's order.
 */
import { For, Show, createEffect, createMemo, createSignal } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { filterRows, nextUnassessed, runningCount } from '../../model/register';
import { filter, sendSoon, useRegister } from './register-view';
import { StorageFullError } from '../../data/outbox';
import { showFlash } from '../../app-context';
import { Icon } from '../../components/Icon';
import { t } from '../../i18n';

export default function Walk() {
  const reg = useRegister();
  const [params] = useSearchParams();
  // The walk's own order must not shift while ticking: the verdict filters are left out.
  const rows = createMemo(() => filterRows(reg.rows(), { ...filter(), verdict: 'all', missingItem: null, status: 'active' }));
  const [currentId, setCurrentId] = createSignal<string | null>(typeof params.h === 'string' ? params.h : null);
  const index = createMemo(() => {
    const list = rows();
    const at = list.findIndex((r) => r.household.id === currentId());
    if (at >= 0) return at;
    // First opening: the first household not yet reviewed.
    const first = list.length ? nextUnassessed(list, list.length - 1) : -1;
    return first >= 0 ? first : 0;
  });
  const current = () => rows()[index()];
  const count = createMemo(() => {
    const c = reg.checklist();
    const p = reg.period();
    return c && p ? runningCount(rows(), c, p.id) : null;
  });
  const go = (i: number) => {
    const list = rows();
    if (list.length) setCurrentId(list[(i + list.length) % list.length]!.household.id);
  };
  const jump = () => {
    const i = nextUnassessed(rows(), index());
    if (i < 0) showFlash(t('walk.all_assessed'));
    else go(i);
  };
  // What a tap committed, shown at once: the register's live re-read (2,000 households) takes
  // a while on a cheap phone, and the toggle must not lag the thumb. Dropped as the re-read
  // catches up, so a later change from another phone is not hidden.
  const [committed, setCommitted] = createSignal(new Map<string, boolean | null>());
  const overlayKey = (householdId: string, itemCode: string) => `${householdId}|${itemCode}`;
  createEffect(() => {
    const list = rows();
    const held = committed();
    if (held.size === 0) return;
    const byId = new Map(list.map((r) => [r.household.id, r]));
    const left = new Map([...held].filter(([k, v]) => {
      const [id, code] = k.split('|');
      return (byId.get(id!)?.items?.[code!] ?? null) !== v;
    }));
    if (left.size !== held.size) setCommitted(left);
  });
  const valueOf = (householdId: string, items: Record<string, boolean | null> | undefined, itemCode: string): boolean | null => {
    const k = overlayKey(householdId, itemCode);
    const held = committed();
    return held.has(k) ? held.get(k)! : (items?.[itemCode] ?? null);
  };
  const tick = async (itemCode: string, value: boolean | null) => {
    const row = current();
    const c = reg.checklist();
    const p = reg.period();
    if (!row || !c || !p) return;
    // Stay on this household even if the list moves under it.
    setCurrentId(row.household.id);
    try {
      const saved = await reg.app.data.tickItem(row.household.id, c.id, p.id, itemCode, value);
      // On disk and queued: now the toggle may say so.
      setCommitted(new Map(committed()).set(overlayKey(row.household.id, itemCode), value));
      if (saved.status === 'queued') sendSoon(reg.app);
    } catch (error) {
      showFlash(error instanceof StorageFullError ? t('storage.full') : t('error.generic'), 'error');
    }
  };

  return (
    <main class="screen walk" aria-labelledby="walk-title">
      <p>
        <A href="/households" class="back-link">
          <Icon name="back" /> {t('hh.back_list')}
        </A>
      </p>
      <Show when={reg.data()}>
        <Show when={reg.checklist() && reg.period()} fallback={<p class="notice notice-info">{reg.checklist() ? t('hh.no_period') : t('hh.no_checklist')}</p>}>
          <h1 id="walk-title">{t('walk.title', { checklist: reg.checklist()!.name })}</h1>
          <p class="details">{reg.period()!.name}</p>
          <Show when={count()}>
            {(c) => (
              <p class="walk-count" role="status" data-testid="walk-count">
                {t('walk.progress', { assessed: c().assessed, total: c().total, meeting: c().meeting })}
                {' · '}
                <strong data-testid="walk-meets">{t('hh.verdict_meets')} {t('walk.meets_count', { meeting: c().meeting, total: c().total })}</strong>
              </p>
            )}
          </Show>
          <Show when={current()} fallback={<p class="empty">{t('walk.empty')}</p>}>
            {(row) => (
              <section class="walk-household" aria-labelledby="walk-name" data-testid="walk-household" data-household-id={row().household.id}>
                <p class="details">{t('walk.position', { index: index() + 1, total: rows().length })}</p>
                <h2 id="walk-name" class="walk-name">{row().household.headName}</h2>
                <p class="hh-meta">
                  {row().household.hamlet ?? ''}
                  <Show when={row().household.address}> · {row().household.address}</Show>
                </p>
                <p>
                  <Show when={row().verdict === true}><span class="chip chip-ok" data-testid="walk-verdict"><Icon name="check" /> {t('walk.verdict_meets')}</span></Show>
                  <Show when={row().verdict === false}><span class="chip chip-error" data-testid="walk-verdict"><Icon name="cross" /> {t('walk.verdict_fails')}</span></Show>
                  <Show when={row().verdict === null}><span class="chip chip-neutral" data-testid="walk-verdict">{t('walk.verdict_unknown')}</span></Show>
                </p>
                <ol class="walk-items">
                  <For each={reg.checklist()!.items}>
                    {(item) => {
                      const value = () => valueOf(row().household.id, row().items, item.code);
                      return (
                        <li class="walk-item" data-item={item.code}>
                          <p class="walk-item-label" id={`item-${item.code}`}>{item.label}</p>
                          <div class="tri" role="radiogroup" aria-labelledby={`item-${item.code}`}>
                            <button type="button" role="radio" aria-checked={value() === true} class={value() === true ? 'tri-option tri-yes on' : 'tri-option tri-yes'}
                              onClick={() => void tick(item.code, true)} data-testid="tick-yes">
                              <Icon name="check" /> {t('walk.holds')}
                            </button>
                            <button type="button" role="radio" aria-checked={value() === false} class={value() === false ? 'tri-option tri-no on' : 'tri-option tri-no'}
                              onClick={() => void tick(item.code, false)} data-testid="tick-no">
                              <Icon name="cross" /> {t('walk.fails')}
                            </button>
                            <button type="button" role="radio" aria-checked={value() === null} class={value() === null ? 'tri-option tri-unset on' : 'tri-option tri-unset'}
                              onClick={() => void tick(item.code, null)} data-testid="tick-unset">
                              {t('walk.unset')}
                            </button>
                          </div>
                        </li>
                      );
                    }}
                  </For>
                </ol>
              </section>
            )}
          </Show>
          <div class="bottom-bar walk-bar">
            <button type="button" class="button button-secondary" onClick={() => go(index() - 1)} disabled={rows().length < 2} data-testid="walk-prev">
              <Icon name="back" /> {t('walk.prev')}
            </button>
            <button type="button" class="button" onClick={jump} disabled={rows().length === 0} data-testid="walk-jump">
              {t('walk.next_unassessed')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => go(index() + 1)} disabled={rows().length < 2} data-testid="walk-next">
              {t('walk.next')} <Icon name="next" />
            </button>
          </div>
        </Show>
      </Show>
    </main>
  );
}
