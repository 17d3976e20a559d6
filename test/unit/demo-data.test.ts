import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { buildDemo } from '../../src/server/demo';
import { splitByWeights } from '../../src/server/demo/plan';
import { Unit, Plan, Period, Target, Assignment, ChecklistSet, CriteriaSet, PublicUser } from '../../src/shared/schemas';

const demo = buildDemo(2026);
const valid = (schema: z.ZodMiniType, x: unknown) => {
  const r = z.safeParse(schema, x);
  return r.success ? 'ok' : JSON.stringify(r.error.issues);
};

describe('demo commune data', () => {
  it('every record passes the wire schemas', () => {
    for (const u of demo.units) expect(valid(Unit, u)).toBe('ok');
    for (const u of demo.users) expect(valid(PublicUser, u)).toBe('ok');
    expect(valid(Plan, demo.plan)).toBe('ok');
    for (const p of demo.periods) expect(valid(Period, p)).toBe('ok');
    for (const t of demo.targets) expect(valid(Target, t)).toBe('ok');
    for (const a of demo.assignments) expect(valid(Assignment, a)).toBe('ok');
    for (const s of demo.checklistSets) expect(valid(ChecklistSet, s)).toBe('ok');
    for (const s of demo.criteriaSets) expect(valid(CriteriaSet, s)).toBe('ok');
  });

  it('has one commune, an office, 6–8 villages and the associations, each with its field user', () => {
    const kinds = demo.units.map((u) => u.kind);
    expect(kinds.filter((k) => k === 'commune')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'office')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'village').length).toBeGreaterThanOrEqual(6);
    expect(kinds.filter((k) => k === 'village').length).toBeLessThanOrEqual(8);
    expect(kinds.filter((k) => k === 'association').length).toBeGreaterThanOrEqual(4);
    for (const u of demo.units.filter((x) => x.kind === 'village' || x.kind === 'association')) {
      const users = demo.users.filter((x) => x.unitId === u.id);
      expect(users.map((x) => x.role)).toEqual([u.kind]);
    }
    expect(demo.users.find((u) => u.username === 'admin')?.role).toBe('admin');
    expect(demo.users.find((u) => u.username === 'vanphong')?.role).toBe('office');
    expect(new Set(demo.users.map((u) => u.username)).size).toBe(demo.users.length);
    expect(new Set([...demo.units, ...demo.users, ...demo.targets, ...demo.assignments].map((x) => x.id)).size)
      .toBe(demo.units.length + demo.users.length + demo.targets.length + demo.assignments.length);
  });

  it('has 20–35 targets covering every measure, a breakdown and association targets', () => {
    expect(demo.targets.length).toBeGreaterThanOrEqual(20);
    expect(demo.targets.length).toBeLessThanOrEqual(35);
    expect(new Set(demo.targets.map((t) => t.measure))).toEqual(new Set(['quantity', 'rate', 'xOfY', 'status', 'rank']));
    const herd = demo.targets.find((t) => t.label === 'Tổng đàn gia súc')!;
    const kids = demo.targets.filter((t) => t.parentId === herd.id);
    expect(kids.map((k) => k.value)).toEqual([780, 1110, 217, 920]);
    expect(kids.reduce((s, k) => s + k.value!, 0)).toBe(herd.value);
    const associations = new Set(demo.units.filter((u) => u.kind === 'association').map((u) => u.id));
    expect(demo.targets.filter((t) => t.assigneeUnitId && associations.has(t.assigneeUnitId)).length).toBeGreaterThanOrEqual(5);
  });

  it('village shares of a summed target add up to the commune value exactly', () => {
    const villages = new Set(demo.units.filter((u) => u.kind === 'village').map((u) => u.id));
    let split = 0;
    for (const t of demo.targets) {
      const as = demo.assignments.filter((a) => a.targetId === t.id);
      if (t.aggregation !== 'sum' || as.length < 2) continue;
      split++;
      expect(as.every((a) => villages.has(a.unitId))).toBe(true);
      expect(Math.round(as.reduce((s, a) => s + a.share!, 0) * 10) / 10).toBe(t.value);
    }
    expect(split).toBeGreaterThanOrEqual(6);
  });

  it('moves the plan to the requested year and derives its periods', () => {
    expect(demo.plan.year).toBe(2026);
    expect(demo.plan.title).toContain('năm 2026');
    expect(demo.periods.map((p) => p.id.split(':')[1])).toEqual(['q1', 'r1', 'q2', 'q3', 'q4', 'r2']);
  });

  it('carries the 8 items of "5 không, 3 sạch" and the 19 NTM criteria', () => {
    expect(demo.checklistSets[0]!.items).toHaveLength(8);
    const set = demo.criteriaSets[0]!;
    expect(set.criteria.map((c) => c.code)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(set.criteria[16]!.name).toBe('Môi trường và an toàn thực phẩm');
    expect(set.criteria[16]!.indicators[0]!.code).toBe('17.1');
  });
});

describe('splitByWeights', () => {
  it.each([
    [780, [142, 118, 96], 0],
    [9007.4, [1, 1, 1], 1],
    [8, [5, 3, 1, 1, 1, 1, 1, 1], 0],
    [1, [1, 1, 1], 0],
  ] as const)('%d over %j adds up exactly', (total, weights, decimals) => {
    const parts = splitByWeights(total, weights, decimals);
    expect(parts).toHaveLength(weights.length);
    expect(Math.round(parts.reduce((a, b) => a + b, 0) * 10 ** decimals)).toBe(Math.round(total * 10 ** decimals));
    expect(parts.every((p) => p >= 0)).toBe(true);
  });
  it('splits in proportion to the weights', () => {
    expect(splitByWeights(100, [3, 1])).toEqual([75, 25]);
  });
});
