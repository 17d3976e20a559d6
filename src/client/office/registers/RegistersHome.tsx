/**
 * The office's register summary: for a period, each village's and association's households,
 * how many are assessed and meet each checklist, and how many wait for a value to be
 * confirmed — counts only, from GET /api/periods/:id/register-counts (no names). Each row
 * opens that unit's register.
 */
import { For, Show, createResource } from 'solid-js';
import { A } from '@solidjs/router';
import { t } from '../messages';
import { explain, listUnits } from '../api';
import { getRegisterCounts } from '../api-registers';
import { usePeriods } from './periods';

export function RegisterSummary() {
  const [units] = createResource(listUnits);
  const { periods, periodId, setPeriodId } = usePeriods();
  const [counts] = createResource(() => periodId() || null, getRegisterCounts);
  const name = (id: string) => units()?.find((u) => u.id === id)?.name ?? '';
  const open = (id: string) => !units()?.find((u) => u.id === id)?.closedAt;
  return (
    <section class="card" aria-labelledby="reg-counts-title">
      <div class="office-heading">
        <h2 id="reg-counts-title">{t('reg.counts.title')}</h2>
        <label class="field">
          <span>{t('reg.counts.period')}</span>
          <select value={periodId()} onChange={(e) => setPeriodId(e.currentTarget.value)}>
            <For each={periods()}>{(p) => <option value={p.id} selected={p.id === periodId()}>{p.name}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={!periods.loading && periods().length === 0}>
        <p>{t('reg.counts.noPlan')} <A href="/office/import">{t('app.import')}</A></p>
      </Show>
      <Show when={!counts.error} fallback={<p class="alert" role="alert">{explain(counts.error)}</p>}>
        <Show when={counts()}>
          {(c) => (
            <div class="table-scroll">
              <table class="review-table reg-table" data-testid="reg-counts">
                <thead>
                  <tr>
                    <th scope="col">{t('reg.counts.unit')}</th>
                    <th scope="col">{t('reg.counts.households')}</th>
                    <For each={c().checklists}>
                      {(cl) => <th scope="col">{cl.name} ({cl.version}): {t('reg.counts.meeting')} / {t('reg.counts.assessed')}</th>}
                    </For>
                    <th scope="col">{t('reg.counts.conflicts')}</th>
                    <th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  <For each={c().units.filter((u) => u.households > 0 || open(u.unitId))}>
                    {(u) => (
                      <tr>
                        <th scope="row">{name(u.unitId)}</th>
                        <td class="num">{u.households}</td>
                        <For each={u.checklists}>{(x) => <td class="num">{x.meeting} / {x.assessed}</td>}</For>
                        <td class="num">{u.conflicts > 0 ? <span class="state-chip state-returned">{u.conflicts}</span> : 0}</td>
                        <td><A class="btn btn-small" href={`/office/registers/${encodeURIComponent(u.unitId)}`}>{t('reg.open')}<span class="visually-hidden"> {name(u.unitId)}</span></A></td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={c().units.every((u) => u.households === 0)}><p>{t('reg.counts.none')}</p></Show>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}

export default function RegistersHome() {
  return (
    <main class="office-main registers">
      <div class="office-heading">
        <h1>{t('reg.title')}</h1>
        <A class="btn" href="/office/checklists">{t('reg.checklists')} →</A>
      </div>
      <p>{t('reg.home.lead')}</p>
      <RegisterSummary />
    </main>
  );
}
