/**
 * The household register (Sổ hộ): search by name without diacritics, filter by hamlet, by the
 * chosen checklist's result for the chosen period, by a missing item, and see moved-away or
 * merged households; a count line; 50 rows at a time so 2,000 households stay quick on a cheap
 * phone. From here: add a household, open one, or walk the list on the review screen.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { filterRows, hamletsOf, runningCount, type RegisterRow, type VerdictFilter } from '../../model/register';
import { NO_FILTER } from '../../model/register';
import { filter, setFilter, setChecklistChoice, setPeriodChoice, useRegister } from './register-view';
import { SyncNowButton } from '../../components/SyncNowButton';
import { Icon } from '../../components/Icon';
import { t } from '../../i18n';

const PAGE = 50;

export default function Households() {
  const reg = useRegister();
  const [params] = useSearchParams();
  const [limit, setLimit] = createSignal(PAGE);
  const shown = createMemo(() => filterRows(reg.rows(), filter()));
  const active = createMemo(() => reg.rows().filter((r) => r.household.status === 'active'));
  const count = createMemo(() => {
    const c = reg.checklist();
    const p = reg.period();
    return c && p ? runningCount(active(), c, p.id) : null;
  });
  const hamlets = createMemo(() => hamletsOf(reg.data()?.households ?? []));
  const names = createMemo(() => new Map((reg.data()?.households ?? []).map((h) => [h.id, h.headName])));
  const update = (patch: Partial<ReturnType<typeof filter>>) => {
    setFilter({ ...filter(), ...patch });
    setLimit(PAGE);
  };
  const filtered = () => JSON.stringify(filter()) !== JSON.stringify(NO_FILTER);

  return (
    <main class="screen" aria-labelledby="hh-title">
      <p>
        <A href="/" class="back-link">
          <Icon name="back" /> {t('nav.back')}
        </A>
      </p>
      <h1 id="hh-title">{t('hh.title')}</h1>
      <Show when={reg.data()}>
        {(d) => (
          <>
            <Show when={d().refused.length > 0}>
              <section class="notice notice-error" aria-labelledby="hh-refused" data-testid="hh-refused" id="refused">
                <h2 id="hh-refused">{t('hh.refused_title')}</h2>
                <For each={d().refused}>
                  {(item) => (
                    <div class="refused-item">
                      <p>{t('hh.refused_item', { name: names().get(item.householdId) ?? '', message: item.lastError?.message ?? '' })}</p>
                      <button type="button" class="button button-secondary wide" onClick={() => void reg.app.data.dismissRefusedChange(item.id)}>
                        {t('hh.refused_dismiss')}
                      </button>
                    </div>
                  )}
                </For>
              </section>
            </Show>
            <div class="row">
              <A class="button" href="/households/new" data-testid="hh-add">
                <Icon name="plus" /> {t('hh.add')}
              </A>
              <Show when={reg.checklist() && reg.period()}>
                <A class="button button-secondary" href="/households/walk" data-testid="hh-walk">
                  <Icon name="next" /> {t('hh.walk')}
                </A>
              </Show>
            </div>

            <label class="field-label" for="hh-search">{t('hh.search')}</label>
            <div class="search-box">
              <Icon name="search" />
              <input id="hh-search" type="search" autocomplete="off" value={filter().query} placeholder={t('hh.search_hint')}
                onInput={(e) => update({ query: e.currentTarget.value })} data-testid="hh-search" />
            </div>

            <details class="filters" open={params.refused === '1' ? false : filtered()}>
              <summary>{t('hh.filters')}</summary>
              <Show when={reg.checklists().length > 1}>
                <label class="field-label" for="hh-checklist">{t('hh.checklist')}</label>
                <select id="hh-checklist" value={reg.checklist()?.id ?? ''} onChange={(e) => setChecklistChoice(e.currentTarget.value)}>
                  <For each={reg.checklists()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
                </select>
              </Show>
              <Show when={reg.periods().length > 0}>
                <label class="field-label" for="hh-period">{t('hh.period')}</label>
                <select id="hh-period" value={reg.period()?.id ?? ''} onChange={(e) => setPeriodChoice(e.currentTarget.value)}>
                  <For each={reg.periods()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                </select>
              </Show>
              <label class="field-label" for="hh-hamlet">{t('hh.hamlet')}</label>
              <select id="hh-hamlet" value={filter().hamlet ?? '*'} onChange={(e) => update({ hamlet: e.currentTarget.value === '*' ? null : e.currentTarget.value })}>
                <option value="*">{t('hh.hamlet_all')}</option>
                <For each={hamlets()}>{(h) => <option value={h}>{h || t('hh.hamlet_none')}</option>}</For>
              </select>
              <label class="field-label" for="hh-verdict">{t('hh.verdict')}</label>
              <select id="hh-verdict" value={filter().verdict} onChange={(e) => update({ verdict: e.currentTarget.value as VerdictFilter })} data-testid="hh-verdict">
                <option value="all">{t('hh.verdict_all')}</option>
                <option value="meets">{t('hh.verdict_meets')}</option>
                <option value="fails">{t('hh.verdict_fails')}</option>
                <option value="unassessed">{t('hh.verdict_unassessed')}</option>
              </select>
              <Show when={reg.checklist()}>
                {(c) => (
                  <>
                    <label class="field-label" for="hh-missing">{t('hh.missing')}</label>
                    <select id="hh-missing" value={filter().missingItem ?? '*'} onChange={(e) => update({ missingItem: e.currentTarget.value === '*' ? null : e.currentTarget.value })}>
                      <option value="*">{t('hh.missing_any')}</option>
                      <For each={c().items}>{(i) => <option value={i.code}>{i.label}</option>}</For>
                    </select>
                  </>
                )}
              </Show>
              <label class="field-label" for="hh-status">{t('hh.status')}</label>
              <select id="hh-status" value={filter().status} onChange={(e) => update({ status: e.currentTarget.value as 'active' | 'gone' })} data-testid="hh-status">
                <option value="active">{t('hh.status_active')}</option>
                <option value="gone">{t('hh.status_gone')}</option>
              </select>
              <Show when={filtered()}>
                <button type="button" class="button button-secondary wide" onClick={() => update(NO_FILTER)}>{t('hh.clear_filters')}</button>
              </Show>
            </details>

            <Show when={!reg.checklist()}>
              <p class="notice notice-info small">{t('hh.no_checklist')}</p>
            </Show>
            <Show when={reg.checklist() && !reg.period()}>
              <p class="notice notice-info small">{t('hh.no_period')}</p>
            </Show>
            <p class="count-line" data-testid="hh-count" role="status">
              {t('hh.count', { shown: shown().length, total: active().length })}
              <Show when={count()}>
                {(c) => <> · <strong data-testid="hh-meets">{t('hh.meets_line', { meeting: c().meeting, total: c().total, assessed: c().assessed })}</strong></>}
              </Show>
            </p>
            <Show when={d().households.length > 0} fallback={<p class="empty">{t('hh.empty')}</p>}>
              <Show when={shown().length > 0} fallback={<p class="empty">{t('hh.none_match')}</p>}>
                <ul class="hh-list" aria-label={t('hh.title')}>
                  <For each={shown().slice(0, limit())}>{(row) => <HouseholdRow row={row} unsent={d().unsent.has(row.household.id)} />}</For>
                </ul>
                <Show when={shown().length > limit()}>
                  <button type="button" class="button button-secondary wide" onClick={() => setLimit(limit() + PAGE)} data-testid="hh-more">
                    {t('hh.more', { count: Math.min(PAGE, shown().length - limit()) })}
                  </button>
                </Show>
              </Show>
            </Show>
          </>
        )}
      </Show>
      <div class="bottom-bar">
        <SyncNowButton />
      </div>
    </main>
  );
}

function HouseholdRow(props: { row: RegisterRow; unsent: boolean }) {
  const h = () => props.row.household;
  const verdict = () => props.row.verdict;
  return (
    <li>
      <A class="hh-row" href={`/households/${encodeURIComponent(h().id)}`} data-testid="hh-row" data-household-id={h().id}>
        <span class="hh-name">{h().headName}</span>
        <span class="hh-meta">
          {h().hamlet ?? ''}
          <Show when={h().members !== null}> · {t('hh.members_short', { count: h().members! })}</Show>
        </span>
        <span class="hh-chips">
          <Show when={h().status !== 'active'}>
            <span class="chip chip-neutral">{h().status === 'moved' ? t('hh.moved') : t('hh.merged')}</span>
          </Show>
          <Show when={h().status === 'active' && verdict() === true}>
            <span class="chip chip-ok"><Icon name="check" /> {t('hh.verdict_meets')}</span>
          </Show>
          <Show when={h().status === 'active' && verdict() === false}>
            <span class="chip chip-error"><Icon name="cross" /> {t('hh.verdict_fails')}</span>
          </Show>
          <Show when={h().conflicts.length > 0}>
            <span class="chip chip-warn" data-testid="hh-conflict-chip"><Icon name="warn" /> {t('hh.conflict')}</span>
          </Show>
          <Show when={props.unsent}>
            <span class="chip chip-info"><Icon name="clock" /> {t('hh.unsent')}</span>
          </Show>
        </span>
      </A>
    </li>
  );
}
