/**
 * Line-level cases: each real shape of a target line (from the issue and from plans of other
 * communes), and lines that must give no target. One row per case; `expected` lists the targets
 * in order with only the fields that matter for the case.
 */
import { describe, expect, it } from 'vitest';
import { readTargetLine, type DraftTarget, type LineContext } from '../../../src/shared/plan-import/targets';

type Expect = Partial<Omit<DraftTarget, 'children'>> & { children?: Expect[] };

const T: LineContext = { zone: 'targets', area: null, assignee: null };
const C: LineContext = { zone: 'content', area: null, assignee: null };

const cases: Array<[string, string, LineContext, Expect[]]> = [
  // quantities, units, vi-VN numbers
  ['grouped decimal', '- Tổng diện tích gieo trồng **6.294,3** ha.', T, [{ value: 6294.3, unit: 'ha', comparator: 'atLeast', measure: 'quantity', label: 'Tổng diện tích gieo trồng' }]],
  ['money, billions', 'Thu ngân sách trên địa bàn 1.525,59 tỷ đồng', T, [{ value: 1525.59, unit: 'tỷ đồng', comparator: 'atLeast' }]],
  ['leading zero', 'Hỗ trợ 06 hộ cứng hóa sân, ngõ', T, [{ value: 6, unit: 'hộ' }]],
  ['per-unit compound', '- Bình quân lương thực đầu người: 2.719 kg/người/năm.', T, [{ value: 2719, unit: 'kg/người/năm' }]],
  ['times a year', 'Tổ chức kiểm tra 2 lần/năm.', T, [{ value: 2, unit: 'lần/năm' }]],
  ['at least: trở lên', 'Thu nhập bình quân đầu người 60 triệu đồng trở lên.', T, [{ value: 60, unit: 'triệu đồng', comparator: 'atLeast' }]],
  ['at least: >', '- Thu nhập bình quân đầu người/ năm : >32 triệu đồng.', T, [{ value: 32, unit: 'triệu đồng', comparator: 'atLeast' }]],
  ['at least: đạt từ ... trở lên', 'Số hộ sử dụng nước sạch đạt từ 90% trở lên', T, [{ value: 90, unit: '%', comparator: 'atLeast', measure: 'rate' }]],
  ['decimal percent', 'Tỷ lệ lao động qua đào tạo đạt 65,5%', T, [{ value: 65.5, unit: '%', measure: 'rate' }]],
  ['plain count of trees', 'Trồng 5.000 cây xanh dọc các tuyến đường', T, [{ value: 5000, unit: 'cây', label: 'Trồng cây xanh dọc các tuyến đường' }]],
  ['km of road', 'Xây dựng mới 2 km đường giao thông nông thôn', T, [{ value: 2, unit: 'km' }]],
  ['people', 'Giao quân: 8 thanh niên.', T, [{ value: 8, unit: 'thanh niên', area: 'defense' }]],
  ['label: value with unit', 'Số thôn đạt chuẩn văn hóa: 9 thôn', T, [{ value: 9, unit: 'thôn', label: 'Số thôn đạt chuẩn văn hóa' }]],
  ['english decimal point, flagged', 'Sản lượng cà phê 1.5 tấn/ha', T, [{ value: 1.5, unit: 'tấn/ha' }]],
  // at most
  ['at most: giảm còn dưới', 'Phấn đấu đến cuối năm 2024 tỷ lệ nghèo đa chiều giảm còn dưới **5%**.', T, [{ value: 5, unit: '%', comparator: 'atMost', measure: 'rate' }]],
  ['at most: còn dưới, tab', '- Hạ tỷ lệ hộ nghèo còn dưới\t27 %.', T, [{ value: 27, unit: '%', comparator: 'atMost' }]],
  ['at most: <, and an age that is not a target', '- Hạ tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng:\t< 21 %.', T, [{ value: 21, unit: '%', comparator: 'atMost' }]],
  ['at most: xuống dưới:', '- Hạ tỷ lệ tăng dân số tự nhiên xuống dưới:\t1,2 %.', T, [{ value: 1.2, unit: '%', comparator: 'atMost' }]],
  ['at most: không quá', 'Số vụ cháy rừng không quá 2 vụ', T, [{ value: 2, unit: 'vụ', comparator: 'atMost' }]],
  ['at most: còn', 'Tỷ lệ hộ nghèo còn 3,5%', T, [{ value: 3.5, unit: '%', comparator: 'atMost' }]],
  ['at most: trở xuống', 'Tỷ lệ sinh con thứ ba 2% trở xuống', T, [{ value: 2, unit: '%', comparator: 'atMost' }]],
  ['at most: a lowering clause with a colon', 'Giảm tỷ lệ trẻ suy dinh dưỡng: 12%', T, [{ value: 12, comparator: 'atMost' }]],
  // ranges
  ['range percent, growth', 'Tốc độ tăng trưởng kinh tế tăng khoảng 8-9%', T, [{ value: 8, valueMax: 9, unit: '%', comparator: 'range', measure: 'quantity' }]],
  ['range count', 'UB MTTQ tiếp tục kêu gọi hỗ trợ xây dựng 1-2 nhà đại đoàn kết', T, [{ value: 1, valueMax: 2, unit: 'nhà', comparator: 'range', assignee: 'Ủy ban MTTQ' }]],
  ['range từ ... đến', 'Mỗi thôn xây dựng từ 1 đến 2 mô hình kinh tế', T, [{ value: 1, valueMax: 2, unit: 'mô hình', comparator: 'range' }]],
  // x of y, rank, status
  ['x of y', 'Hoàn thành tiêu chí số 1 và số 15 về xây dựng nông thôn mới (đạt 13/19 tiêu chí)', T, [{ value: 13, outOf: 19, unit: 'tiêu chí', measure: 'xOfY', comparator: 'atLeast' }]],
  ['x of y, a named place after it is not a target', 'tổ chức xây dựng 6/6 cụm dân cư “sáng, xanh, sạch, đẹp” tại 6 thôn trên địa bàn.', T, [{ value: 6, outOf: 6, unit: 'cụm dân cư', measure: 'xOfY' }]],
  ['rank', 'Chỉ số PCI: Duy trì và tăng **01 bậc** so với năm 2023.', T, [{ value: 1, unit: 'bậc', measure: 'rank', comparator: 'atLeast' }]],
  ['status: đạt a title', '- Cuối năm 2024 xã đạt “Xã nông thôn mới nâng cao”.', T, [{ comparator: 'done', measure: 'status', value: null, unit: null }]],
  ['status: duy trì ... đạt chuẩn', 'Duy trì trạm y tế xã đạt chuẩn quốc gia.', T, [{ comparator: 'done', measure: 'status', area: 'society' }]],
  ['status: hoàn thành xây dựng', 'Hoàn thành xây dựng xã Nông thôn mới năm 2024.', T, [{ comparator: 'done', measure: 'status' }]],
  // several targets on one line, breakdowns
  ['breakdown with bare children', 'Tổng đàn gia súc 3.027 con (heo 780; bò 1.110; trâu 217)', T, [
    { value: 3027, unit: 'con', children: [{ value: 780, unit: 'con', label: 'Heo' }, { value: 1110, unit: 'con', label: 'Bò' }, { value: 217, unit: 'con', label: 'Trâu' }] },
  ]],
  ['breakdown with trong đó', '- Tổng đàn gia súc:\t3.027 con. (Trong đó: đàn heo 780 con; đàn bò 1.110 con; đàn trâu 217 con, đàn dê 920 con).', T, [
    { value: 3027, children: [{ value: 780 }, { value: 1110 }, { value: 217 }, { value: 920 }] },
  ]],
  ['breakdown without parentheses', 'Tổng diện tích gieo trồng 3.500 ha, trong đó: lúa 2.000 ha; ngô 1.500 ha', T, [
    { value: 3500, unit: 'ha', children: [{ value: 2000, label: 'Lúa' }, { value: 1500, label: 'Ngô' }] },
  ]],
  ['siblings, not a breakdown', '- Tổng đàn gia súc **2.400** con; đàn gia cầm **15.300** con.', T, [{ value: 2400, unit: 'con' }, { value: 15300, unit: 'con', label: 'Đàn gia cầm' }]],
  ['a comparison in parentheses is not a target', 'Trồng mới 100 ha rừng (tăng 5% so với năm 2023)', T, [{ value: 100, unit: 'ha', children: [] }]],
  ['a restatement in parentheses is not a target', 'Tỷ lệ thôn đạt chuẩn văn hóa 100% (9/9 thôn)', T, [{ value: 100, unit: '%', children: [] }]],
  ['a comparison after a figure restates it', 'Tổng thu ngân sách đạt 3.250 triệu đồng, tăng 10% so với năm 2024.', T, [{ value: 3250, unit: 'triệu đồng' }]],
  ['status: không để xảy ra', 'Không để xảy ra điểm nóng về an ninh trật tự.', T, [{ comparator: 'done', measure: 'status', area: 'defense' }]],
  ['percent first, label after', '+ 100% hộ gia đình sử dụng điện lưới quốc gia.', T, [{ value: 100, measure: 'rate', label: 'Hộ gia đình sử dụng điện lưới quốc gia' }]],
  ['not below', 'Tỷ lệ hộ dùng nước sạch không dưới 90%', T, [{ value: 90, comparator: 'atLeast', label: 'Tỷ lệ hộ dùng nước sạch' }]],
  ['range with đến', 'Mỗi xã xây dựng 3 đến 5 mô hình', T, [{ value: 3, valueMax: 5, comparator: 'range', unit: 'mô hình' }]],
  ['lowering by, no colon', 'Giảm tỷ lệ hộ nghèo 1,5%', T, [{ value: 1.5, unit: '%', comparator: 'atLeast', measure: 'quantity' }]],
  ['two targets joined by "và", reduction by', 'Tỷ lệ hộ tham gia BHYT đạt 95% và hộ nghèo giảm 2%', T, [
    { value: 95, unit: '%', comparator: 'atLeast', measure: 'rate' },
    { value: 2, unit: '%', comparator: 'atLeast', measure: 'quantity', label: 'Hộ nghèo giảm' },
  ]],
  ['two at-most targets', '- Tỷ lệ trẻ em suy dinh dưỡng thấp cân nặng còn dưới **11%**, tỷ lệ trẻ em suy dinh dưỡng chiều cao còn dưới **16%**.', T, [
    { value: 11, comparator: 'atMost' },
    { value: 16, comparator: 'atMost', label: 'Tỷ lệ trẻ em suy dinh dưỡng chiều cao' },
  ]],
  // assignees
  ['association with target, slogan numbers ignored', 'Hội LHPN vận động 32 hộ đạt 5 không 3 sạch', T, [{ value: 32, unit: 'hộ', assignee: 'Hội Liên hiệp Phụ nữ' }]],
  ['association, quoted slogan', '- Hội LHPN phát động phong trào “5 không, 3 sạch”, tuyên truyền vận động 32 hộ trên địa bàn cải tạo chỉnh trang nhà cửa.', T, [{ value: 32, assignee: 'Hội Liên hiệp Phụ nữ' }]],
  ['association, two targets', '- Hội Nông dân vận động hội viên làm nhà vệ sinh là 41 hộ; cải tạo vườn tạp 15 hộ.', T, [
    { value: 41, assignee: 'Hội Nông dân' },
    { value: 15, assignee: 'Hội Nông dân' },
  ]],
  ['association after "cụ thể:"', 'UBMTTQ xã tuyên truyền, vận động nhân dân, cụ thể: Đoàn Thanh niên hỗ trợ 6 thôn xây dựng khu vui chơi', T, [{ value: 6, unit: 'thôn', assignee: 'Đoàn Thanh niên' }]],
  ['a body named in passing is not the assignee', 'Phối hợp với Hội Nông dân hỗ trợ 20 hộ làm chuồng trại', T, [{ value: 20, assignee: null }]],
  ['the heading assigns', 'Vận động 50 hội viên tham gia bảo hiểm xã hội tự nguyện', { ...T, assignee: 'Hội Cựu chiến binh' }, [{ value: 50, unit: 'hội viên', assignee: 'Hội Cựu chiến binh' }]],
  ['quoted name counts what it names', 'Phấn đấu xây dựng 06 "Làng văn hóa", 83% gia đình đạt chuẩn gia đình văn hóa', T, [{ value: 6, unit: 'làng' }, { value: 83, unit: '%', measure: 'rate' }]],
  ['area from the heading wins', 'Tỷ lệ thôn đạt 100%', { ...T, area: 'defense' }, [{ area: 'defense' }]],

  // Cases written after the rules, in the style of other communes' plans (not the samples)
  ['number inside the subject: lúa 2 vụ', '- Diện tích lúa 2 vụ đạt 1.840 ha, năng suất bình quân 62 tạ/ha.', T, [
    { value: 1840, unit: 'ha', comparator: 'atLeast', label: 'Diện tích lúa 2 vụ' },
    { value: 62, unit: 'tạ/ha', comparator: 'atLeast', label: 'Năng suất bình quân' },
  ]],
  ['number inside the subject: trường 2 cấp', 'Số trường 2 cấp đạt chuẩn quốc gia: 3 trường', T, [{ value: 3, unit: 'trường', label: 'Số trường 2 cấp đạt chuẩn quốc gia' }]],
  ['number inside the subject: 3 nhóm', 'Tỷ lệ trẻ 3 nhóm tuổi được tiêm chủng đầy đủ đạt 98%', T, [{ value: 98, unit: '%', measure: 'rate' }]],
  ['growth after a level restates it (warned)', '- Tổng giá trị sản xuất đạt 1.250,5 tỷ đồng, tăng 7,5% so với năm 2024.', T, [{ value: 1250.5, unit: 'tỷ đồng', comparator: 'atLeast', label: 'Tổng giá trị sản xuất' }]],
  ['growth alone is a target', 'Giá trị sản xuất nông nghiệp tăng 4,5% so với năm 2024', T, [{ value: 4.5, unit: '%', comparator: 'atLeast', measure: 'quantity' }]],
  ['percent of the estimate', '- Thu ngân sách nhà nước trên địa bàn đạt 110% dự toán huyện giao.', T, [{ value: 110, unit: '%', comparator: 'atLeast', area: 'economy' }]],
  ['grain output', '- Tổng sản lượng lương thực có hạt đạt 12.450 tấn trở lên.', T, [{ value: 12450, unit: 'tấn', comparator: 'atLeast', label: 'Tổng sản lượng lương thực có hạt' }]],
  ['crop area, trồng mới', 'Trồng mới 150 ha cây ăn quả, nâng tổng diện tích lên 1.200 ha.', T, [
    { value: 150, unit: 'ha', label: 'Trồng mới cây ăn quả' },
    { value: 1200, unit: 'ha', comparator: 'atLeast' },
  ]],
  ['forest planting and cover', '+ Trồng rừng tập trung 45 ha; tỷ lệ che phủ rừng đạt 52,3%.', T, [
    { value: 45, unit: 'ha' },
    { value: 52.3, unit: '%', measure: 'rate', label: 'Tỷ lệ che phủ rừng' },
  ]],
  ['poultry flock', '- Đàn gia cầm 85.000 con trở lên.', T, [{ value: 85000, unit: 'con', comparator: 'atLeast', label: 'Đàn gia cầm' }]],
  ['livestock breakdown with units and colon', 'Tổng đàn gia súc: 4.350 con, trong đó: đàn bò 1.850 con, đàn lợn 2.100 con, đàn dê 400 con.', T, [
    { value: 4350, unit: 'con', children: [{ value: 1850, label: 'Đàn bò' }, { value: 2100, label: 'Đàn lợn' }, { value: 400, label: 'Đàn dê' }] },
  ]],
  ['OCOP: có thêm', 'Có thêm 02 sản phẩm OCOP 3 sao trở lên.', T, [{ value: 2, unit: 'sản phẩm', comparator: 'atLeast', area: 'economy' }]],
  ['cooperatives', 'Thành lập mới 01 hợp tác xã, 03 tổ hợp tác.', T, [{ value: 1, unit: 'hợp tác xã' }, { value: 3, unit: 'tổ hợp tác' }]],
  ['poverty: giảm còn, then giảm X hộ', '- Tỷ lệ hộ nghèo giảm còn 1,8%, giảm 25 hộ nghèo.', T, [
    { value: 1.8, unit: '%', comparator: 'atMost', measure: 'rate' },
    { value: 25, unit: 'hộ', comparator: 'atLeast', measure: 'quantity' },
  ]],
  ['near-poor, không quá', 'Tỷ lệ hộ cận nghèo không quá 4%.', T, [{ value: 4, unit: '%', comparator: 'atMost', measure: 'rate' }]],
  ['health insurance', '- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95,5% trở lên.', T, [{ value: 95.5, unit: '%', comparator: 'atLeast', measure: 'rate', area: 'society' }]],
  ['new jobs', 'Giải quyết việc làm mới cho 180 lao động, trong đó xuất khẩu lao động 15 người.', T, [
    { value: 180, unit: 'lao động', label: 'Giải quyết việc làm mới', children: [{ value: 15, unit: 'người' }] },
  ]],
  ['trained labour', 'Tỷ lệ lao động qua đào tạo đạt 72%, trong đó có bằng cấp, chứng chỉ đạt 30%.', T, [
    { value: 72, unit: '%', children: [{ value: 30, unit: '%' }] },
  ]],
  ['stunting under', '- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 15%.', T, [{ value: 15, unit: '%', comparator: 'atMost', measure: 'rate' }]],
  ['schools meeting the standard', 'Có thêm 01 trường đạt chuẩn quốc gia mức độ 1.', T, [{ value: 1, unit: 'trường', comparator: 'atLeast' }]],
  ['cultural families', 'Tỷ lệ gia đình đạt danh hiệu “Gia đình văn hóa” đạt 92%.', T, [{ value: 92, unit: '%', measure: 'rate' }]],
  ['cultural villages, x of y', 'Có 8/10 thôn đạt danh hiệu “Thôn văn hóa”.', T, [{ value: 8, outOf: 10, unit: 'thôn', measure: 'xOfY' }]],
  ['hygienic water', '- 98% hộ dùng nước hợp vệ sinh, trong đó 60% hộ dùng nước sạch.', T, [
    { value: 98, unit: '%', measure: 'rate', children: [{ value: 60, unit: '%' }] },
  ]],
  ['waste collection', 'Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý đạt 90%.', T, [{ value: 90, unit: '%', measure: 'rate' }]],
  ['conscription: đạt 100% chỉ tiêu', '- Công tác tuyển quân đạt 100% chỉ tiêu trên giao.', T, [{ value: 100, unit: '%', comparator: 'atLeast', area: 'defense' }]],
  ['militia share', 'Xây dựng lực lượng dân quân đạt 1,4% so với tổng dân số.', T, [{ value: 1.4, unit: '%', area: 'defense' }]],
  ['no hot spots: status', '- Không để xảy ra điểm nóng, khiếu kiện đông người.', T, [{ comparator: 'done', measure: 'status' }]],
  ['NTM: đạt 19/19', 'Xã đạt 19/19 tiêu chí nông thôn mới nâng cao.', T, [{ value: 19, outOf: 19, unit: 'tiêu chí', measure: 'xOfY' }]],
  ['village NTM: giữ vững 15/19', 'Giữ vững 15/19 tiêu chí làng nông thôn mới đối với làng Kon Brung.', T, [{ value: 15, outOf: 19, unit: 'tiêu chí', measure: 'xOfY' }]],
  ['women’s union with 50 households', '- Hội Phụ nữ vận động 50 hộ đạt tiêu chí “5 không, 3 sạch”.', T, [{ value: 50, unit: 'hộ', assignee: 'Hội Liên hiệp Phụ nữ' }]],
  ['farmers’ union with a rate of members', 'Hội Nông dân phấn đấu 30% hội viên đạt danh hiệu sản xuất kinh doanh giỏi các cấp.', T, [{ value: 30, unit: '%', measure: 'rate', assignee: 'Hội Nông dân' }]],
  ['youth union works', '- Đoàn Thanh niên xã thực hiện 2 công trình thanh niên, 01 phần việc thanh niên.', T, [{ value: 2, unit: 'công trình', assignee: 'Đoàn Thanh niên' }, { value: 1, assignee: 'Đoàn Thanh niên' }]],
  ['veterans after the heading-less subject', 'Hội Cựu chiến binh giúp nhau phát triển kinh tế, giảm 05 hộ hội viên nghèo.', T, [{ value: 5, unit: 'hộ', assignee: 'Hội Cựu chiến binh' }]],
  ['PAPI rank', '- Chỉ số PAPI của xã tăng 02 bậc so với năm 2024.', T, [{ value: 2, unit: 'bậc', measure: 'rank', comparator: 'atLeast' }]],
  ['income per head per year', 'Thu nhập bình quân đầu người đạt 68 triệu đồng/người/năm.', T, [{ value: 68, unit: 'triệu đồng/người/năm' }]],
  ['range of nhà', 'Vận động xây dựng 3-4 nhà đại đoàn kết cho hộ nghèo.', T, [{ value: 3, valueMax: 4, unit: 'nhà', comparator: 'range' }]],
  ['paved roads', 'Bê tông hóa 3,5 km đường giao thông nông thôn.', T, [{ value: 3.5, unit: 'km' }]],
  ['trên: at least', 'Tỷ lệ học sinh tốt nghiệp THCS trên 98%.', T, [{ value: 98, unit: '%', comparator: 'atLeast' }]],

  ['from a baseline down to a target', 'Tỷ lệ hộ nghèo giảm từ 3,2% xuống còn 2,5%', T, [{ value: 2.5, unit: '%', comparator: 'atMost', measure: 'rate', label: 'Tỷ lệ hộ nghèo giảm' }]],
  ['from a baseline up to a target', 'Thu nhập bình quân đầu người tăng từ 60 triệu đồng lên 65 triệu đồng', T, [{ value: 65, unit: 'triệu đồng', comparator: 'atLeast' }]],
  ['an age range is not a target', 'Tỷ lệ trẻ em từ 6-14 tuổi đến trường đạt 99%', T, [{ value: 99, unit: '%', measure: 'rate' }]],
  ['per-unit with spaces kept inside words', 'Số bác sĩ đạt 2,5 bác sĩ/vạn dân', T, [{ value: 2.5, unit: 'bác sĩ/vạn dân' }]],
  ['how much each gets is not another target', 'Hỗ trợ 15 hộ nghèo, mỗi hộ 2 con bò giống', T, [{ value: 15, unit: 'hộ', label: 'Hỗ trợ hộ nghèo' }]],
  ['a remark with tương đương', 'Đường giao thông nông thôn được cứng hóa đạt 85% (tương đương 12,5 km)', T, [{ value: 85, unit: '%', children: [] }]],
  ['two labelled figures', 'Đàn lợn: 5.600 con; Đàn gà: 45.000 con', T, [{ value: 5600, label: 'Đàn lợn' }, { value: 45000, label: 'Đàn gà', area: 'economy' }]],
  ['a year before the subject', 'Năm 2025, toàn xã có 02 thôn đạt chuẩn nông thôn mới kiểu mẫu.', T, [{ value: 2, unit: 'thôn' }]],

  ['an area heading run into the line', '1. Lĩnh vực kinh tế: tốc độ tăng giá trị sản xuất bình quân 9,5%; tổng thu ngân sách nhà nước trên địa bàn 185 tỷ đồng', T, [
    { value: 9.5, unit: '%', measure: 'quantity', label: 'Tốc độ tăng giá trị sản xuất bình quân' },
    { value: 185, unit: 'tỷ đồng' },
  ]],
  ['a yearly reduction range', 'giảm tỷ lệ hộ nghèo từ 1,5-2%/năm', T, [{ value: 1.5, valueMax: 2, unit: '%/năm', comparator: 'range', measure: 'quantity' }]],
  ['a restatement of the quota in parentheses', 'Giao quân đạt 100% chỉ tiêu tỉnh giao (125 tân binh)', T, [{ value: 100, unit: '%', comparator: 'atLeast', children: [] }]],
  ['more, then the new total out of all', 'có thêm 02 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn lên 6/8 xã', T, [{ value: 2, unit: 'xã' }, { value: 6, outOf: 8, unit: 'xã', measure: 'xOfY' }]],
  ['a share of cases, with its part', 'tỷ lệ điều tra, khám phá án đạt trên 80%, trong đó án rất nghiêm trọng đạt 95% trở lên', T, [{ value: 80, children: [{ value: 95, label: 'Án rất nghiêm trọng' }] }]],
  ['the labour federation', '- Liên đoàn Lao động huyện phát triển mới 300 đoàn viên công đoàn.', T, [{ value: 300, unit: 'đoàn viên', assignee: 'Liên đoàn Lao động' }]],

  ['"dân số" is not a numbering', 'Tỷ lệ đô thị hóa đạt 35%, mật độ dân số 1.200 người/km2', T, [{ value: 35, unit: '%' }, { value: 1200, unit: 'người/km2', label: 'Mật độ dân số' }]],
  ['"tổng số" is not a numbering', 'Tổng số 450 hộ đăng ký hộ gia đình văn hóa', T, [{ value: 450, unit: 'hộ' }]],
  ['the unit a figure is per is not a target', 'Giá trị sản xuất trên 1 ha đất canh tác đạt 150 triệu đồng/ha', T, [{ value: 150, unit: 'triệu đồng/ha', label: 'Giá trị sản xuất trên 1 ha đất canh tác' }]],
  ['breakdown by level, commas inside the parenthesis', 'Hộ sản xuất kinh doanh giỏi các cấp: 450 hộ (cấp xã 300 hộ, cấp huyện 120 hộ, cấp tỉnh 30 hộ)', T, [
    { value: 450, unit: 'hộ', children: [{ value: 300, label: 'Cấp xã' }, { value: 120, label: 'Cấp huyện' }, { value: 30, label: 'Cấp tỉnh' }] },
  ]],
  ['collectives and individuals', 'Khen thưởng 05 tập thể, 10 cá nhân có thành tích xuất sắc', T, [{ value: 5, unit: 'tập thể' }, { value: 10, unit: 'cá nhân' }]],
  ['training for farmers, in the movements', 'Tổ chức 02 lớp tập huấn kỹ thuật cho 80 nông dân.', C, [{ value: 2, unit: 'lớp tập huấn' }, { value: 80, unit: 'nông dân' }]],
  ['a congress numbered and dated', 'Tổ chức Đại hội Thi đua yêu nước xã lần thứ V, giai đoạn 2025-2030 vào quý III/2025', T, []],

  // not targets, in other plans' words
  ['decree in a basis', 'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng;', T, []],
  ['decree cited mid-text', 'Thực hiện Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ', T, []],
  ['decision without "số"', 'Triển khai Quyết định 1600/QĐ-TTg của Thủ tướng Chính phủ về chương trình nông thôn mới', T, []],
  ['anniversary: 80 năm', 'Thi đua lập thành tích chào mừng kỷ niệm 80 năm Cách mạng tháng Tám và Quốc khánh 2/9', T, []],
  ['period', 'Thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2020-2025, giai đoạn 2021-2025', T, []],
  ['date: ngày 30/4', 'Tổ chức ra quân vào ngày 30/4 và ngày 19/5', T, []],
  ['phone number', 'Mọi chi tiết liên hệ Văn phòng UBND xã, điện thoại 0269.3834.123', T, []],
  ['phone number, spaced', 'Số điện thoại: 0912 345 678', T, []],
  ['reward money in the organisation section', 'Tập thể được tặng Giấy khen kèm theo tiền thưởng 500.000 đồng', C, []],
  ['heading', '1. Về kinh tế', T, []],
  ['recipients', 'Nơi nhận:', T, []],
  ['deadline sentence', 'Các đơn vị gửi báo cáo về UBND xã trước ngày 25/11/2025.', T, []],

  // lines that must give no target
  ['legal basis', 'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;', T, []],
  ['decree citation', 'Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành', T, []],
  ['plan citation', 'Thực hiện Kế hoạch số 262/KH-UBND ngày 02/03/2022 của Ủy ban nhân dân huyện Kbang', T, []],
  ['anniversary', 'Thi đua lập thành tích chào mừng kỷ niệm 50 năm Ngày giải phóng miền Nam (30/4/1975 - 30/4/2025)', T, []],
  ['anniversaries in content', 'kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam; 70 năm Chiến thắng Điện Biên Phủ, 80 năm Ngày thành lập Quân đội nhân dân Việt Nam', C, []],
  ['day-month dates', 'Hội LHPN tổ chức các hoạt động nhân ngày Quốc tế Phụ nữ 8/3, ngày phụ nữ Việt Nam 20/10', T, []],
  ['years and periods', 'nhiệm vụ phát triển kinh tế - xã hội 5 năm (2021 - 2025) và giai đoạn 2024-2030', T, []],
  ['figures describing a cited document', 'gắn với thực hiện 4 chương trình trọng tâm mà Nghị quyết Đại hội Đảng bộ huyện lần thứ IX đề ra', C, []],
  ['a meta target is not a status', 'Hoàn thành các chỉ tiêu mà Nghị quyết Đảng ủy đề ra', T, []],
  ['indicator numbers', 'Hoàn thành Tiêu chí số 17 Môi trường, chỉ tiêu 17.1 về nước sạch', T, [{ comparator: 'done' }]],
  ['Covid-19', 'Đoàn kết, chung sức, đồng lòng thi đua vượt qua đại dịch Covid-19', T, []],
  ['prose in content with no unit', 'Tổ chức 3 cuộc thi đua', C, [{ value: 3, unit: 'cuộc' }]],
  ['an unknown word in the movements is not a unit', 'phát huy 5 thế mạnh của địa phương', C, []],
  ['recipient line', '- Lưu: VT-LT.', T, []],
  ['empty', '', T, []],
  ['garbage', '@@@ ### ???', T, []],
];

function pick(t: DraftTarget, e: Expect): Expect {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e) as Array<keyof Expect>) {
    if (k === 'children') out.children = t.children.map((c, i) => (e.children?.[i] ? pick(c, e.children[i]!) : c));
    else out[k] = t[k as keyof DraftTarget];
  }
  return out as Expect;
}

describe('readTargetLine', () => {
  it.each(cases)('%s', (_name, line, ctx, expected) => {
    const { targets } = readTargetLine(line, ctx);
    expect(targets.map((t, i) => (expected[i] ? pick(t, expected[i]!) : t))).toEqual(expected);
  });

  it('flags what it is unsure of', () => {
    expect(readTargetLine('Tỷ lệ hộ nghèo giảm 2%', T).warnings.join(' ')).toMatch(/giảm ít nhất 2 điểm phần trăm/);
    expect(readTargetLine('Sản lượng cà phê 1.5 tấn', T).warnings.join(' ')).toMatch(/dấu chấm thập phân/);
    expect(readTargetLine('Xây dựng 12 lò đốt rác', T).warnings.join(' ')).toMatch(/Không chắc đơn vị tính “lò”/);
    expect(readTargetLine('Tổng đàn gia súc 3.000 con (heo 780; bò 1.110)', T).warnings.join(' ')).toMatch(/Tổng các chỉ tiêu con/);
    expect(readTargetLine('Tổng giá trị sản xuất đạt 1.250,5 tỷ đồng, tăng 7,5% so với năm 2024', T).warnings.join(' ')).toMatch(/“tăng 7,5% so với năm 2024” được coi là mức tăng/);
    expect(readTargetLine('Lúa 2 vụ đạt 1.840 ha', T).warnings).toEqual([]);
    expect(readTargetLine('Hỗ trợ 15 hộ nghèo, mỗi hộ 2 con bò giống', T).warnings.join(' ')).toMatch(/“mỗi hộ 2 con” được coi là mức cho từng đơn vị/);
    expect(readTargetLine('Trong đó 4 chương trình mà Nghị quyết Đại hội đề ra', T).warnings.join(' ')).toMatch(/câu dẫn văn bản/);
  });
});

/** The gaps a clerk hit (issue 8): baselines, falling figures, bare labels, figures lost silently. */
describe('readTargetLine: what a clerk tripped over', () => {
  const Y: LineContext = { ...T, year: 2024 };
  const labels = (line: string, ctx: LineContext = T) => readTargetLine(line, ctx).targets.map((t) => [t.label, t.value, t.comparator]);
  const warned = (line: string, ctx: LineContext = T) => readTargetLine(line, ctx).warnings.join(' | ');

  it.each<[string, string, LineContext, Array<[string, number | null, string]>]>([
    ['the start of the year is a baseline; its subject names the target', 'Số hộ nghèo đầu năm là 120 hộ, phấn đấu giảm còn 80 hộ', T, [['Số hộ nghèo', 80, 'atMost']]],
    ['an earlier year, before the plan year, is a baseline', 'Năm 2023 đạt 55 triệu đồng/người/năm; năm 2024 phấn đấu đạt 60 triệu đồng', T, [['Năm 2024', 60, 'atLeast']]],
    ['a year before the header\'s is a baseline even alone', 'Thu nhập bình quân đầu người năm 2023 đạt 55 triệu đồng', Y, []],
    ['the plan\'s own year is the commitment', 'Thu nhập bình quân đầu người năm 2024 đạt 60 triệu đồng', Y, [['Thu nhập bình quân đầu người năm 2024', 60, 'atLeast']]],
    ['"hiện có" is where the commune stands', 'Toàn xã hiện có 3.200 con bò; phấn đấu tăng lên 3.500 con', T, [['Con bò', 3500, 'atLeast']]],
    ['"cuối năm còn" is a ceiling and not part of the name', 'Tỷ lệ hộ nghèo cuối năm còn 2,1%', T, [['Tỷ lệ hộ nghèo', 2.1, 'atMost']]],
    ['"giảm xuống dưới" is a ceiling and not part of the name', 'Số vụ tai nạn giao thông giảm xuống dưới 3 vụ', T, [['Số vụ tai nạn giao thông', 3, 'atMost']]],
    ['an accident count with no comparator is a ceiling', 'Tai nạn giao thông: 3 vụ', T, [['Tai nạn giao thông', 3, 'atMost']]],
    ['a malnutrition rate with no comparator is a ceiling', 'Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi 10%', T, [['Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi', 10, 'atMost']]],
    ['poor households with no comparator are a ceiling', 'Số hộ nghèo 45 hộ', T, [['Số hộ nghèo', 45, 'atMost']]],
    ['households getting out of poverty still count up', 'Số hộ thoát nghèo 50 hộ', T, [['Số hộ thoát nghèo', 50, 'atLeast']]],
    ['support against poverty counts up', 'Hỗ trợ 15 hộ nghèo xây nhà', T, [['Hỗ trợ hộ nghèo xây nhà', 15, 'atLeast']]],
    ['a numbering before a colon is not the name', 'Chỉ tiêu 3: Tỷ lệ người dân tham gia BHYT đạt 95%', T, [['Tỷ lệ người dân tham gia BHYT', 95, 'atLeast']]],
    ['a bare "Chỉ tiêu" never becomes the label', 'Chỉ tiêu: 95%', T, [['Chỉ tiêu: 95%', 95, 'atLeast']]],
  ])('%s', (_name, line, ctx, expected) => {
    expect(labels(line, ctx)).toEqual(expected);
  });

  it('says so on the line when it takes a figure for a baseline or a ceiling', () => {
    expect(warned('Số hộ nghèo đầu năm là 120 hộ, phấn đấu giảm còn 80 hộ')).toMatch(/“Số hộ nghèo đầu năm: 120 hộ” là số liệu xuất phát/);
    expect(warned('Thu nhập bình quân đầu người năm 2023 đạt 55 triệu đồng', Y)).toMatch(/số liệu xuất phát/);
    expect(warned('Tai nạn giao thông: 3 vụ')).toMatch(/không được vượt quá/);
    expect(warned('Chỉ tiêu: 95%')).toMatch(/Không rõ tên chỉ tiêu/);
  });

  it('never drops a figure silently, but a figure inside a name or a date is no loss', () => {
    expect(warned('Phấn đấu có thêm khoảng năm chục hộ thoát nghèo trong năm, tức 50')).toMatch(/Số “50” trên dòng này không được nhận là chỉ tiêu/);
    expect(warned('Huy động trẻ 6 tuổi vào lớp 1 đạt 100%, trẻ 5 tuổi ra lớp đạt 99,5%')).toBe('');
    expect(warned('Tổ chức các hoạt động nhân ngày Quốc tế Phụ nữ 8/3, ngày Gia đình Việt Nam 28/6')).toBe('');
    expect(warned('Tổng đàn gia súc 3.027 con (heo 780; bò 1.110; trâu 217; dê 920)')).toBe('');
  });

  it('never cuts a label inside a word', () => {
    const long = `${'Xây dựng và phát triển '.repeat(30)}mô hình kinh tế hợp tác đạt 12 mô hình`;
    for (const t of readTargetLine(long, T).targets) {
      expect(long).toContain(t.label.slice(1, 40));
      expect(t.label.length).toBeLessThanOrEqual(300);
      const words = long.toLowerCase().split(/\s+/);
      expect(words).toContain(t.label.toLowerCase().split(/\s+/)[0]);
    }
  });
});
