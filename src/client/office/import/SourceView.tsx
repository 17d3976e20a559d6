/**
 * The document as it was read, line by line and numbered like the importer's source lines:
 * the selected target's line is highlighted and scrolled into view; warnings sit on their line.
 */
import { createEffect, For, Show } from 'solid-js';
import type { ImportWarning } from '../../../shared/plan-import/schema';
import { t } from '../messages';

interface Props {
  lines: string[];
  warnings: ImportWarning[];
  selected: number | null;
  onSelect: (line: number) => void;
}

export default function SourceView(props: Props) {
  let box: HTMLDivElement | undefined;
  const byLine = () => {
    const map = new Map<number, string[]>();
    for (const w of props.warnings) if (w.line !== null) map.set(w.line, [...(map.get(w.line) ?? []), w.message]);
    return map;
  };

  createEffect(() => {
    const n = props.selected;
    if (n === null || !box) return;
    box.querySelector(`#src-line-${n}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });

  return (
    <section class="card source" aria-labelledby="source-title">
      <h2 id="source-title">{t('import.source')}</h2>
      <div class="source-lines" ref={box} data-testid="source">
        <For each={props.lines}>
          {(text, i) => {
            const n = i() + 1;
            return (
              <div id={`src-line-${n}`} class="src-line" classList={{ selected: props.selected === n, warned: byLine().has(n) }} aria-current={props.selected === n ? 'true' : undefined}>
                <button type="button" class="src-no" tabindex={-1} onClick={() => props.onSelect(n)}>{n}</button>
                <span class="src-text">{text || '\u00a0'}</span>
                <Show when={byLine().get(n)}>
                  {(msgs) => (
                    <For each={msgs()}>{(m) => <p class="src-warning" role="note"><strong>{t('import.warning')}</strong> {m}</p>}</For>
                  )}
                </Show>
              </div>
            );
          }}
        </For>
      </div>
    </section>
  );
}
