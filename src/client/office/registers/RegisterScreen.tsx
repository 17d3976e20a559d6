/**
 * One unit's household register in the office: search and filters, the count line, the list,
 * and a household's detail — its fields, this period's ticks, disputes with both values side
 * by side ("Chọn giá trị này"), its history, and erasing a person on request (Decree 13).
 * The export button downloads the one file with names; the server logs every download.
 */
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import type { ChecklistSet, Household } from '../../../shared/schemas/registers';
import { t, type MessageKey } from '../messages';
import { explain, listUnits } from '../api';
import { downloadRegister, getRegister, listChecklists } from '../api-registers';
import { Notice, tp } from '../setup-kit';
import { countLine, filterRegister, hamletsOf, type RegisterFilter, type Verdict } from './register-view';
import { usePeriods } from './periods';
import HouseholdDetail from './HouseholdDetail';

export default function RegisterScreen(props: { unitId: string }) {
  const [units] = createResource(listUnits);
  const [register, { refetch }] = createResource(() => getRegister(props.unitId));
  const [checklists] = createResource(listChecklists);
  const { periods, periodId, setPeriodId } = usePeriods();
  const unit = () => units()?.find((u) => u.id === props.unitId);
  const used = createMemo(() => {
    // Checklists this register was assessed against come first; 5 không 3 sạch 2014 otherwise.
    const ids = new Set((register()?.assessments ?? []).map((a) => a.checklistId));
    const all = checklists() ?? [];
    return [...all.filter((c) => ids.has(c.id)), ...all.filter((c) => !ids.has(c.id))];
  });
  const [checklistId, setChecklistId] = createSignal<string | null>(null);
  const checklist = (): ChecklistSet | null => used().find((c) => c.id === (checklistId() ?? used()[0]?.id)) ?? null;
  const [filter, setFilter] = createSignal<RegisterFilter>({ query: '', hamlet: '', verdict: 'all', missing: '', showGone: false });
  const patch = (p: Partial<RegisterFilter>) => setFilter({ ...filter(), ...p });
  const households = () => register()?.households ?? [];
  const shown = createMemo(() => filterRegister(households(), register()?.assessments ?? [], checklist(), periodId(), filter()));
  const counts = () => countLine(households(), register()?.assessments ?? [], checklist(), periodId());
  const [openId, setOpenId] = createSignal<string | null>(null);
  const open = (): Household | undefined => households().find((h) => h.id === openId());
  const [notice, setNotice] = createSignal<string | null>(null);
  const [exporting, setExporting] = createSignal(false);

  const exportFile = async () => {
    setExporting(true);
    try {
      const { blob, fileName } = await downloadRegister(props.unitId, 'xlsx');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fileName ?? 'so-ho.xlsx';
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      setNotice(explain(e));
    } finally {
      setExporting(false);
    }
  };

  const verdictOf = (h: Household): Verdict => {
    const c = checklist();
    if (!c) return 'unassessed';
    const a = register()?.assessments.find((x) => x.householdId === h.id && x.checklistId === c.id && x.periodId === periodId());
    const ok = a ? c.items.every((i) => a.items[i.code] === true) : false;
    if (ok) return 'meets';
    return a && c.items.some((i) => a.items[i.code] === false) ? 'fails' : 'unassessed';
  };

  return (
    <main class="office-main registers">
      <div class="office-heading">
        <h1>{unit()?.name ?? t('reg.title')}</h1>
        <A class="btn" href="/office/registers">{t('reg.back')}</A>
      </div>
      <Notice text={notice()} />
      <div class="reg-actions">
        <A class="btn btn-main" href={`/office/registers/${encodeURIComponent(props.unitId)}/import`}>{t('reg.import')}</A>
        <button type="button" class="btn" disabled={exporting()} onClick={() => void exportFile()}>{exporting() ? t('reg.exporting') : t('reg.export')}</button>
        <span class="muted reg-export-note">{t('reg.export.note')}</span>
      </div>
      <Show when={!register.error} fallback={<p class="alert" role="alert">{explain(register.error)}</p>}>
        <section class="card" aria-label={t('reg.title')}>
          <div class="reg-filters">
            <label class="field">
              <span>{t('reg.search')}</span>
              <input type="search" value={filter().query} onInput={(e) => patch({ query: e.currentTarget.value })} aria-describedby="reg-search-help" />
              <small id="reg-search-help" class="muted">{t('reg.search.help')}</small>
            </label>
            <label class="field">
              <span>{t('reg.hamlet')}</span>
              <select value={filter().hamlet} onChange={(e) => patch({ hamlet: e.currentTarget.value })}>
                <option value="">{t('reg.allHamlets')}</option>
                <For each={hamletsOf(households())}>{(h) => <option value={h} selected={h === filter().hamlet}>{h}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>{t('reg.checklist')}</span>
              <select value={checklist()?.id ?? ''} onChange={(e) => (setChecklistId(e.currentTarget.value), patch({ missing: '' }))}>
                <For each={used()}>{(c) => <option value={c.id} selected={c.id === checklist()?.id}>{c.name} ({c.version})</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>{t('reg.period')}</span>
              <select value={periodId()} onChange={(e) => setPeriodId(e.currentTarget.value)}>
                <For each={periods()}>{(p) => <option value={p.id} selected={p.id === periodId()}>{p.name}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>{t('reg.verdict')}</span>
              <select value={filter().verdict} onChange={(e) => patch({ verdict: e.currentTarget.value as Verdict })}>
                <For each={['all', 'meets', 'fails', 'unassessed'] as const}>{(v) => <option value={v}>{t(`reg.verdict.${v}` as MessageKey)}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>{t('reg.missing')}</span>
              <select value={filter().missing} onChange={(e) => patch({ missing: e.currentTarget.value })}>
                <option value="">{t('reg.missing.any')}</option>
                <For each={checklist()?.items ?? []}>{(i) => <option value={i.code} selected={i.code === filter().missing}>{i.label}</option>}</For>
              </select>
            </label>
            <label class="check">
              <input type="checkbox" checked={filter().showGone} onChange={(e) => patch({ showGone: e.currentTarget.checked })} />
              {t('reg.showGone')}
            </label>
          </div>
          <Show when={register()} fallback={<p>{t('common.loading')}</p>}>
            <p class="reg-count" data-testid="reg-count">
              {checklist()
                ? tp('reg.countLine', { total: counts().total, meeting: counts().meeting, checklist: checklist()!.name, unassessed: counts().unassessed })
                : tp('reg.countLine.noChecklist', { total: counts().total })}
            </p>
            <Show when={households().length > 0} fallback={<p>{t('reg.empty')}</p>}>
              <Show when={shown().length > 0} fallback={<p>{t('reg.noMatch')}</p>}>
                <p class="muted">{tp('reg.shown', { n: shown().length })}</p>
                <div class="table-scroll">
                  <table class="review-table reg-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('reg.col.head')}</th><th scope="col">{t('reg.col.hamlet')}</th>
                        <th scope="col">{t('reg.col.members')}</th><th scope="col">{t('reg.col.flags')}</th><th scope="col">{t('reg.col.verdict')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={shown()}>
                        {(h) => (
                          <tr>
                            <td>
                              <button type="button" class="btn-link" onClick={() => setOpenId(h.id)}>{h.headName}</button>
                              <Show when={h.conflicts.length > 0}> <span class="state-chip state-returned">{t('reg.conflict')}</span></Show>
                              <Show when={h.status !== 'active'}> <span class="tag">{t(`reg.status.${h.status}` as MessageKey)}</span></Show>
                            </td>
                            <td>{h.hamlet ?? ''}</td>
                            <td class="num">{h.members ?? ''}</td>
                            <td>{[h.poor ? t('reg.poor') : '', h.nearPoor ? t('reg.nearPoor') : ''].filter(Boolean).join(', ')}</td>
                            <td>
                              <span class={`state-chip ${{ meets: 'state-approved', fails: 'state-returned', unassessed: 'state-submitted', all: '' }[verdictOf(h)]}`}>
                                {t(`reg.verdict.${verdictOf(h)}` as MessageKey)}
                              </span>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </Show>
          </Show>
        </section>
      </Show>
      <Show when={open()} keyed>
        {(h) => (
          <HouseholdDetail
            household={h}
            assessments={register()?.assessments ?? []}
            checklists={checklists() ?? []}
            periods={periods()}
            periodId={periodId()}
            onClose={() => setOpenId(null)}
            onChanged={(text) => (setNotice(text), void refetch())}
          />
        )}
      </Show>
    </main>
  );
}
