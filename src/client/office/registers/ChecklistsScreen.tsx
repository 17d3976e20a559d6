/**
 * The household checklists the commune may use: shipped with the app (data files in
 * reference/checklists) and the commune's own versions, each with its source and validity,
 * and "chưa đối chiếu" when not checked against a published text. "Tạo phiên bản mới" copies
 * a version into a form (name, version, source, validity, items) and saves it as a NEW
 * version: the old one, and every tick made under it, stays as it was.
 */
import { For, Show, createResource, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import type { ChecklistItem, ChecklistSet } from '../../../shared/schemas/registers';
import { foldVietnamese } from '../../../shared/registers';
import { t } from '../messages';
import { explain } from '../api';
import { createChecklist, listChecklists } from '../api-registers';
import { Dialog, DialogButtons, Notice, formatDay, tp, useSave } from '../setup-kit';

const dayOf = (d: string) => formatDay(`${d}T12:00:00.000Z`);

export default function ChecklistsScreen() {
  const [sets, { refetch }] = createResource(listChecklists);
  const [copying, setCopying] = createSignal<ChecklistSet | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  return (
    <main class="office-main registers">
      <div class="office-heading">
        <h1>{t('cl.title')}</h1>
        <A class="btn" href="/office/registers">{t('reg.back')}</A>
      </div>
      <p>{t('cl.lead')}</p>
      <Notice text={notice()} />
      <Show when={!sets.error} fallback={<p class="alert" role="alert">{explain(sets.error)}</p>}>
        <For each={sets() ?? []}>
          {(s) => (
            <section class="card cl-set">
              <div class="office-heading">
                <h2>
                  {s.name} <span class="tag">{t('cl.version')} {s.version}</span>{' '}
                  <span class="tag">{s.communeId ? t('cl.commune') : t('cl.shipped')}</span>{' '}
                  <Show when={s.confirmed === false || s.items.some((i) => i.confirmed === false)}>
                    <span class="state-chip state-submitted" title={t('cl.unconfirmed.help')}>{t('cl.unconfirmed')}</span>
                  </Show>
                </h2>
                <button type="button" class="btn" onClick={() => setCopying(s)}>{t('cl.copy')}<span class="visually-hidden"> — {s.name} {s.version}</span></button>
              </div>
              <p class="muted">{t('cl.source')}: {s.source || '—'}</p>
              <p class="muted">{t('cl.valid')}: {dayOf(s.validFrom)} – {s.validTo ? dayOf(s.validTo) : t('cl.open')} · {tp('cl.items', { n: s.items.length })}</p>
              <ul class="reg-items">
                <For each={s.items}>
                  {(i) => <li>{i.group ? <span class="muted">{i.group}: </span> : null}{i.label}<Show when={i.confirmed === false}> <span class="state-chip state-submitted">{t('cl.unconfirmed')}</span></Show></li>}
                </For>
              </ul>
            </section>
          )}
        </For>
      </Show>
      <Show when={copying()} keyed>
        {(from) => (
          <NewVersionDialog
            from={from}
            taken={(sets() ?? []).filter((s) => s.code === from.code).map((s) => s.version)}
            onClose={() => setCopying(null)}
            onSaved={(v) => (setCopying(null), setNotice(tp('cl.saved', { version: v })), void refetch())}
          />
        )}
      </Show>
    </main>
  );
}

/** An item code from its label: "Vườn sạch" → "vuon-sach" (codes are unique within a version). */
function codeOf(label: string, taken: Set<string>): string {
  const base = foldVietnamese(label).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'tieu-chi';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
}

function NewVersionDialog(props: { from: ChecklistSet; taken: string[]; onClose: () => void; onSaved: (version: string) => void }) {
  const { busy, error, run } = useSave();
  const [name, setName] = createSignal(props.from.name);
  const [version, setVersion] = createSignal(`${props.from.version}-xa`);
  const [source, setSource] = createSignal(props.from.source);
  const [validFrom, setValidFrom] = createSignal(props.from.validFrom);
  const [validTo, setValidTo] = createSignal(props.from.validTo ?? '');
  const [items, setItems] = createSignal<ChecklistItem[]>(props.from.items.map((i) => ({ ...i })));
  const [local, setLocal] = createSignal<string | null>(null);
  const setItem = (k: number, patch: Partial<ChecklistItem>) => setItems(items().map((i, j) => (j === k ? { ...i, ...patch } : i)));

  const save = () => {
    if (props.taken.includes(version().trim())) return setLocal(t('cl.needVersion'));
    setLocal(null);
    void run(async () => {
      const codes = new Set<string>();
      const out = items().filter((i) => i.label.trim()).map((i) => {
        const code = i.code || codeOf(i.label, codes);
        codes.add(code);
        const item: ChecklistItem = { code, label: i.label.trim() };
        if (i.group?.trim()) item.group = i.group.trim();
        return item;
      });
      const saved = await createChecklist({
        code: props.from.code, version: version().trim(), name: name().trim(), source: source().trim(),
        validFrom: validFrom(), validTo: validTo() || null, items: out,
      });
      props.onSaved(saved.version);
    });
  };

  return (
    <Dialog title={tp('cl.copy.title', { name: props.from.name, version: props.from.version })} onClose={() => props.onClose()} wide>
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <div class="form-grid">
          <label class="field field-wide"><span>{t('cl.name')}</span><input value={name()} maxLength={300} required onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label class="field"><span>{t('cl.version')}</span><input value={version()} maxLength={30} required onInput={(e) => setVersion(e.currentTarget.value)} /></label>
          <label class="field field-wide"><span>{t('cl.source')}</span><input value={source()} maxLength={1000} onInput={(e) => setSource(e.currentTarget.value)} /></label>
          <label class="field"><span>{t('cl.validFrom')}</span><input type="date" value={validFrom()} required onInput={(e) => setValidFrom(e.currentTarget.value)} /></label>
          <label class="field"><span>{t('cl.validTo')}</span><input type="date" value={validTo()} onInput={(e) => setValidTo(e.currentTarget.value)} /></label>
        </div>
        <table class="review-table cl-items">
          <thead><tr><th scope="col">{t('cl.item.group')}</th><th scope="col">{t('cl.item.label')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>
            <For each={items()}>
              {(i, k) => (
                <tr>
                  <td><input value={i.group ?? ''} maxLength={100} aria-label={t('cl.item.group')} onInput={(e) => setItem(k(), { group: e.currentTarget.value })} /></td>
                  <td><input value={i.label} maxLength={300} aria-label={t('cl.item.label')} class="cl-label" onInput={(e) => setItem(k(), { label: e.currentTarget.value })} /></td>
                  <td><button type="button" class="btn btn-small" onClick={() => setItems(items().filter((_, j) => j !== k()))}>{t('cl.item.remove')}</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <button type="button" class="btn" onClick={() => setItems([...items(), { code: '', label: '' }])}>{t('cl.item.add')}</button>
        <Show when={local() ?? error()}><p class="alert" role="alert">{local() ?? error()}</p></Show>
        <DialogButtons busy={busy()} submit={t('cl.save')} onCancel={() => props.onClose()} />
      </form>
    </Dialog>
  );
}
