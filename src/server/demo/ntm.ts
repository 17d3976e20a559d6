/**
 * The demo commune's NTM tracker: it follows the 2021–2025 set (QĐ 318/QĐ-TTg) and stands at
 * "đạt 11/19 tiêu chí", working towards the plan's "đạt 13/19" by finishing criteria 1 and 15,
 * as its plan says. Each recorded indicator has a plausible evidence note, recorded by the
 * office over the past months. Kept apart from the rest of the demo so merges stay easy.
 */
import { indicatorsOf } from '../../shared/ntm';
import { NTM_XA_2021_2025 } from '../reference/criteria';
import type { CriteriaSet } from '../../shared/schemas/registers';
import { COMMUNE_ID, DEMO_UNITS, DEMO_USERS, ID_GROUP, demoId } from './commune';

/** Indicators not met yet (the rest of their criterion may be met); absent ones: met. */
const NOT_MET: Record<string, string> = {
  '1.2': 'Quy định quản lý quy hoạch đang trình huyện phê duyệt',
  '5': 'Trường mầm non Hoa Sen thiếu 2 phòng học',
  '10': 'Thu nhập bình quân 38,5 triệu đồng/người/năm, chưa đạt mức của tỉnh',
  '11': 'Tỷ lệ hộ nghèo đa chiều 9,8%',
  '13.2': 'Chưa có mô hình liên kết tiêu thụ cà phê ổn định',
  '15.1': 'Tỷ lệ tham gia BHYT 84%',
  '17.5': 'Chưa có điểm tập kết rác thải ở 3 thôn',
  '19.1': 'Đang kiện toàn lực lượng dân quân thường trực',
};
/** Indicators no one has looked at yet (the screen shows "chưa ghi"). */
const NOT_RECORDED = new Set(['17.4', '19.2']); // both in criteria already not met

const EVIDENCE: Record<string, string> = {
  '1.1': 'Quyết định phê duyệt quy hoạch chung xã năm 2023',
  '2.1': 'Biên bản nghiệm thu đường liên xã 12 km',
  '4.1': 'Xác nhận của Điện lực huyện',
  '6.1': 'Nhà văn hóa xã đưa vào sử dụng tháng 3',
  '8.3': 'Đài truyền thanh có loa ở 7/7 thôn',
  '17.1': 'Số liệu Trung tâm nước sạch tỉnh',
  '18.4': 'Quyết định công nhận xã đạt chuẩn tiếp cận pháp luật',
};

export interface DemoIndicatorState {
  indicatorCode: string;
  state: 'met' | 'notMet';
  note: string;
  /** Days before the load the office recorded it. */
  daysAgo: number;
}

export function demoNtm(): { criteriaSetId: string; code: string; version: string; byName: string; states: DemoIndicatorState[] } {
  const office = DEMO_USERS.find((u) => u.role === 'office')!;
  const states = indicatorsOf(NTM_XA_2021_2025)
    .filter(({ indicator }) => !NOT_RECORDED.has(indicator.code))
    .map(({ indicator }, n) => ({
      indicatorCode: indicator.code,
      state: indicator.code in NOT_MET ? ('notMet' as const) : ('met' as const),
      note: NOT_MET[indicator.code] ?? EVIDENCE[indicator.code] ?? '',
      daysAgo: 90 - n, // recorded one after another over the last three months
    }));
  return { criteriaSetId: NTM_XA_2021_2025.id, code: NTM_XA_2021_2025.code, version: NTM_XA_2021_2025.version, byName: office.name, states };
}

/**
 * A village-level set for the demo, so village heads' phones show "Tiêu chí làng NTM: đạt x/y".
 * It is an EXAMPLE, not a province's text (a commune types in its province's set): unconfirmed,
 * and says so in its source.
 */
export const DEMO_VILLAGE_SET: CriteriaSet = {
  id: demoId(ID_GROUP.criteria, 2),
  code: 'lang-ntm-demo',
  version: '2025',
  name: 'Bộ tiêu chí làng nông thôn mới (ví dụ)',
  source: 'Ví dụ cho bản trình diễn, không phải văn bản của tỉnh: xã nhập bộ tiêu chí làng nông thôn mới do UBND tỉnh ban hành.',
  level: 'village',
  validFrom: '2025-01-01',
  validTo: null,
  confirmed: false,
  communeId: COMMUNE_ID,
  criteria: [
    { code: '1', name: 'Giao thông', confirmed: false, indicators: [{ code: '1.1', name: 'Đường trục làng được cứng hóa, sạch, đi lại thuận tiện', confirmed: false }] },
    { code: '2', name: 'Nhà văn hóa', confirmed: false, indicators: [{ code: '2.1', name: 'Làng có nhà văn hóa (nhà rông) và nơi sinh hoạt cộng đồng', confirmed: false }] },
    { code: '3', name: 'Nước sạch và vệ sinh', confirmed: false, indicators: [
      { code: '3.1', name: 'Tỷ lệ hộ dùng nước sạch', confirmed: false, householdShare: { checklistCode: 'ntm-ho', itemCode: 'nuoc-sach' }, threshold: { text: '≥ 80% hộ (ví dụ)', minShare: 0.8, confirmed: false } },
      { code: '3.2', name: 'Tỷ lệ hộ có nhà vệ sinh hợp vệ sinh', confirmed: false, householdShare: { checklistCode: 'ntm-ho', itemCode: 'nha-ve-sinh' }, threshold: { text: '≥ 70% hộ (ví dụ)', minShare: 0.7, confirmed: false } },
    ] },
    { code: '4', name: 'Thu nhập và giảm nghèo', confirmed: false, indicators: [{ code: '4.1', name: 'Tỷ lệ hộ nghèo dưới mức của tỉnh', confirmed: false }] },
    { code: '5', name: 'Văn hóa', confirmed: false, indicators: [{ code: '5.1', name: 'Làng giữ danh hiệu "thôn văn hóa"', confirmed: false }] },
  ],
};

/** Per village, the indicators not met yet (the rest recorded met): Kon Sơ Lăl stands at 3/5. */
const VILLAGE_NOT_MET: Record<string, string[]> = {
  'kon-so-lal': ['3.2', '4.1'],
  'dak-po-kao': ['1.1', '3.1', '4.1'],
};

export function demoVillageNtm(): { set: CriteriaSet; byName: string; states: (DemoIndicatorState & { unitId: string })[] } {
  const office = DEMO_USERS.find((u) => u.role === 'office')!;
  const states = DEMO_UNITS.filter((u) => u.key in VILLAGE_NOT_MET).flatMap((u) =>
    indicatorsOf(DEMO_VILLAGE_SET).map(({ indicator }, n) => ({
      unitId: u.id, indicatorCode: indicator.code, daysAgo: 30 - n,
      state: VILLAGE_NOT_MET[u.key]!.includes(indicator.code) ? ('notMet' as const) : ('met' as const), note: '',
    })));
  return { set: DEMO_VILLAGE_SET, byName: office.name, states };
}
