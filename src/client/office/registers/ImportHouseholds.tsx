/**
 * Importing a unit's household list from the village's Excel or CSV file: read in the
 * browser, columns guessed by their headers and correctable, a preview by the server's dry run
 * (new, likely duplicate, or the row's error in Vietnamese), and nothing written until "Nhập".
 * Large files are checked in chunks of 1,000 rows with a progress bar; the confirm sends the
 * whole file once, in one transaction, so a half-imported list cannot happen.
 */
import { For, Show, createResource, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { t, type MessageKey } from '../messages';
import { explain, listUnits } from '../api';
import { importHouseholds, type ImportRowResult } from '../api-registers';
import { tp } from '../setup-kit';
import { guessMapping, IMPORT_TARGETS, toImportRow, type Mapping, type Table } from './import-model';
import { readTable } from './read-table';

const MAX_ROWS = 5000;
const CHUNK = 1000;
const PREVIEW_SHOWN = 300;

export default function ImportHouseholds(props: { unitId: string }) {
  const [units] = createResource(listUnits);
  const unitName = () => units()?.find((u) => u.id === props.unitId)?.name ?? '';
  const [table, setTable] = createSignal<Table | null>(null);
  const [mapping, setMapping] = createSignal<Mapping | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [reading, setReading] = createSignal(false);
  const [preview, setPreview] = createSignal<ImportRowResult[] | null>(null);
  const [progress, setProgress] = createSignal<{ done: number; total: number } | null>(null);
  const [created, setCreated] = createSignal<number | null>(null);
  const [busy, setBusy] = createSignal(false);

  const rows = () => {
    const tb = table();
    const m = mapping();
    return tb && m ? tb.rows.map((r) => toImportRow(r, m)) : [];
  };
  const reset = () => (setTable(null), setMapping(null), setPreview(null), setCreated(null), setError(null));

  const choose = async (file: File | undefined) => {
    reset();
    if (!file) return;
    setReading(true);
    try {
      const tb = await readTable(file);
      if (tb.rows.length === 0) setError(t('imp.noRows'));
      else if (tb.rows.length > MAX_ROWS) setError(tp('imp.tooMany', { n: tb.rows.length }));
      else (setTable(tb), setMapping(guessMapping(tb.headers)));
    } catch {
      setError(t('imp.readError'));
    } finally {
      setReading(false);
    }
  };

  const check = async () => {
    const all = rows();
    setBusy(true);
    setError(null);
    setPreview(null);
    const out: ImportRowResult[] = [];
    try {
      // Chunks show progress; duplicates across chunks are found again by the confirm (one pass, one transaction).
      for (let i = 0; i < all.length; i += CHUNK) {
        setProgress({ done: i, total: all.length });
        const { rows: part } = await importHouseholds(props.unitId, all.slice(i, i + CHUNK), true);
        for (const r of part) {
          out.push({
            ...r, index: r.index + i, path: r.path?.replace(/^rows\.(\d+)/, (_m, n: string) => `rows.${Number(n) + i}`),
            ...(r.duplicateOf?.row !== undefined ? { duplicateOf: { row: r.duplicateOf.row + i } } : {}),
          });
        }
      }
      setPreview(out);
    } catch (e) {
      setError(explain(e));
    } finally {
      setProgress(null);
      setBusy(false);
    }
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await importHouseholds(props.unitId, rows(), false);
      setPreview(res.rows);
      setCreated(res.created);
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  const count = (status: ImportRowResult['status']) => (preview() ?? []).filter((r) => r.status === status).length;
  const setTarget = (target: keyof Mapping, value: string) => {
    setMapping({ ...mapping()!, [target]: value === '' ? null : Number(value) });
    setPreview(null);
  };
  const register = `/office/registers/${encodeURIComponent(props.unitId)}`;

  return (
    <main class="office-main registers">
      <div class="office-heading">
        <h1>{tp('imp.title', { unit: unitName() })}</h1>
        <A class="btn" href={register}>{t('imp.toRegister')}</A>
      </div>
      <p>{t('imp.lead')}</p>
      <section class="card">
        <label class="field">
          <span>{t('imp.file')}</span>
          <input type="file" accept=".xlsx,.csv,text/csv" data-testid="imp-file" onChange={(e) => void choose(e.currentTarget.files?.[0])} />
        </label>
        <Show when={reading()}><p role="status">{t('imp.reading')}</p></Show>
        <Show when={error()}><p class="alert" role="alert">{error()}</p></Show>
      </section>

      <Show when={table() && mapping()}>
        <section class="card" aria-labelledby="imp-mapping">
          <h2 id="imp-mapping">{t('imp.mapping')}</h2>
          <p class="muted">{t('imp.mapping.help')}</p>
          <div class="reg-filters">
            <For each={IMPORT_TARGETS}>
              {(target) => (
                <label class="field">
                  <span>{t(`imp.target.${target}` as MessageKey)}</span>
                  <select aria-label={t(`imp.target.${target}` as MessageKey)} value={mapping()![target] ?? ''} onChange={(e) => setTarget(target, e.currentTarget.value)}>
                    <option value="">{t('imp.col.none')}</option>
                    <For each={table()!.headers}>{(h, i) => <option value={i()} selected={mapping()![target] === i()}>{h || `#${i() + 1}`}</option>}</For>
                  </select>
                </label>
              )}
            </For>
          </div>
          <Show when={mapping()!.headName !== null} fallback={<p class="alert">{t('imp.needHead')}</p>}>
            <button type="button" class="btn btn-main" disabled={busy()} onClick={() => void check()}>{t('imp.preview')}</button>
          </Show>
          <Show when={progress()}>
            {(p) => (
              <div role="status">
                <progress max={p().total} value={p().done} />
                <span> {tp('imp.checking', { done: p().done, total: p().total })}</span>
              </div>
            )}
          </Show>
        </section>
      </Show>

      <Show when={preview()}>
        {(results) => (
          <section class="card" aria-labelledby="imp-preview">
            <h2 id="imp-preview">{t('imp.preview')}</h2>
            <Show
              when={created() === null}
              fallback={
                <div>
                  <p class="notice" role="status" data-testid="imp-done">{tp('imp.done', { n: created()! })}</p>
                  <div class="actions">
                    <A class="btn btn-main" href={register}>{t('imp.toRegister')}</A>
                    <button type="button" class="btn" onClick={reset}>{t('imp.again')}</button>
                  </div>
                </div>
              }
            >
              <p data-testid="imp-summary">{tp('imp.summary', { fresh: count('new'), dup: count('duplicate'), bad: count('invalid') })}</p>
              <Show when={count('new') > 0} fallback={<p>{t('imp.nothing')}</p>}>
                <button type="button" class="btn btn-main" disabled={busy()} onClick={() => void confirm()}>{tp('imp.confirm', { n: count('new') })}</button>
              </Show>
            </Show>
            <div class="table-scroll">
              <table class="review-table reg-table">
                <thead>
                  <tr><th scope="col">{t('imp.col.row')}</th><th scope="col">{t('imp.target.headName')}</th><th scope="col">{t('imp.target.hamlet')}</th><th scope="col">{t('imp.target.members')}</th><th scope="col">{t('imp.col.status')}</th></tr>
                </thead>
                <tbody>
                  <For each={results().slice(0, PREVIEW_SHOWN)}>
                    {(r) => {
                      const row = () => rows()[r.index] ?? {};
                      return (
                        <tr classList={{ 'imp-bad': r.status === 'invalid', 'imp-dup': r.status === 'duplicate' }}>
                          <td class="num">{r.index + 2}</td>
                          <td>{String(row().headName ?? '')}</td>
                          <td>{String(row().hamlet ?? '')}</td>
                          <td class="num">{String(row().members ?? '')}</td>
                          <td>
                            <span class={`state-chip ${r.status === 'invalid' ? 'state-returned' : r.status === 'duplicate' ? 'state-submitted' : 'state-approved'}`}>{t(`imp.status.${r.status}` as MessageKey)}</span>
                            <Show when={r.status === 'duplicate'}>
                              {' '}{r.duplicateOf?.row !== undefined ? tp('imp.dupOfRow', { row: r.duplicateOf.row + 2 }) : t('imp.dupOfRegister')}
                            </Show>
                            <Show when={r.status === 'invalid'}> {r.message}</Show>
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={results().length > PREVIEW_SHOWN}><p class="muted">{tp('imp.previewHidden', { n: results().length - PREVIEW_SHOWN })}</p></Show>
          </section>
        )}
      </Show>
    </main>
  );
}
