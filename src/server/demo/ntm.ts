/**
 * The demo commune's NTM tracker: it follows the 2021–2025 set (QĐ 318/QĐ-TTg) and stands at
 * "đạt 11/19 tiêu chí", working towards the plan's "đạt 13/19" by finishing criteria 1 and 15,
 * as its plan says. Each recorded indicator has a plausible evidence note, recorded by the
 * office over the past months. Kept apart from the rest of the demo so merges stay easy.
 */
import { indicatorsOf } from '../../shared/ntm';
import { NTM_XA_2021_2025 } from '../reference/criteria';
import { DEMO_USERS } from './commune';

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
