/**
 * `npm run -s bench:import`: the plan importer's figures for docs/benchmarks.md — per sample
 * plan, recall and precision against the hand-written golden targets (test/unit/plan-import/
 * golden), and the median time to import 1 MB of plan text (the three samples repeated), over
 * several runs after a warm-up, because the build machines are noisy. The invented plans
 * (unseen-*, written after the rules) are a separate group: they are not real documents.
 */
import { readFileSync } from 'node:fs';
import { importPlan } from '../../src/shared/plan-import';
import { scoreImport, type Golden } from '../unit/plan-import/score';

const PLANS = ['xa-lo-ku-2022', 'xa-ia-dom-2024', 'xa-binh-luong-2024'];
const INVENTED = ['unseen-xa-ea-tul-2025', 'unseen-phuong-an-hoa-2026', 'unseen-xa-thanh-son-2024'];
const RUNS = 9;
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function group(title: string, names: string[]): void {
  let golden = 0;
  let matched = 0;
  let proposed = 0;
  console.log(`\n${title}`);
  console.log('plan                          golden proposed matched  recall  precision  measure  structure  assignee');
  for (const name of names) {
    const g = JSON.parse(read(`test/unit/plan-import/golden/${name}.json`)) as Golden;
    const s = scoreImport(importPlan(read(g.document)), g);
    golden += s.golden;
    matched += s.matched;
    proposed += s.proposed;
    console.log(
      `${name.padEnd(30)}${String(s.golden).padStart(6)}${String(s.proposed).padStart(9)}${String(s.matched).padStart(8)}  ${pct(s.recall).padStart(6)}  ${pct(s.precision).padStart(9)}  ${pct(s.measureAccuracy).padStart(7)}  ${pct(s.structureAccuracy).padStart(9)}  ${pct(s.assigneeAccuracy).padStart(8)}`,
    );
    for (const m of s.missed) console.log(`  missed: line ${m.line} ${m.key}`);
    for (const e of s.extra) console.log(`  extra:  line ${e.source.line} ${e.label}`);
  }
  console.log(`${'all'.padEnd(30)}${String(golden).padStart(6)}${String(proposed).padStart(9)}${String(matched).padStart(8)}  ${pct(matched / golden).padStart(6)}  ${pct(matched / proposed).padStart(9)}`);
}
group('Sample plans (real documents; the rules were developed with them in view)', PLANS);
group('Invented plans (written after the rules; expectations by hand before the first run)', INVENTED);

const one = PLANS.map((n) => read(`test/fixtures/plans/${n}.txt`)).join('\n');
const text = one.repeat(Math.ceil(1_000_000 / one.length)).slice(0, 1_000_000);
importPlan(text); // warm-up: JIT and regex compilation
const times: number[] = [];
let targets = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  targets = importPlan(text).targets.length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`\n1 MB import (${text.length.toLocaleString('en')} chars, ${targets} targets kept): median ${median.toFixed(0)} ms over ${RUNS} runs (min ${times[0]!.toFixed(0)}, max ${times[times.length - 1]!.toFixed(0)})`);
