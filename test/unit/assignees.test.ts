import { describe, expect, it } from 'vitest';
import { matchAssignee, nameWords, ASSOCIATION_ABBREVIATIONS } from '../../src/shared/associations';
import { findAssociations } from '../../src/shared/plan-import/assignees';

const units = [
  { id: 'pn', name: 'Hội Liên hiệp Phụ nữ xã' },
  { id: 'nd', name: 'Hội Nông dân xã' },
  { id: 'ccb', name: 'Hội Cựu chiến binh xã' },
  { id: 'tn', name: 'Đoàn Thanh niên xã' },
  { id: 'mt', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam xã' },
];

describe('matchAssignee', () => {
  it.each([
    ['Hội Liên hiệp Phụ nữ', 'pn'],
    ['Hội LHPN', 'pn'],
    ['hoi lien hiep phu nu', 'pn'],
    ['HỘI NÔNG DÂN', 'nd'],
    ['Hội CCB', 'ccb'],
    ['Đoàn Thanh niên', 'tn'],
    ['Đoàn TNCS Hồ Chí Minh xã', 'tn'], // the Youth Union's full name: only one "Đoàn" in the commune
    ['Ủy ban MTTQ', 'mt'],
    ['UBMTTQ', 'mt'],
    ['Hội', null], // every "Hội ..." holds it: ambiguous, no guess
    ['Hội Người cao tuổi', null], // the commune has none
    ['', null],
  ])('%s → %s', (name, expected) => {
    expect(matchAssignee(name, units)?.id ?? null).toBe(expected);
  });
});

describe('the plan importer and the server read associations alike', () => {
  // The importer's canonical names, as the office sees them after an import.
  const bodies = [
    'Hội Liên hiệp Phụ nữ', 'Hội Nông dân', 'Hội Cựu chiến binh', 'Đoàn Thanh niên', 'Ủy ban MTTQ', 'Hội Người cao tuổi',
    'Hội Chữ thập đỏ', 'Hội Cựu thanh niên xung phong', 'Liên đoàn Lao động', 'Ban Chỉ huy quân sự',
  ];
  it.each([
    ['Hội LHPN', 'Hội Liên hiệp Phụ nữ'],
    ['Hội CCB', 'Hội Cựu chiến binh'],
    ['HND', 'Hội Nông dân'],
    ['ĐTN', 'Đoàn Thanh niên'],
    ['UBMTTQ', 'Ủy ban MTTQ'],
    ['Hội NCT', 'Hội Người cao tuổi'],
    ['Hội CTĐ', 'Hội Chữ thập đỏ'],
    ['Hội Cựu TNXP', 'Hội Cựu thanh niên xung phong'],
    ['LĐLĐ', 'Liên đoàn Lao động'],
    ['BCHQS', 'Ban Chỉ huy quân sự'],
  ])('%s: the importer names %s, and the server matches that name to the abbreviated unit', (written, canonical) => {
    expect(findAssociations(`${written} thực hiện`).map((b) => b.name)).toEqual([canonical]);
    const units = bodies.map((name, i) => ({ id: String(i), name: i === bodies.indexOf(canonical) ? `${written} xã` : name }));
    expect(matchAssignee(canonical, units)?.id).toBe(String(bodies.indexOf(canonical)));
  });

  it('spells every abbreviation out', () => {
    for (const [short, full] of ASSOCIATION_ABBREVIATIONS) expect(nameWords(short).join(' '), short).toBe(nameWords(full).join(' '));
  });
});
