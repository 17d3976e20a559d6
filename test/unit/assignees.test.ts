import { describe, expect, it } from 'vitest';
import { matchAssignee } from '../../src/server/office/assignees';

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
