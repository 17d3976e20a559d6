/**
 * "Đơn vị": the commune's tree (the district above when the plan names one, the commune, its
 * villages, associations and office sections), with add, rename, close and replace-by-successor.
 * Closing a unit that still carries shares asks what becomes of them (drop, or move).
 */
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { HttpFailure } from '../../data/http';
import type { UnitKind } from '../../../shared/schemas/units';
import { listPlans, explain } from '../api';
import { listOfficeUnits, listUsers, createUnit, type OfficeUnit } from '../api-setup';
import '../setup.css';
import { t, type MessageKey } from '../messages';
import { tp, Notice } from '../setup-kit';
import { CloseDialog, RenameDialog, ReplaceDialog } from './UnitDialogs';

const KIND_ORDER: UnitKind[] = ['province', 'district', 'commune', 'village', 'association', 'office'];
const ADDABLE = ['village', 'association', 'office'] as const;

export function isOpen(u: OfficeUnit): boolean {
  return !u.successorId && !u.closedAt;
}

/** The level above named by the newest plan's issuer ("UBND huyện Ia Grai"), if it is a district's. */
function districtAbove(plans: { year: number; issuer?: string }[] | undefined): string | null {
  const issuer = [...(plans ?? [])].sort((a, b) => b.year - a.year).map((p) => p.issuer ?? '').find((s) => /huyện|quận|thị xã/i.test(s));
  return issuer?.trim() || null;
}

type Action = { kind: 'rename' | 'close' | 'replace'; unit: OfficeUnit };

export default function UnitsScreen() {
  const [units, { refetch }] = createResource(listOfficeUnits);
  const [users] = createResource(listUsers);
  const [plans] = createResource(() => listPlans().catch(() => []));
  const [showClosed, setShowClosed] = createSignal(false);
  const [action, setAction] = createSignal<Action | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  const byId = createMemo(() => new Map((units() ?? []).map((u) => [u.id, u])));
  const commune = createMemo(() => (units() ?? []).find((u) => u.kind === 'commune') ?? null);
  const children = (parentId: string) =>
    (units() ?? [])
      .filter((u) => u.parentId === parentId && u.kind !== 'commune' && (showClosed() || isOpen(u)))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'vi'));
  const heads = (unitId: string) => (users() ?? []).filter((u) => u.unitId === unitId && u.active && (u.role === 'village' || u.role === 'association')).length;

  const done = (text: string) => {
    setAction(null);
    setNotice(text);
    void refetch();
  };

  const Row = (props: { unit: OfficeUnit }) => {
    const u = props.unit;
    const successor = () => (u.successorId ? byId().get(u.successorId)?.name ?? '' : null);
    return (
      <li class="unit-node">
        <div class="unit-row" classList={{ 'unit-gone': !isOpen(u) }}>
          <span class="unit-name">{u.name}</span>
          <span class="tag">{t(`kind.${u.kind}` as MessageKey)}</span>
          <Show when={u.kind === 'village' || u.kind === 'association'}>
            <span class="muted">{heads(u.id)} {t('units.heads')}</span>
            <A class="btn btn-small" href={`/office/registers/${encodeURIComponent(u.id)}`}>{t('reg.nav')}<span class="visually-hidden"> {u.name}</span></A>
          </Show>
          <Show when={successor() !== null}><span class="state-chip state-returned">{tp('units.replacedBy', { name: successor()! })}</span></Show>
          <Show when={u.closedAt && !u.successorId}><span class="state-chip state-returned">{t('units.closed')}</span></Show>
          <span class="unit-actions">
            <button type="button" class="btn btn-small" onClick={() => setAction({ kind: 'rename', unit: u })}>
              {t('units.rename')}<span class="visually-hidden"> {u.name}</span>
            </button>
            <Show when={u.kind !== 'commune' && isOpen(u)}>
              <button type="button" class="btn btn-small" onClick={() => setAction({ kind: 'replace', unit: u })}>
                {t('units.replace')}<span class="visually-hidden"> — {u.name}</span>
              </button>
              <button type="button" class="btn btn-small btn-return" onClick={() => setAction({ kind: 'close', unit: u })}>
                {t('units.close')}<span class="visually-hidden"> {u.name}</span>
              </button>
            </Show>
          </span>
        </div>
        <Show when={children(u.id).length > 0}>
          <ul class="unit-tree">
            <For each={children(u.id)}>{(c) => <Row unit={c} />}</For>
          </ul>
        </Show>
      </li>
    );
  };

  return (
    <main class="office-main setup-main">
      <div class="office-heading">
        <h1>{t('units.title')}</h1>
        <A class="btn" href="/office/people">{t('nav.people')} →</A>
      </div>
      <Notice text={notice()} />
      <AddUnitForm communeId={commune()?.id ?? null} onAdded={(u) => done(tp('units.added', { name: u.name }))} />
      <Show when={!units.error} fallback={<p class="alert" role="alert">{explain(units.error)}</p>}>
        <Show when={commune()} fallback={<p>{t('common.loading')}</p>}>
          {(c) => (
            <section class="card" aria-labelledby="tree-title">
              <div class="office-heading">
                <h2 id="tree-title">{t('units.tree')}</h2>
                <label class="check">
                  <input type="checkbox" checked={showClosed()} onChange={(e) => setShowClosed(e.currentTarget.checked)} />
                  {t('units.showClosed')}
                </label>
              </div>
              <Show when={districtAbove(plans())} fallback={<ul class="unit-tree unit-root"><Row unit={c()} /></ul>}>
                {(district) => (
                  <ul class="unit-tree unit-root">
                    <li class="unit-node">
                      <div class="unit-row unit-above"><span class="unit-name">{district()}</span><span class="muted">{t('units.above')}</span></div>
                      <ul class="unit-tree"><Row unit={c()} /></ul>
                    </li>
                  </ul>
                )}
              </Show>
              <Show when={children(c().id).length === 0}><p>{t('units.none')}</p></Show>
            </section>
          )}
        </Show>
      </Show>
      <Show when={action()} keyed>
        {(act) => {
          const a = () => act;
          const close = () => setAction(null);
          const others = () => (units() ?? []).filter((u) => u.id !== a().unit.id && u.kind !== 'commune' && isOpen(u));
          return (
            <Switch>
              <Match when={a().kind === 'rename'}><RenameDialog unit={a().unit} onClose={close} onDone={done} /></Match>
              <Match when={a().kind === 'close'}>
                <CloseDialog unit={a().unit} candidates={others().filter((u) => u.kind === a().unit.kind)} onClose={close} onDone={done} />
              </Match>
              <Match when={a().kind === 'replace'}><ReplaceDialog unit={a().unit} candidates={others()} onClose={close} onDone={done} /></Match>
            </Switch>
          );
        }}
      </Show>
    </main>
  );
}

function AddUnitForm(props: { communeId: string | null; onAdded: (u: OfficeUnit) => void }) {
  const [kind, setKind] = createSignal<(typeof ADDABLE)[number]>('village');
  const [name, setName] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let nameInput!: HTMLInputElement;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy() || !name().trim()) return;
    setBusy(true);
    setError(null);
    try {
      const unit = await createUnit({ kind: kind(), name: name().trim(), parentId: props.communeId });
      setName('');
      props.onAdded(unit);
      nameInput.focus();
    } catch (err) {
      setError(err instanceof HttpFailure && err.body?.code === 'conflict.exists' ? err.body.message : explain(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card add-form" onSubmit={submit} aria-labelledby="add-unit-title">
      <h2 id="add-unit-title">{t('units.add')}</h2>
      <div class="add-row">
        <label class="field">
          <span>{t('units.kind')}</span>
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as (typeof ADDABLE)[number])}>
            <For each={ADDABLE}>{(k) => <option value={k}>{t(`kind.${k}` as MessageKey)}</option>}</For>
          </select>
        </label>
        <label class="field add-name">
          <span>{t('units.name')}</span>
          <input ref={nameInput} required maxLength={200} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-main" disabled={busy()}>{busy() ? t('common.busy') : t('units.add')}</button>
      </div>
      <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
    </form>
  );
}
