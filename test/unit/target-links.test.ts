/**
 * Linked targets (issue 10) as tables: which measures a link fits, which checklist version
 * counts for a period (so ticks under an old version count for old periods), when a figure
 * overrides the register, "28 / 32 hộ", the report form's proposal, and the seam through which
 * the NTM tracker's criteria count becomes a criteria-linked target's figure.
 */
import { describe, expect, it } from 'vitest';
import {
  checklistForPeriod, linkMeasureProblem, linkedCount, overrideIssue, overridesRegister, registerLinkProblem, reportedHouseholds, suggestLink, targetLinkedCount,
} from '../../src/shared/target-links';
import { registerCount } from '../../src/shared/registers';
import { computeProgress } from '../../src/shared/progress';
import { fieldsWithProposal, overrideWithoutNote, proposalsFor, withProposals } from '../../src/client/model/register-proposal';
import { readForm } from '../../src/client/form/reading';
import { SHIPPED_CHECKLISTS } from '../../src/server/reference/checklists';
import type { Target, TargetLink } from '../../src/shared/schemas/targets';
import type { ReportValue } from '../../src/shared/schemas/reports';

const FIVE_NO: TargetLink = { kind: 'register', checklistCode: '5k3s' };
const NTM: TargetLink = { kind: 'criteria', criteriaSetCode: 'ntm-xa-2021-2025' };

function target(over: Partial<Target> = {}): Target {
  return {
    id: 't1', planId: 'p', parentId: null, position: 1, area: 'society', label: 'Hộ đạt 5 không 3 sạch', unit: 'hộ', comparator: 'atLeast',
    value: 32, valueMax: null, outOf: null, measure: 'quantity', aggregation: 'sum', assigneeUnitId: null, source: null, link: FIVE_NO, ...over,
  };
}

describe('a link fits the target\'s measure', () => {
  it.each<[string, TargetLink, Pick<Target, 'measure' | 'unit'>, string | null]>([
    ['register on households', FIVE_NO, { measure: 'quantity', unit: 'hộ' }, null],
    ['register on households, written with a capital and spaces', FIVE_NO, { measure: 'quantity', unit: ' Hộ ' }, null],
    ['register on a rate of households', FIVE_NO, { measure: 'rate', unit: '%' }, null],
    ['register on head of cattle', FIVE_NO, { measure: 'quantity', unit: 'con' }, 'link.register_measure'],
    ['register on a quantity without a unit', FIVE_NO, { measure: 'quantity', unit: null }, 'link.register_measure'],
    ['register on x of y', FIVE_NO, { measure: 'xOfY', unit: 'tiêu chí' }, 'link.register_measure'],
    ['register on a status', FIVE_NO, { measure: 'status', unit: null }, 'link.register_measure'],
    ['criteria on x of y', NTM, { measure: 'xOfY', unit: 'tiêu chí' }, null],
    ['criteria on a quantity', NTM, { measure: 'quantity', unit: 'hộ' }, 'link.criteria_measure'],
  ])('%s', (_name, link, t, expected) => expect(linkMeasureProblem(link, t)).toBe(expected));

  it('names a checklist that exists, and an item that one of its versions has', () => {
    expect(registerLinkProblem({ kind: 'register', checklistCode: '5k3s' }, SHIPPED_CHECKLISTS)).toBeNull();
    // The population item exists only in the 2014 version: still a valid item of the code.
    expect(registerLinkProblem({ kind: 'register', checklistCode: '5k3s', itemCode: 'khong-sinh-con-thu-ba' }, SHIPPED_CHECKLISTS)).toBeNull();
    expect(registerLinkProblem({ kind: 'register', checklistCode: '5k3s', itemCode: 'nha-ve-sinh' }, SHIPPED_CHECKLISTS)).toEqual({ code: 'link.unknown_item', field: 'itemCode' });
    expect(registerLinkProblem({ kind: 'register', checklistCode: '5K3S' }, SHIPPED_CHECKLISTS)).toEqual({ code: 'link.unknown_checklist', field: 'checklistCode' });
  });
});

describe('the checklist version that counts for a period', () => {
  const year = (y: number, half: 1 | 2) => (half === 1 ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` });
  it.each<[string, { from: string; to: string }, string | null]>([
    ['2024: the 2014 list', year(2024, 2), 'checklist-5k3s-2014'],
    ['first half of 2025: the 2014 list (the 2025 one came into force on 03/06)', year(2025, 1), 'checklist-5k3s-2014'],
    ['second half of 2025: the 2025 list', year(2025, 2), 'checklist-5k3s-2025'],
    ['2013, before any version: none', { from: '2013-01-01', to: '2013-12-31' }, null],
  ])('%s', (_name, period, expected) => expect(checklistForPeriod(SHIPPED_CHECKLISTS, '5k3s', period)?.id ?? null).toBe(expected));

  it('takes the commune\'s own version before a shipped one of the same date, and one that begins within the period only if none held at its start', () => {
    const own = { ...SHIPPED_CHECKLISTS[1]!, id: 'own', communeId: 'xa-1' };
    expect(checklistForPeriod([...SHIPPED_CHECKLISTS, own], '5k3s', year(2026, 1))?.id).toBe('own');
    const late = { ...SHIPPED_CHECKLISTS[0]!, id: 'late', code: 'moi', validFrom: '2025-03-01' };
    expect(checklistForPeriod([late], 'moi', year(2025, 1))?.id).toBe('late');
  });

  it('keeps ticks made under the old version counting for the periods it governs', () => {
    const [v2014, v2025] = [SHIPPED_CHECKLISTS[0]!, SHIPPED_CHECKLISTS[1]!];
    const all = (items: { code: string }[]) => Object.fromEntries(items.map((i) => [i.code, true]));
    const households = [{ id: 'h1', status: 'active' as const }, { id: 'h2', status: 'active' as const }];
    const assessments = [
      { householdId: 'h1', checklistId: v2014.id, periodId: 'h1-2025', items: all(v2014.items) },
      { householdId: 'h2', checklistId: v2014.id, periodId: 'h1-2025', items: all(v2014.items) },
      { householdId: 'h1', checklistId: v2025.id, periodId: 'h2-2025', items: all(v2025.items) },
      // Ticked on the old sheet in the second half: not the version in force, not counted.
      { householdId: 'h2', checklistId: v2014.id, periodId: 'h2-2025', items: all(v2014.items) },
    ];
    const count = (periodId: string, period: { from: string; to: string }) =>
      registerCount(households, assessments, checklistForPeriod(SHIPPED_CHECKLISTS, '5k3s', period)!, periodId);
    expect(count('h1-2025', year(2025, 1))).toEqual({ total: 2, assessed: 2, meeting: 2 });
    expect(count('h2-2025', year(2025, 2))).toEqual({ total: 2, assessed: 1, meeting: 1 });
  });
});

describe('a figure typed over the register', () => {
  const targets = new Map([['t1', target()], ['t2', target({ id: 't2', link: null })], ['t3', target({ id: 't3', measure: 'rate', unit: '%' })]]);
  const reg = { meeting: 28, total: 32 };
  it.each<[string, ReportValue, boolean]>([
    ['the register\'s figure', { targetId: 't1', value: 28, register: reg }, false],
    ['another figure', { targetId: 't1', value: 30, register: reg }, true],
    ['no proposal sent (no register on the phone)', { targetId: 't1', value: 30 }, false],
    ['a rate as the register counts it', { targetId: 't3', numerator: 28, denominator: 32, register: reg }, false],
    ['a rate with another denominator', { targetId: 't3', numerator: 28, denominator: 35, register: reg }, true],
  ])('%s', (_name, value, overrides) => {
    expect(overridesRegister(value)).toBe(overrides);
    expect(overrideIssue([value], targets, null) !== null).toBe(overrides);
    expect(overrideIssue([value], targets, '3 hộ mới chưa vào sổ')).toBeNull();
  });
  it('ignores a proposal on a target that follows no register, and a blank note is no note', () => {
    expect(overrideIssue([{ targetId: 't2', value: 30, register: reg }], targets, null)).toBeNull();
    expect(overrideIssue([{ targetId: 't1', value: 30, register: reg }], targets, '  ')).toEqual({ code: 'report.override_needs_note', path: 'note', targetId: 't1' });
  });
});

describe('"28 / 32 hộ"', () => {
  it.each<[string, ReportValue | null, Parameters<typeof linkedCount>[1], ReturnType<typeof linkedCount>]>([
    ['the reported figure over the register', { targetId: 't', value: 28 }, { meeting: 27, total: 32 }, { done: 28, of: 32, from: 'report' }],
    ['a rate\'s numerator over the register', { targetId: 't', numerator: 28, denominator: 30 }, { meeting: 27, total: 32 }, { done: 28, of: 32, from: 'report' }],
    ['nothing reported yet: the register\'s own count', null, { meeting: 27, total: 32 }, { done: 27, of: 32, from: 'register' }],
    ['a status reports no households', { targetId: 't', done: true }, { meeting: 27, total: 32 }, { done: 27, of: 32, from: 'register' }],
    ['no register', { targetId: 't', value: 28 }, undefined, null],
    ['an empty register', { targetId: 't', value: 28 }, { meeting: 0, total: 0 }, null],
  ])('%s', (_name, reported, count, expected) => expect(linkedCount(reportedHouseholds(reported), count)).toEqual(expected));

  it('adds up the units that keep a register for the commune', () => {
    expect(targetLinkedCount([
      { achieved: 28, register: { meeting: 27, total: 32 } },
      { achieved: null, register: { meeting: 10, total: 12 } },
      { achieved: 5 },
    ])).toEqual({ done: 38, of: 44, from: 'report' });
    // A rate's unit reports a percent: its households are the numerator.
    expect(targetLinkedCount([{ achieved: 87.5, numerator: 28, register: { meeting: 27, total: 32 } }])).toEqual({ done: 28, of: 32, from: 'report' });
    expect(targetLinkedCount([{ achieved: 5 }])).toBeNull();
  });
});

describe('the report form\'s proposal', () => {
  const quantity = target();
  const rate = target({ id: 't3', measure: 'rate', unit: '%', value: 80 });
  const plain = target({ id: 't2', link: null });
  const counts = { t1: { total: 32, assessed: 30, meeting: 28 }, t3: { total: 32, assessed: 32, meeting: 20 }, t2: { total: 5, assessed: 5, meeting: 5 } };
  const items = [quantity, rate, plain].map((t) => ({ target: t, childIds: [], previous: null }));

  it('proposes only for linked targets whose register holds households, and "Dùng số này" fills the fields', () => {
    const proposals = proposalsFor([quantity, rate, plain], counts);
    expect(proposals).toEqual({ t1: { meeting: 28, total: 32 }, t3: { meeting: 20, total: 32 } });
    expect(proposalsFor([quantity], { t1: { total: 0, assessed: 0, meeting: 0 } })).toEqual({});
    let fields = fieldsWithProposal({}, quantity, proposals.t1!);
    fields = fieldsWithProposal(fields, rate, proposals.t3!);
    expect(fields).toEqual({ t1: '28', 't3/n': '20', 't3/d': '32' });
    const values = withProposals(readForm(items, { ...fields, t2: '4' }).values, proposals);
    expect(values).toEqual([
      { targetId: 't1', value: 28, register: { meeting: 28, total: 32 } },
      { targetId: 't3', numerator: 20, denominator: 32, register: { meeting: 20, total: 32 } },
      { targetId: 't2', value: 4 },
    ]);
    expect(overrideWithoutNote(values, [quantity, rate, plain], '')).toBeNull();
  });

  it('asks for a note when a figure differs from the register, as the server would', () => {
    const proposals = proposalsFor([quantity], counts);
    const values = withProposals(readForm(items.slice(0, 1), { t1: '30' }).values, proposals);
    expect(overrideWithoutNote(values, [quantity], '')).toBe('t1');
    expect(overrideWithoutNote(values, [quantity], '2 hộ mới chuyển đến')).toBeNull();
  });
});

describe('a criteria-linked target follows the NTM tracker', () => {
  const ntm = target({ id: 'ntm', label: 'Xã đạt 13/19 tiêu chí', unit: 'tiêu chí', measure: 'xOfY', value: 13, outOf: 19, link: NTM, communeOnly: true });
  const unlinked = target({ id: 'other', label: 'Làng đạt 15/19', unit: 'tiêu chí', measure: 'xOfY', value: 15, outOf: 19, link: null });
  const assignments = [
    { id: 'a1', planId: 'p', targetId: 'ntm', unitId: 'xa', share: null },
    { id: 'a2', planId: 'p', targetId: 'other', unitId: 'xa', share: null },
  ];
  const report = { id: 'r', unitId: 'xa', planId: 'p', periodId: 'q1', createdAt: '2025-03-01T00:00:00Z', values: [{ targetId: 'ntm', value: 11 }, { targetId: 'other', value: 12 }] };
  const run = (criteriaMet?: Map<string, Map<string, number>>, reports = [report]) =>
    new Map(computeProgress({ planId: 'p', periodId: 'q1', targets: [ntm, unlinked], assignments, reports, criteriaMet }).map((p) => [p.targetId, p]));

  it('takes the tracker\'s count of criteria met when it has one, over the unit\'s report', () => {
    const met = new Map([['ntm-xa-2021-2025', new Map([['xa', 14]])]]);
    const p = run(met);
    expect(p.get('ntm')).toMatchObject({ achieved: 14, verdict: 'exceeded' });
    expect(p.get('other')!.achieved).toBe(12); // not linked: the report stands
    expect(run(met, []).get('ntm')).toMatchObject({ achieved: 14, unitsReported: 1 });
  });
  it('falls back on the report without a count for that set or unit', () => {
    expect(run().get('ntm')!.achieved).toBe(11);
    expect(run(new Map([['ntm-xa-2026-2030', new Map([['xa', 9]])]])).get('ntm')!.achieved).toBe(11);
    expect(run(new Map([['ntm-xa-2021-2025', new Map([['thon-1', 9]])]])).get('ntm')!.achieved).toBe(11);
  });
});

describe('a link suggested on import when the words say it', () => {
  it.each<[string, Pick<Target, 'label' | 'measure' | 'unit'>, TargetLink | null]>([
    ['"5 không, 3 sạch" in households', { label: 'Hội LHPN vận động 32 hộ đạt tiêu chí “5 không, 3 sạch”', measure: 'quantity', unit: 'hộ' }, FIVE_NO],
    ['"5 KHÔNG 3 SẠCH" as a rate', { label: 'Tỷ lệ hộ đạt 5 KHÔNG 3 SẠCH', measure: 'rate', unit: '%' }, FIVE_NO],
    ['cultural families', { label: 'Có 85% hộ đạt danh hiệu Gia đình văn hóa', measure: 'rate', unit: '%' }, { kind: 'register', checklistCode: 'gia-dinh-van-hoa' }],
    ['the commune\'s NTM criteria', { label: 'Xã đạt 13/19 tiêu chí nông thôn mới', measure: 'xOfY', unit: 'tiêu chí' }, NTM],
    ['a village\'s NTM criteria (a village set, not the commune\'s)', { label: 'Làng đạt 15/19 tiêu chí nông thôn mới', measure: 'xOfY', unit: 'tiêu chí' }, null],
    ['"5 không, 3 sạch" counted in meetings: does not fit', { label: 'Tổ chức 4 buổi tuyên truyền “5 không, 3 sạch”', measure: 'quantity', unit: 'buổi' }, null],
    ['nothing to follow', { label: 'Tổng đàn gia súc 3.027 con', measure: 'quantity', unit: 'con' }, null],
  ])('%s', (_name, t, expected) => expect(suggestLink(t)).toEqual(expected));
});
