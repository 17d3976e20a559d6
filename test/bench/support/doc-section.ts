/**
 * How a benchmark writes its figures into docs/benchmarks.md without losing the prose around
 * them. Each bench owns one generated block, between `<!-- bench:NAME -->` and
 * `<!-- /bench:NAME -->`, under its `## …` heading; a rerun replaces only what is between the
 * markers, so analysis written by hand above or below them (earlier runs, profiles, what the
 * figures mean) stays. (Replacing the whole section, as the benches once did, dropped it.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const BENCHMARKS_DOC = resolve(import.meta.dirname, '../../../docs/benchmarks.md');

const markers = (name: string) => ({ begin: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` });

/**
 * `doc` with the block `name` holding `generated`. Without the block yet: inserted right under
 * `heading` (what was there stays, below it), or, without the heading, appended as a new section.
 */
export function replaceGenerated(doc: string, name: string, heading: string, generated: string): string {
  const { begin, end } = markers(name);
  const block = `${begin}\n${generated.trim()}\n${end}`;
  const from = doc.indexOf(begin);
  if (from >= 0) {
    const to = doc.indexOf(end, from);
    if (to < 0) throw new Error(`docs/benchmarks.md: ${begin} without ${end}`);
    return doc.slice(0, from) + block + doc.slice(to + end.length);
  }
  const at = doc.search(new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`, 'm'));
  if (at < 0) return `${doc.trimEnd()}\n\n${heading}\n\n${block}\n`;
  const lineEnd = doc.indexOf('\n', at);
  const head = lineEnd < 0 ? `${doc}\n` : doc.slice(0, lineEnd + 1);
  return `${head}\n${block}\n${lineEnd < 0 ? '' : doc.slice(lineEnd + 1)}`;
}

/** Writes the block into docs/benchmarks.md and says so. */
export function writeBenchSection(name: string, heading: string, generated: string, file = BENCHMARKS_DOC): void {
  writeFileSync(file, replaceGenerated(readFileSync(file, 'utf8'), name, heading, generated));
  console.log(`Written to docs/benchmarks.md (${heading}, between the bench:${name} markers).`);
}
