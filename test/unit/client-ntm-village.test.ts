/**
 * The village head's NTM view (model/ntm-village.ts), offline from what the phone holds:
 * "đạt x/y" of the village-level set, household-based indicators from the village's own
 * register against the set's threshold, the rest as the office recorded them (latest wins).
 */
import { describe, expect, it } from 'vitest';
import { villageNtmView, type VillageNtmInput } from '../../src/client/model/ntm-village';
import { SHIPPED_CHECKLISTS } from '../../src/server/reference/checklists';
import type { CriteriaSet } from '../../src/shared/schemas/registers';

const ntmHo = SHIPPED_CHECKLISTS.find((c) => c.code === 'ntm-ho')!;
const set: CriteriaSet = {
  id: 'lang-1', code: 'lang-ntm', version: '2025', name: 'Bộ tiêu chí làng NTM', source: 'Quyết định của tỉnh', level: 'village',
  validFrom: '2025-01-01', validTo: null, communeId: 'xa',
  criteria: [
    { code: '1', name: 'Đường làng', indicators: [{ code: '1.1', name: 'Đường trục thôn cứng hóa' }] },
    { code: '2', name: 'Môi trường', indicators: [
      { code: '2.1', name: 'Tỷ lệ hộ dùng nước sạch', householdShare: { checklistCode: 'ntm-ho', itemCode: 'nuoc-sach' }, threshold: { text: '≥ 80%', minShare: 0.8 } },
      { code: '2.2', name: 'Thu gom rác', },
    ] },
  ],
};
const state = (indicatorCode: string, revision: number, s: 'met' | 'notMet') => ({
  id: `${indicatorCode}-${revision}`, unitId: 'thon-1', criteriaSetId: 'lang-1', indicatorCode, revision, state: s, figure: null, note: '', by: 'Văn phòng', at: '2026-03-01T00:00:00.000Z',
});
function input(water: boolean[]): VillageNtmInput {
  const households = water.map((_, i) => ({ id: `h${i}`, status: 'active' as const }));
  return {
    tracker: { id: 'xa:village', communeId: 'xa', level: 'village', group: null, set, checklists: [ntmHo], updatedAt: '2026-01-01T00:00:00.000Z' },
    states: [state('1.1', 1, 'notMet'), state('1.1', 2, 'met'), state('2.2', 1, 'met'), state('2.1', 1, 'notMet')],
    households,
    assessments: water.map((w, i) => ({ householdId: `h${i}`, checklistId: ntmHo.id, periodId: 'p', items: { 'nuoc-sach': w }, at: '2026-02-01T00:00:00.000Z' })),
  };
}

describe('villageNtmView', () => {
  it('nothing to show when the commune follows no village-level set', () => {
    expect(villageNtmView({ tracker: undefined, states: [], households: [], assessments: [] })).toBeNull();
  });
  it('counts the register on the phone: 4/5 hộ with clean water meets ≥ 80%, whatever was recorded', () => {
    const v = villageNtmView(input([true, true, true, true, false]))!;
    expect([v.met, v.total]).toEqual([2, 2]);
    const water = v.criteria[1]!.indicators[0]!;
    expect(water).toMatchObject({ verdict: 'met', fromRegister: true, share: '4/5 hộ, 80%' });
  });
  it('3/5 hộ falls short: đạt 1/2', () => {
    const v = villageNtmView(input([true, true, true, false, false]))!;
    expect([v.met, v.total]).toEqual([1, 2]);
    expect(v.criteria[1]!.met).toBe(false);
    expect(v.criteria[0]!.indicators[0]!.verdict).toBe('met'); // revision 2 wins
  });
  it('an empty register leaves the office\'s recording in force', () => {
    const v = villageNtmView(input([]))!;
    expect(v.criteria[1]!.indicators[0]).toMatchObject({ verdict: 'notMet', fromRegister: false, share: 'chưa có hộ trong sổ' });
  });
});
