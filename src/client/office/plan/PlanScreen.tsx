/**
 * One plan, draft or live (/office/plans/:id): its header, targets by area, shares grid,
 * periods, and taking it live or closing it. Everything typed is held here until "Lưu thay đổi",
 * which sends it as one batch with a progress bar: header, target changes (client-made ids, so
 * a retry never makes a target twice), then each changed target's shares (a replace, so sending
 * again changes nothing). A refusal stops the batch on the row it concerns; what was sent stays.
 */
import { Show, createEffect, createResource, createSignal, on } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { A, useSearchParams } from '@solidjs/router';
import { REPORTING_KINDS, type Unit } from '../../../shared/schemas/units';
import type { Assignment } from '../../../shared/schemas/targets';
import { formatViNumber } from '../../../shared/vi-number';
import { HttpFailure } from '../../data/http';
import { explain, getPlan, listAssignments, listTargets, listUnits } from '../api';
import {
  createTarget, deleteTarget, listChecklists, patchPlan, patchTarget, putAssignments, errorCode,
  type LivePeriod, type LivePlan, type LiveTarget, type RuleWarning,
} from '../api-plan';
import type { ChecklistSet } from '../../../shared/schemas/registers';
import { t } from '../messages';
import type { DraftError, DraftPlan, ImportDraft } from '../import/draft';
import HeaderForm from '../import/HeaderForm';
import { headerOf, ordered, planSave, rowFromTarget, type EditRow, type Step } from './targets-model';
import { cellsFrom, rowSum, sharesToSave, type Cells } from './shares-model';
import TargetsEditor from './TargetsEditor';
import SharesGrid from './SharesGrid';
import PeriodsCard from './PeriodsCard';
import PlanLifecycle, { type LocalWarning } from './PlanLifecycle';

interface Loaded {
  plan: LivePlan;
  targets: LiveTarget[];
  assignments: Assignment[];
  units: Unit[];
  checklists: ChecklistSet[];
}

async function load(planId: string): Promise<Loaded> {
  const [plan, targets, assignments, units, checklists] = await Promise.all([
    getPlan(planId) as Promise<LivePlan>, listTargets(planId) as Promise<LiveTarget[]>, listAssignments(planId), listUnits(),
    // Linked targets: what a target may be linked to; the editor still works without them.
    listChecklists().then((r) => r.checklists, () => [] as ChecklistSet[]),
  ]);
  return { plan, targets: [...targets].sort((a, b) => a.position - b.position), assignments, units, checklists };
}

const vi = new Intl.Collator('vi');

export default function PlanScreen(props: { planId: string }) {
  const [data, { mutate }] = createResource(() => props.planId, load);
  const [form, setForm] = createStore<{ draft: ImportDraft | null; rows: EditRow[]; cells: Cells; communeOnly: Record<string, boolean>; grace: string }>({
    draft: null, rows: [], cells: {}, communeOnly: {}, grace: '0',
  });
  const [errors, setErrors] = createSignal<DraftError[]>([]);
  const [rowErrors, setRowErrors] = createSignal<Record<string, string>>({});
  const [graceError, setGraceError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<{ done: number; total: number } | null>(null);
  const [search] = useSearchParams();
  const created = typeof search.created === 'string' ? search.created : null;
  const [notice, setNotice] = createSignal<string | null>(created ? `${t('import.created')}: ${created} ${t('import.createdTargets')}. ${t('plan.next')}` : null);
  const [error, setError] = createSignal<string | null>(null);
  const [serverWarnings, setServerWarnings] = createSignal<RuleWarning[]>([]);
  // What the form held when last filled from the server: unsaved changes are the difference.
  const [snapshot, setSnapshot] = createSignal('');

  /** Fills the form from what the server holds (first load, and after each save). */
  function fill(d: Loaded) {
    setForm(reconcile({
      draft: { text: '', plan: headerOf(d.plan), rows: [], warnings: [] },
      rows: d.targets.map(rowFromTarget),
      cells: cellsFrom(d.assignments),
      communeOnly: Object.fromEntries(d.targets.map((tg) => [tg.id, !!tg.communeOnly])),
      grace: String(d.plan.graceDays ?? 0),
    }));
    setSnapshot(JSON.stringify(unwrap(form)));
  }
  createEffect(on(data, (d) => {
    if (d && snapshot() === '') fill(d);
  }));
  const ready = () => (snapshot() ? (data.latest ?? null) : null);
  const dirty = () => snapshot() !== '' && JSON.stringify(form) !== snapshot();

  const units = () => {
    const d = ready();
    if (!d) return [];
    const reporting = d.units.filter((u) => REPORTING_KINDS.includes(u.kind) && !u.successorId);
    return reporting.sort((a, b) => (a.kind === b.kind ? vi.compare(a.name, b.name) : a.kind === 'village' ? -1 : 1));
  };
  /** The grid shows saved targets not dropped, in the editor's order. */
  const gridTargets = () => {
    const d = ready();
    if (!d) return [];
    const byId = new Map(d.targets.map((tg) => [tg.id, tg]));
    // The server's own objects, so the grid's rows keep their cells (and focus) while typing.
    return ordered(form.rows).filter((r) => !r.dropped && byId.has(r.key)).map((r) => byId.get(r.key)!);
  };
  const localWarnings = (): LocalWarning[] => gridTargets().flatMap((tg) => {
    const s = rowSum(tg, units().map((u) => u.id), form.cells);
    if (!s || s.difference === null || s.difference === 0 || s.total === 0 || form.communeOnly[tg.id]) return [];
    return [{ targetId: tg.id, text: `${tg.label}: ${t('shares.sum').toLowerCase()} ${formatViNumber(s.total)} / ${formatViNumber(s.target!)}` }];
  });

  function fix(targetId: string) {
    const row = document.getElementById(`share-row-${targetId}`);
    const input = row?.querySelector<HTMLInputElement>('input.share:not(:disabled)') ?? row?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    row?.scrollIntoView({ block: 'center' });
    input?.focus();
    input?.select?.();
  }

  async function save() {
    const d = ready();
    const header = form.draft?.plan;
    if (!d || !header || busy()) return;
    setNotice(null);
    setError(null);
    setRowErrors({});
    const grace = form.grace.trim();
    if (!/^\d{1,3}$/.test(grace)) {
      setGraceError(t('err.notNumber'));
      setError(t('plan.fixFirst'));
      return;
    }
    setGraceError(null);
    const { errors: found, steps } = planSave(d.plan, unwrap(header) as DraftPlan, unwrap(form.rows), d.targets);
    setErrors(found);
    if (found.length > 0) {
      setError(t('plan.fixFirst'));
      queueMicrotask(() => document.querySelector<HTMLElement>('.plan-screen [aria-invalid="true"]')?.focus());
      return;
    }
    if (Number(grace) !== (d.plan.graceDays ?? 0)) {
      const head = steps.find((s) => s.kind === 'header');
      if (head && head.kind === 'header') head.patch.graceDays = Number(grace);
      else steps.unshift({ kind: 'header', patch: { graceDays: Number(grace) } });
    }
    const kept = new Set(form.rows.filter((r) => !r.dropped).map((r) => r.key));
    const onlyChanges = d.targets.filter((tg) => kept.has(tg.id) && !!tg.communeOnly !== !!form.communeOnly[tg.id])
      .map((tg): Step => ({ kind: 'patch', key: tg.id, patch: { communeOnly: !!form.communeOnly[tg.id] } }));
    const shareTargets = d.targets.filter((tg) => kept.has(tg.id));
    const { saves, invalid } = sharesToSave(shareTargets, units().map((u) => u.id), unwrap(form.cells), d.assignments);
    if (invalid.length > 0) {
      setError(t('shares.invalid'));
      return;
    }
    const total = steps.length + onlyChanges.length + saves.length;
    if (total === 0) {
      setNotice(t('plan.nothing'));
      return;
    }
    let done = 0;
    setBusy({ done, total });
    const tick = () => setBusy({ done: ++done, total });
    let failedKey: string | null = null;
    try {
      for (const step of [...steps, ...onlyChanges]) {
        failedKey = step.kind === 'header' ? null : step.key;
        if (step.kind === 'header') await patchPlan(d.plan.id, step.patch);
        else if (step.kind === 'patch') await patchTarget(step.key, step.patch);
        else if (step.kind === 'create') {
          try {
            await createTarget(d.plan.id, step.input);
          } catch (e) {
            // Made by an earlier press whose answer was lost.
            if (errorCode(e) !== 'conflict.exists') throw e;
          }
        } else {
          try {
            await deleteTarget(step.key);
          } catch (e) {
            if (errorCode(e) !== 'not_found') throw e;
          }
        }
        tick();
      }
      for (const s of saves) {
        failedKey = s.targetId;
        await putAssignments(s.targetId, s.assignments);
        tick();
      }
      failedKey = null;
      const fresh = await load(d.plan.id);
      mutate(fresh);
      fill(fresh);
      setNotice(t('plan.saved'));
    } catch (e) {
      const message = explain(e);
      setError(message);
      if (failedKey && e instanceof HttpFailure) setRowErrors({ [failedKey]: message });
      // What went through stays saved; reading it back shows the office where things stand.
      const fresh = await load(d.plan.id).catch(() => null);
      if (fresh) mutate(fresh);
    } finally {
      setBusy(null);
    }
  }

  function lifecycle(plan: LivePlan, warnings: RuleWarning[]) {
    setServerWarnings(warnings);
    setNotice(plan.status === 'active' ? t('activate.done') : plan.status === 'closed' ? t('planClose.done') : null);
    const d = ready();
    if (d) mutate({ ...d, plan: { ...d.plan, ...plan, periods: plan.periods ?? d.plan.periods } });
  }

  function periodChanged(period: LivePeriod) {
    const d = ready();
    if (d) mutate({ ...d, plan: { ...d.plan, periods: d.plan.periods.map((p) => (p.id === period.id ? { ...p, ...period } : p)) } });
  }

  return (
    <main class="office-main plan-screen">
      <p><A href="/office">← {t('plan.back')}</A></p>
      <Show when={!data.error} fallback={<p class="alert" role="alert">{explain(data.error)}</p>}>
        <Show when={ready() && form.draft} fallback={<p>{t('plan.loading')}</p>}>
          <div class="office-heading">
            <h1>{ready()!.plan.number ? `${ready()!.plan.number} — ` : ''}{ready()!.plan.title}</h1>
          </div>
          <div role="status">
            <Show when={notice()}><p class="notice">{notice()}</p></Show>
          </div>
          <Show when={serverWarnings().length > 0}>
            <section class="card warnings" aria-labelledby="server-warnings">
              <h2 id="server-warnings">{t('import.warnings')}</h2>
              <ul>{serverWarnings().map((w) => <li>{ready()!.targets.find((tg) => tg.id === w.targetId)?.label ?? ''}: {w.message}</li>)}</ul>
            </section>
          </Show>
          <PlanLifecycle plan={ready()!.plan} dirty={dirty()} warnings={localWarnings()} onChanged={lifecycle} onFix={fix}
            onCommuneOnly={(ids) => { for (const id of ids) setForm('communeOnly', id, true); }} />
          <HeaderForm draft={form.draft!} set={setForm as never} errors={errors()} />
          <TargetsEditor rows={form.rows} errors={errors()} rowErrors={rowErrors()} checklists={ready()!.checklists}
            setRows={(rows) => setForm('rows', rows)}
            setRow={(key, patch) => setForm('rows', (r) => r.key === key, patch)} />
          <SharesGrid targets={gridTargets()} units={units()} cells={form.cells} disabled={busy() !== null}
            setCells={(cells) => setForm('cells', reconcile(cells))}
            setCell={(key, text) => setForm('cells', key, text)}
            communeOnly={form.communeOnly} setCommuneOnly={(id, on) => setForm('communeOnly', id, on)} />
          <PeriodsCard periods={ready()!.plan.periods} graceDays={form.grace} setGraceDays={(v) => setForm('grace', v)}
            graceError={graceError()} onPeriod={periodChanged} />
          <div class="create-bar">
            <Show when={dirty() && !busy()}><span class="muted">{t('plan.unsaved')}</span></Show>
            <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
            <Show when={busy()}>
              {(b) => (
                <label class="progress">
                  {t('plan.saving')}: {b().done}/{b().total}
                  <progress max={b().total} value={b().done} />
                </label>
              )}
            </Show>
            <button type="button" class="btn btn-main" disabled={busy() !== null} onClick={() => void save()}>{t('plan.save')}</button>
          </div>
        </Show>
      </Show>
    </main>
  );
}
