/**
 * "Nhập thay": office staff enter a unit's report on its behalf (a village head phoned it in),
 * in the phone's own form (components/ReportFields, read and checked by the same rules), sent
 * as the phone sends it; the server marks it entered by the office and it waits for review.
 * A commune-only target is entered for the commune itself. The report's id is made once, so
 * pressing "Gửi" again after a lost answer stores it once.
 */
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import type { Target } from '../../../shared/schemas';
import { REPORTING_KINDS } from '../../../shared/schemas/units';
import { uuidv7 } from '../../../shared/ids';
import { TargetField, problemText } from '../../components/ReportFields';
import { readForm, type FormTarget } from '../../form/reading';
import { explain } from '../api';
import { submitOnBehalf, type LiveTarget } from '../api-plan';
import { t } from '../messages';
import { loadNames, planTargets, unitName } from '../review/lookups';

const vi = new Intl.Collator('vi');

export default function EnterScreen() {
  const [names] = createResource(loadNames);
  // The progress page links here for the commune's own targets: ?plan=&period=&unit= preselect.
  const [params] = useSearchParams<{ plan?: string; period?: string; unit?: string }>();
  const [planId, setPlanId] = createSignal(params.plan ?? '');
  const [periodId, setPeriodId] = createSignal(params.period ?? '');
  const [unitId, setUnitId] = createSignal(params.unit ?? '');
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [note, setNote] = createSignal('');
  const [tried, setTried] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [sent, setSent] = createSignal<string | null>(null);
  let reportId = uuidv7();

  const livePlans = () => (names()?.plans ?? []).filter((p) => p.status !== 'draft');
  const plan = () => livePlans().find((p) => p.id === planId()) ?? null;
  const units = () => [...(names()?.units.values() ?? [])]
    .filter((u) => (REPORTING_KINDS.includes(u.kind) && !u.successorId) || u.kind === 'commune')
    .sort((a, b) => (a.kind === b.kind ? vi.compare(a.name, b.name) : a.kind === 'commune' ? -1 : b.kind === 'commune' ? 1 : a.kind === 'village' ? -1 : 1));
  const [targets] = createResource(() => planId() || null, planTargets);

  /** What the chosen unit carries (the commune: its commune-only targets), parents with their children. */
  const items = createMemo((): FormTarget[] => {
    const p = targets();
    const u = names()?.units.get(unitId());
    if (!p || !u) return [];
    const carried = (tg: Target) => (u.kind === 'commune' ? !!(tg as LiveTarget).communeOnly : p.shares.has(`${u.id}:${tg.id}`));
    const mine = p.targets.filter(carried);
    const ids = new Set(mine.map((tg) => tg.id));
    return mine.map((target) => ({ target, childIds: mine.filter((c) => c.parentId === target.id && ids.has(c.id)).map((c) => c.id), previous: null }));
  });
  const depth = (target: Target) => {
    let d = 0;
    for (let p = target.parentId; p && d < 5; p = items().find((i) => i.target.id === p)?.target.parentId ?? null) d++;
    return d;
  };
  const reading = createMemo(() => readForm(items(), fields()));
  const shown = () => reading().problems.filter((p) => tried() || p.severity === 'warning');

  function reset() {
    reportId = uuidv7();
    setFields({});
    setNote('');
    setTried(false);
    setError(null);
  }
  const choose = (f: () => void) => {
    f();
    reset();
    setSent(null);
  };

  async function send() {
    setTried(true);
    setError(null);
    setSent(null);
    if (reading().problems.some((p) => p.severity === 'error')) {
      setError(t('behalf.fixFirst'));
      queueMicrotask(() => document.querySelector<HTMLElement>('.enter-form [aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const result = await submitOnBehalf({
        id: reportId, unitId: unitId(), planId: planId(), periodId: periodId(), values: reading().values,
        note: note().trim() || null, createdAt: new Date().toISOString(), supersedes: null,
      });
      if (result.status === 'rejected') {
        setError(result.message ?? t('net.server'));
        return;
      }
      setSent(`${t('behalf.sent')} ${unitName(names()!, unitId())}.`);
      reset();
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="office-main enter-screen">
      <h1>{t('behalf.title')}</h1>
      <p class="muted">{t('behalf.help')}</p>
      <div role="status"><Show when={sent()}><p class="notice">{sent()}</p></Show></div>
      <Show when={!names.error} fallback={<p class="alert" role="alert">{explain(names.error)}</p>}>
        <Show when={names()} fallback={<p>{t('review.loading')}</p>}>
          <form class="review-filters" aria-label={t('behalf.choose')} onSubmit={(e) => e.preventDefault()}>
            <label class="field">
              <span>{t('behalf.plan')}</span>
              <select name="plan" onChange={(e) => { const v = e.currentTarget.value; choose(() => { setPlanId(v); setPeriodId(''); }); }}>
                <option value="" selected={!planId()}>—</option>
                <For each={livePlans()}>{(p) => <option value={p.id} selected={p.id === planId()}>{p.number ? `${p.number} — ` : ''}{p.title}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>{t('behalf.period')}</span>
              <select name="period" disabled={!plan()} onChange={(e) => { const v = e.currentTarget.value; choose(() => setPeriodId(v)); }}>
                <option value="" selected={!periodId()}>—</option>
                <For each={plan()?.periods ?? []}>{(p) => <option value={p.id} selected={p.id === periodId()}>{p.name}</option>}</For>
              </select>
            </label>
            <label class="field">
              <span>{t('behalf.unit')}</span>
              <select name="unit" onChange={(e) => { const v = e.currentTarget.value; choose(() => setUnitId(v)); }}>
                <option value="" selected={!unitId()}>—</option>
                <For each={units()}>{(u) => <option value={u.id} selected={u.id === unitId()}>{u.name}{u.kind === 'commune' ? ` ${t('behalf.commune')}` : ''}</option>}</For>
              </select>
            </label>
          </form>
          <Show when={planId() && periodId() && unitId()} fallback={<p>{t('behalf.pick')}</p>}>
            <Show when={targets()} fallback={<p>{t('review.loading')}</p>}>
              <Show when={items().length > 0} fallback={<p class="notice">{t('behalf.none')}</p>}>
                <section class="card enter-form" aria-labelledby="enter-form-title">
                  <h2 id="enter-form-title">{unitName(names()!, unitId())} — {plan()?.periods.find((p) => p.id === periodId())?.name}</h2>
                  <For each={items()}>
                    {(item, i) => (
                      <TargetField target={item.target} domId={`behalf-${i()}`} fields={fields()}
                        problems={shown().filter((p) => p.targetId === item.target.id)}
                        onChange={(key, text) => setFields((f) => ({ ...f, [key]: text }))}
                        assigned={targets()!.shares.get(`${unitId()}:${item.target.id}`) ?? null} previous={null}
                        isParent={item.childIds.length > 0} sum={reading().sums[item.target.id]} depth={depth(item.target)} />
                    )}
                  </For>
                  <label class="field">
                    <span>{t('behalf.note')}</span>
                    <textarea name="note" rows={3} maxLength={2000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
                  </label>
                  <Show when={error()}>
                    <div class="alert" role="alert">
                      <p>{error()}</p>
                      <Show when={tried()}><ul><For each={reading().problems.filter((p) => p.severity === 'error')}>{(p) => <li>{problemText(p)}</li>}</For></ul></Show>
                    </div>
                  </Show>
                  <button type="button" class="btn btn-main" disabled={busy() || reading().values.length === 0} onClick={() => void send()}>
                    {busy() ? t('behalf.sending') : t('behalf.send')}
                  </button>
                </section>
              </Show>
            </Show>
          </Show>
        </Show>
      </Show>
    </main>
  );
}
