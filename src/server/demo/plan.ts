/**
 * The demo plan: Kế hoạch 43/KH-UBND of xã Lơ Ku (sample xa-lo-ku-2022.txt), its targets as the
 * document writes them (source lines point into that file), and each village's or
 * association's share. Lơ Ku names no association targets, rounds or rank target, so those few
 * come from the other sample plans (Bình Lương 2024, Ia Dom 2024) with `source: null`. The
 * plan is moved to the year the demo is loaded in, so its periods are live, not four years late.
 */
import type { Plan, Round } from '../../shared/schemas/plans';
import type { Target, Assignment, Area, Comparator, Measure, Aggregation, TargetLink } from '../../shared/schemas/targets';
import { defaultAggregation } from '../../shared/schemas/targets';
import { COMMUNE_ID, DEMO_VILLAGES, demoId, ID_GROUP, unitByKey } from './commune';

export const PLAN_ID = demoId(ID_GROUP.plan, 1);

export function demoPlan(year: number): Plan {
  const rounds: Round[] = [
    { name: `Đợt 1 năm ${year}`, from: `${year}-01-01`, to: `${year}-04-30`, reportDeadline: `${year}-06-25` },
    { name: `Đợt 2 năm ${year}`, from: `${year}-07-01`, to: `${year}-12-31`, reportDeadline: `${year}-12-25` },
  ];
  return {
    id: PLAN_ID,
    issuerUnitId: COMMUNE_ID,
    number: '43/KH-UBND',
    issuedOn: `${year}-03-07`,
    year,
    issuer: 'UBND XÃ LƠ KU',
    title: `Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm ${year}`,
    theme: 'Đoàn kết, kỷ cương, chủ động thích ứng, an toàn hiệu quả, phục hồi phát triển',
    rounds,
    reporting: ['quarter'],
    status: 'active',
  };
}

/** Who carries a target: every village split by households, every village held to the same rate, one unit, or nobody (the office tracks it). */
type Assignees =
  | { split: 'villages'; decimals?: number }
  | { each: 'villages' }
  | { unit: string; share?: number }
  | null;

interface Row {
  key: string;
  area: Area;
  label: string;
  unit: string | null;
  comparator: Comparator;
  value: number | null;
  valueMax?: number;
  outOf?: number;
  measure: Measure;
  aggregation?: Aggregation;
  line: number | null;
  to: Assignees;
  parent?: string;
  /** The commune's own target: the office enters it, no unit is assigned it. */
  communeOnly?: boolean;
  /** It follows a household register or the NTM tracker (issue 10). */
  link?: TargetLink;
}

const V: Assignees = { split: 'villages' };
const EACH: Assignees = { each: 'villages' };
const LIVESTOCK = 'Tổng đàn gia súc: 3.027 con. (Trong đó: đàn heo 780 con; đàn bò 1.110 con; đàn trâu 217 con, đàn dê 920 con).';

const ROWS: Row[] = [
  { key: 'luong-thuc', area: 'economy', label: 'Tổng sản lượng lương thực', unit: 'tấn', comparator: 'atLeast', value: 9007.4, measure: 'quantity', line: 43, to: { split: 'villages', decimals: 1 } },
  { key: 'binh-quan-lt', area: 'economy', label: 'Bình quân lương thực đầu người', unit: 'kg/người/năm', comparator: 'atLeast', value: 2719, measure: 'quantity', line: 44, to: null },
  { key: 'gieo-trong', area: 'economy', label: 'Tổng diện tích gieo trồng', unit: 'ha', comparator: 'atLeast', value: 3994, measure: 'quantity', line: 45, to: V },
  { key: 'trong-rung', area: 'economy', label: 'Diện tích trồng rừng mới trong năm', unit: 'ha', comparator: 'atLeast', value: 40, measure: 'quantity', line: 46, to: V },
  { key: 'thu-nhap', area: 'economy', label: 'Thu nhập bình quân đầu người/năm', unit: 'triệu đồng', comparator: 'atLeast', value: 32, measure: 'quantity', line: 47, to: null },
  { key: 'gia-suc', area: 'economy', label: 'Tổng đàn gia súc', unit: 'con', comparator: 'atLeast', value: 3027, measure: 'quantity', line: 49, to: null },
  { key: 'heo', parent: 'gia-suc', area: 'economy', label: 'Đàn heo', unit: 'con', comparator: 'atLeast', value: 780, measure: 'quantity', line: 49, to: V },
  { key: 'bo', parent: 'gia-suc', area: 'economy', label: 'Đàn bò', unit: 'con', comparator: 'atLeast', value: 1110, measure: 'quantity', line: 49, to: V },
  { key: 'trau', parent: 'gia-suc', area: 'economy', label: 'Đàn trâu', unit: 'con', comparator: 'atLeast', value: 217, measure: 'quantity', line: 49, to: V },
  { key: 'de', parent: 'gia-suc', area: 'economy', label: 'Đàn dê', unit: 'con', comparator: 'atLeast', value: 920, measure: 'quantity', line: 49, to: V },
  { key: 'gcn-qsdd', area: 'economy', label: 'Cấp giấy chứng nhận quyền sử dụng đất', unit: 'ha', comparator: 'atLeast', value: 30, measure: 'quantity', line: 50, to: null },
  { key: 'thu-ngan-sach', area: 'economy', label: 'Thu ngân sách tại địa phương', unit: 'triệu đồng', comparator: 'atLeast', value: 216, measure: 'quantity', line: 51, to: null },
  { key: 'pci', area: 'economy', label: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI): duy trì và tăng 01 bậc so với năm trước', unit: 'bậc', comparator: 'atLeast', value: 1, measure: 'rank', line: null, to: null },
  { key: 'ho-ngheo', area: 'society', label: 'Hạ tỷ lệ hộ nghèo còn dưới', unit: '%', comparator: 'atMost', value: 27, measure: 'rate', line: 52, to: EACH },
  { key: 'tang-dan-so', area: 'society', label: 'Hạ tỷ lệ tăng dân số tự nhiên xuống dưới', unit: '%', comparator: 'atMost', value: 1.2, measure: 'rate', line: 53, to: EACH },
  { key: 'suy-dinh-duong', area: 'society', label: 'Hạ tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng', unit: '%', comparator: 'atMost', value: 21, measure: 'rate', line: 54, to: EACH },
  { key: 'bhyt', area: 'society', label: 'Tỷ lệ hộ dân tham gia BHYT', unit: '%', comparator: 'atLeast', value: 96, measure: 'rate', line: 55, to: EACH },
  { key: 'dien', area: 'society', label: 'Tỷ lệ hộ sử dụng điện lưới quốc gia', unit: '%', comparator: 'atLeast', value: 100, measure: 'rate', line: 56, to: EACH },
  { key: 'nuoc', area: 'society', label: 'Tỷ lệ hộ dùng nước sinh hoạt hợp vệ sinh', unit: '%', comparator: 'atLeast', value: 99, measure: 'rate', line: 57, to: EACH },
  { key: 'truyen-hinh', area: 'society', label: 'Tỷ lệ hộ được xem truyền hình và nghe đài FM', unit: '%', comparator: 'atLeast', value: 99, measure: 'rate', line: 58, to: EACH },
  { key: 'dao-tao-nghe', area: 'society', label: 'Số lao động được đào tạo nghề', unit: 'lao động', comparator: 'atLeast', value: 25, measure: 'quantity', line: 59, to: V },
  { key: 'lang-van-hoa', area: 'society', label: 'Tỷ lệ thôn, làng văn hóa 100% (làng đạt danh hiệu văn hóa)', unit: null, comparator: 'done', value: null, measure: 'status', line: 60, to: EACH },
  { key: 'gia-dinh-van-hoa', area: 'society', label: 'Tỷ lệ gia đình văn hóa', unit: '%', comparator: 'atLeast', value: 85, measure: 'rate', line: 61, to: EACH },
  { key: 'ntm-xa', area: 'society', label: 'Hoàn thành tiêu chí số 1 và số 15 về xây dựng nông thôn mới (đạt 13/19 tiêu chí)', unit: 'tiêu chí', comparator: 'atLeast', value: 13, outOf: 19, measure: 'xOfY', line: 62, to: null, communeOnly: true, link: { kind: 'criteria', criteriaSetCode: 'ntm-xa-2021-2025' } },
  { key: 'ntm-lang', area: 'society', label: 'Hoàn thành tiêu chí số 5 và số 13 về xây dựng làng nông thôn mới (đạt 15/19 tiêu chí)', unit: 'tiêu chí', comparator: 'atLeast', value: 15, outOf: 19, measure: 'xOfY', line: 63, to: { unit: 'kon-so-lal', share: 15 } },
  { key: 'chuan-quoc-gia', area: 'society', label: 'Duy trì trạm y tế xã, Trường PTDTBT Tiểu học & THCS Lơ Ku và trường Mẫu giáo Lơ Ku đạt chuẩn quốc gia', unit: null, comparator: 'done', value: null, measure: 'status', line: 64, to: null },
  { key: '5k3s', area: 'society', label: 'Hội LHPN vận động hộ đạt tiêu chí "5 không, 3 sạch"', unit: 'hộ', comparator: 'atLeast', value: 32, measure: 'quantity', line: null, to: { unit: 'phu-nu' }, link: { kind: 'register', checklistCode: '5k3s' } },
  { key: 'nha-ve-sinh', area: 'society', label: 'Hội Nông dân vận động hội viên làm nhà vệ sinh đảm bảo', unit: 'hộ', comparator: 'atLeast', value: 41, measure: 'quantity', line: null, to: { unit: 'nong-dan' } },
  { key: 'vuon-tap', area: 'economy', label: 'Hội Nông dân vận động cải tạo vườn tạp', unit: 'hộ', comparator: 'atLeast', value: 15, measure: 'quantity', line: null, to: { unit: 'nong-dan' } },
  { key: 'rao-xanh', area: 'society', label: 'Hội CCB vận động xây dựng tường rào, bờ rào xanh, hố rác xử lý rác thải', unit: 'hộ', comparator: 'atLeast', value: 78, measure: 'quantity', line: null, to: { unit: 'cuu-chien-binh' } },
  { key: 'san-ngo', area: 'society', label: 'Đoàn Thanh niên hỗ trợ hộ cứng hóa sân, ngõ', unit: 'hộ', comparator: 'atLeast', value: 6, measure: 'quantity', line: null, to: { unit: 'thanh-nien' } },
  { key: 'dai-doan-ket', area: 'society', label: 'UB MTTQ kêu gọi hỗ trợ xây dựng nhà đại đoàn kết', unit: 'nhà', comparator: 'range', value: 1, valueMax: 2, measure: 'quantity', line: null, to: { unit: 'mat-tran' } },
  { key: 'an-ninh', area: 'defense', label: 'Thôn, làng đạt tiêu chuẩn an toàn về an ninh trật tự (100%)', unit: null, comparator: 'done', value: null, measure: 'status', line: 68, to: EACH },
  { key: 'giao-quan', area: 'defense', label: 'Giao quân', unit: 'thanh niên', comparator: 'equal', value: 8, measure: 'quantity', line: 69, to: V },
];

const LINES: Record<number, string> = {
  43: 'Tổng sản lượng lương thực: 9.007,4 tấn.', 44: 'Bình quân lương thực đầu người: 2.719 kg/người/năm.',
  45: 'Tổng diện tích gieo trồng : 3.994 ha.', 46: 'Diện tích trồng rừng mới trong năm 40 ha.',
  47: 'Thu nhập bình quân đầu người/ năm : >32 triệu đồng.', 49: LIVESTOCK,
  50: 'Cấp giấy chứng nhận quyền sử dụng đất 30 ha.', 51: 'Thu ngân sách tại địa phương 216 triệu đồng.',
  52: 'Hạ tỷ lệ hộ nghèo còn dưới 27 %.', 53: 'Hạ tỷ lệ tăng dân số tự nhiên xuống dưới: 1,2 %.',
  54: 'Hạ tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng: < 21 %.', 55: 'Tỷ lệ hộ dân tham gia BHYT: 96 %.',
  56: 'Tỷ lệ hộ sử dụng điện lưới quốc gia: 100 %.', 57: 'Tỷ lệ hộ dùng nước sinh hoạt hợp vệ sinh: 99% trở lên.',
  58: 'Tỷ lệ hộ được xem truyền hình và nghe đài FM: 99 %.', 59: 'Số lao động được đào tạo nghề: 25 lao động.',
  60: 'Tỷ lệ thôn, làng văn hóa: 100 %.', 61: 'Tỷ lệ gia đình văn hóa: 85 %.',
  62: 'Hoàn thành tiêu chí số 1 và số 15 về xây dựng nông thôn mới (đạt 13/19 tiêu chí)',
  63: 'Hoàn thành tiêu chí số 5 và số 13 về xây dựng làng nông thôn mới (đạt 15/19 tiêu chí)',
  64: 'Duy trì trạm y tế xã, Trường PTDTBT Tiểu học & THCS Lơ Ku và trường Mẫu giáo Lơ Ku đạt chuẩn quốc gia.',
  68: 'Số thôn, làng, cơ quan, đơn vị trường học đạt tiêu chuẩn an toàn về an ninh trật tự đạt 100%.',
  69: 'Giao quân: 8 thanh niên.',
};

const targetId = (i: number) => demoId(ID_GROUP.target, i + 1);

export const DEMO_TARGETS: Target[] = ROWS.map((r, i) => ({
  id: targetId(i),
  planId: PLAN_ID,
  parentId: r.parent ? targetId(ROWS.findIndex((p) => p.key === r.parent)) : null,
  position: i + 1,
  area: r.area,
  label: r.label,
  unit: r.unit,
  comparator: r.comparator,
  value: r.value,
  valueMax: r.valueMax ?? null,
  outOf: r.outOf ?? null,
  measure: r.measure,
  aggregation: r.aggregation ?? defaultAggregation(r.measure),
  assigneeUnitId: r.to && 'unit' in r.to && unitByKey(r.to.unit).kind === 'association' ? unitByKey(r.to.unit).id : null,
  source: r.line ? { line: r.line, text: LINES[r.line] ?? r.label } : null,
  communeOnly: r.communeOnly ?? false,
  link: r.link ?? null,
}));

/**
 * Splits a total over weights so the parts add up to exactly the total at the given precision
 * (largest remainder): the commune's 780 pigs become village shares that still sum to 780.
 */
export function splitByWeights(total: number, weights: readonly number[], decimals = 0): number[] {
  const scale = 10 ** decimals;
  const units = Math.round(total * scale);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (units * w) / weightSum);
  const parts = exact.map(Math.floor);
  let left = units - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts.map((p) => p / scale);
}

export const DEMO_ASSIGNMENTS: Assignment[] = ROWS.flatMap((r, i): Omit<Assignment, 'id'>[] => {
  const base = { planId: PLAN_ID, targetId: targetId(i) };
  if (!r.to) return [];
  if ('unit' in r.to) return [{ ...base, unitId: unitByKey(r.to.unit).id, share: r.to.share ?? r.value }];
  if ('each' in r.to) return DEMO_VILLAGES.map((v) => ({ ...base, unitId: v.id, share: null }));
  const shares = splitByWeights(r.value ?? 0, DEMO_VILLAGES.map((v) => v.households ?? 1), r.to.decimals ?? 0);
  return DEMO_VILLAGES.map((v, k) => ({ ...base, unitId: v.id, share: shares[k] ?? 0 }));
}).map((a, n) => ({ ...a, id: demoId(ID_GROUP.assignment, n + 1) }));

export const DEMO_COMMUNE_ID = COMMUNE_ID;
