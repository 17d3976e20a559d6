import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../../src/shared/plan-import';
import { PlanImportResult } from '../../../src/shared/plan-import/schema';
import { scoreImport, type Golden } from './score';

// The three sample plans the rules were developed with, then plans invented after the rules (unseen-*).
const PLANS = ['xa-lo-ku-2022', 'xa-ia-dom-2024', 'xa-binh-luong-2024', 'unseen-xa-ea-tul-2025', 'unseen-phuong-an-hoa-2026', 'unseen-xa-thanh-son-2024'];
const root = new URL('../../../', import.meta.url);

describe.each(PLANS)('golden: %s', (name) => {
  const golden = JSON.parse(readFileSync(new URL(`test/unit/plan-import/golden/${name}.json`, root), 'utf8')) as Golden;
  const text = readFileSync(new URL(golden.document, root), 'utf8');
  const result = importPlan(text);

  it('has the documented shape', () => {
    expect(PlanImportResult.safeParse(result).success).toBe(true);
  });

  it('reads the header exactly', () => {
    const { number, issuedOn, year, issuer, rounds, reporting, title, theme } = result.plan;
    expect({ number, issuedOn, year, issuer, rounds, reporting, title, theme }).toEqual({
      number: golden.plan.number,
      issuedOn: golden.plan.issuedOn,
      year: golden.plan.year,
      issuer: golden.plan.issuer,
      rounds: golden.plan.rounds,
      reporting: golden.plan.reporting,
      title: golden.plan.title,
      theme: golden.plan.theme,
    });
  });

  it('finds ≥ 90% of the real targets and proposes ≤ 10% that are not', () => {
    const score = scoreImport(result, golden);
    const report = {
      recall: score.recall,
      precision: score.precision,
      missed: score.missed.map((g) => `${g.line} ${g.key}`),
      extra: score.extra.map((t) => `${t.source.line} ${t.label} ${t.value} ${t.unit}`),
    };
    expect(score.recall, JSON.stringify(report, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(score.precision, JSON.stringify(report, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(score.measureAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(score.structureAccuracy).toBe(1);
  });

  it('gives stable ids and source lines that point at the text', () => {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    expect(new Set(result.targets.map((t) => t.id)).size).toBe(result.targets.length);
    for (const t of result.targets) {
      expect(t.id).toMatch(/^t\d+(\.\d+)?$/);
      expect(t.source.text).toBe(lines[t.source.line - 1]);
    }
    expect(importPlan(text)).toEqual(result);
  });
});
