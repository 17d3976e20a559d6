/**
 * "Nhập từ văn bản": paste a plan or pick a .docx/.txt, read it with the shared importer (in
 * this browser, nothing is sent), check and fix the draft side by side with the document, then
 * "Tạo kế hoạch" creates the plan and its targets through the API with a progress bar. The
 * draft is kept in localStorage until the plan exists, so a reload or a failed request loses
 * nothing; ids are made once, so pressing again after a failure never creates a plan twice.
 */
import { createEffect, createResource, createSignal, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { A, useNavigate } from '@solidjs/router';
import { importPlan, normaliseText, splitLines } from '../../../shared/plan-import';
import { uuidv7 } from '../../../shared/ids';
import { HttpFailure } from '../../data/http';
import { createPlan, createTargets, explain, listUnits } from '../api';
import { t } from '../messages';
import { batches, checkDraft, fromImport, type DraftError, type ImportDraft } from './draft';
import { FileReadError, readPlanFile } from './read-file';
import HeaderForm from './HeaderForm';
import TargetsTable from './TargetsTable';
import SourceView from './SourceView';

const DRAFT_KEY = 'sothidua.office.importDraft';
const BATCH = 25;

interface Progress {
  planId: string | null;
  /** Row keys whose targets exist on the server. */
  created: string[];
  ids: Record<string, string>;
}

function loadSaved(): { draft: ImportDraft; progress: Progress } | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as { draft: ImportDraft; progress: Progress }) : null;
  } catch {
    return null;
  }
}

/** Takes the person to the first field marked wrong (after the render that marks it). */
function focusFirstInvalid(): void {
  queueMicrotask(() => {
    const el = document.querySelector<HTMLElement>('.office-import [aria-invalid="true"]');
    // Inline too: the targets table scrolls sideways at 1280 px, and "Giao cho" sits at its right end.
    el?.scrollIntoView({ block: 'center', inline: 'center' });
    el?.focus();
  });
}

export default function ImportScreen() {
  const navigate = useNavigate();
  const saved = loadSaved();
  const [state, setState] = createStore<{ draft: ImportDraft | null }>({ draft: saved?.draft ?? null });
  const [progress, setProgress] = createSignal<Progress>(saved?.progress ?? { planId: null, created: [], ids: {} });
  const [text, setText] = createSignal('');
  const [fileName, setFileName] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(saved ? t('import.restored') : null);
  const [error, setError] = createSignal<string | null>(null);
  const [errors, setErrors] = createSignal<DraftError[]>([]);
  const [reading, setReading] = createSignal(false);
  const [busy, setBusy] = createSignal<{ done: number; total: number } | null>(null);
  const [done, setDone] = createSignal<{ planId: string; title: string; targets: number } | null>(null);
  const [selected, setSelected] = createSignal<number | null>(null);
  // The commune's associations, so a "Giao cho" name the commune lacks is marked before sending
  // (unknown while loading or if the list fails: the server's refusal still names the row).
  const [units] = createResource(() => listUnits().catch(() => null));
  const associations = () => units()?.filter((u) => u.kind === 'association' && !u.successorId) ?? null;

  // Keep the draft across reloads (debounced: typing in a label should not write every key).
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on([() => JSON.stringify(state.draft), progress], () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          if (state.draft && !done()) localStorage.setItem(DRAFT_KEY, JSON.stringify({ draft: unwrap(state.draft), progress: progress() }));
        } catch {
          // Full or refused storage: the draft still lives on this page.
        }
      }, 400);
    }),
  );
  onCleanup(() => clearTimeout(timer));

  const sourceLines = () => (state.draft ? splitLines(normaliseText(state.draft.text)) : []);

  const read = (source: string) => {
    setError(null);
    setErrors([]);
    setNotice(null);
    setProgress({ planId: null, created: [], ids: {} });
    setState('draft', fromImport(source, importPlan(source)));
    setSelected(null);
  };

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    setError(null);
    try {
      const content = await readPlanFile(file);
      setText(content);
      read(content);
    } catch (e) {
      setError(e instanceof FileReadError ? e.message : t('import.fileError'));
    } finally {
      setReading(false);
    }
  };

  const restart = () => {
    setState('draft', null);
    setText('');
    setErrors([]);
    setError(null);
    setNotice(null);
    setDone(null);
    try {
      localStorage.removeItem(DRAFT_KEY);
    } catch {
      // nothing saved
    }
  };

  const create = async () => {
    const draft = state.draft;
    if (!draft || busy()) return;
    setError(null);
    // Ids are made once per row and kept: a retry sends the same ids (no duplicates).
    const p = { ...progress(), ids: { ...progress().ids } };
    for (const key of ['plan', ...draft.rows.map((r) => r.key)]) p.ids[key] ??= uuidv7();
    setProgress(p);
    const ids = new Map(Object.entries(p.ids));
    const checked = checkDraft(unwrap(draft), ids, associations());
    setErrors(checked.errors);
    if (!checked.requests) {
      // Name the first wrong row in the bar the person is looking at: its field may be out of sight.
      const first = checked.errors.find((e) => e.where !== 'plan');
      const row = first && draft.rows.find((r) => r.key === first.where);
      setError(row ? `${t('import.fixFirst')} ${t('import.firstProblem')} «${row.label}» — ${first.message}` : t('import.fixFirst'));
      focusFirstInvalid();
      return;
    }
    const { plan, targets } = checked.requests;
    const kept = draft.rows.filter((r) => !r.dropped);
    const todo = targets.map((tg, i) => ({ tg, key: kept[i]!.key })).filter((x) => !p.created.includes(x.key));
    const groups = batches(todo, BATCH);
    const total = 1 + groups.length;
    setBusy({ done: 0, total });
    try {
      let planId = p.planId;
      if (!planId) {
        try {
          planId = (await createPlan(plan)).id;
        } catch (e) {
          // Created by an earlier press whose answer was lost: carry on with it.
          if (!(e instanceof HttpFailure && e.body?.code === 'conflict.exists' && e.body.path === 'id')) throw e;
          planId = plan.id!;
        }
        setProgress({ ...progress(), planId });
      }
      setBusy({ done: 1, total });
      for (const [g, group] of groups.entries()) {
        try {
          await createTargets(planId, group.map((x) => x.tg));
        } catch (e) {
          const path = e instanceof HttpFailure ? e.body?.path : undefined;
          const at = path ? /^targets\.(\d+)\.?(\w*)/.exec(path) : null;
          if (at && group[Number(at[1])]) {
            setErrors([{ where: group[Number(at[1])]!.key, field: at[2] || 'label', message: explain(e) }]);
            setSelected(draft.rows.find((r) => r.key === group[Number(at[1])]!.key)?.line ?? null);
            focusFirstInvalid();
          }
          throw e;
        }
        setProgress({ ...progress(), created: [...progress().created, ...group.map((x) => x.key)] });
        setBusy({ done: 2 + g, total });
      }
      setDone({ planId, title: plan.title, targets: targets.length });
      try {
        localStorage.removeItem(DRAFT_KEY);
      } catch {
        // nothing saved
      }
      // Straight on to giving the targets to villages and taking the plan live.
      navigate(`/office/plans/${encodeURIComponent(planId)}?created=${targets.length}`);
    } catch (e) {
      setError(`${explain(e)} ${t('import.kept')}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <main class="office-main office-import">
      <div class="office-heading">
        <h1>{t('import.title')}</h1>
        <Show when={state.draft && !done()}>
          <button type="button" class="btn" onClick={restart}>{t('import.restart')}</button>
        </Show>
      </div>
      <Show when={notice()}><p class="notice" role="status">{notice()}</p></Show>
      <Switch>
        <Match when={done()}>
          {(d) => (
            <section class="card done" role="status">
              <h2>{t('import.created')}: {d().title}</h2>
              <p>{d().targets} {t('import.createdTargets')}.</p>
              <A class="btn btn-main" href="/office" onClick={restart}>{t('import.back')}</A>
            </section>
          )}
        </Match>
        <Match when={!state.draft}>
          <section class="card">
            <p>{t('import.help')}</p>
            <label class="field field-wide">
              <span>{t('import.paste')}</span>
              <textarea name="plan-text" rows={14} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
            {/* The browser's own file box speaks the browser's language ("Choose File · No file chosen"
                on an English Chrome): the input stays (keyboard, drop, the label) but our words show. */}
            <label class="field file-pick">
              <span>{t('import.file')}</span>
              <input type="file" class="visually-hidden" accept=".docx,.pdf,.txt,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                onChange={(e) => { const file = e.currentTarget.files?.[0]; setFileName(file?.name ?? null); void pickFile(file); }} />
              <span class="file-row"><span class="btn" aria-hidden="true">{t('import.fileButton')}</span> <span class="muted">{fileName() ?? t('import.noFile')}</span></span>
            </label>
            <Show when={reading()}><p role="status">{t('import.reading')}</p></Show>
            <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
            <button type="button" class="btn btn-main" disabled={!text().trim()} onClick={() => read(text())}>{t('import.read')}</button>
          </section>
        </Match>
        <Match when={state.draft}>
          {(draft) => (
            <>
              <Show when={draft().warnings.some((w) => w.line === null)}>
                <section class="card warnings" aria-labelledby="warn-title">
                  <h2 id="warn-title">{t('import.warnings')}</h2>
                  <ul>{draft().warnings.filter((w) => w.line === null).map((w) => <li>{w.message}</li>)}</ul>
                </section>
              </Show>
              <div class="import-layout">
                <div class="import-draft">
                  <HeaderForm draft={draft()} set={setState} errors={errors()} />
                  <TargetsTable draft={draft()} set={setState} errors={errors()} selected={selected()} onSelect={setSelected} />
                </div>
                <SourceView lines={sourceLines()} warnings={draft().warnings} selected={selected()} onSelect={setSelected} />
              </div>
              <div class="create-bar">
                <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
                <Show when={busy()}>
                  {(b) => (
                    <label class="progress">
                      {t('import.creating')}: {b().done}/{b().total}
                      <progress max={b().total} value={b().done} />
                    </label>
                  )}
                </Show>
                <button type="button" class="btn btn-main" disabled={busy() !== null} onClick={() => void create()}>{t('import.create')}</button>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </main>
  );
}
