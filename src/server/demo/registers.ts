/**
 * Versioned reference sets the demo loads: the Women's Union "5 không, 3 sạch" household
 * checklist (the shipped one) and the 2021–2025 NTM criteria for communes (Quyết định 318/QĐ-TTg). They are data
 * with their legal source and validity, so the next revision is a new version, not a code edit.
 * The criteria carry a short list of indicators, enough for the demo; a commune going for
 * recognition loads the full annex of the decision as a new version.
 */
import type { ChecklistSet, CriteriaSet } from '../../shared/schemas/registers';
import { demoId, ID_GROUP } from './commune';
import { SHIPPED_CHECKLISTS } from '../reference/checklists';

/**
 * The demo assesses households against the shipped, checked 2014 text (reference/checklists/
 * 5k3s-2014.json), not a copy of its own, so the demo and a real commune use the same version.
 */
export const CHECKLIST_5K3S: ChecklistSet = SHIPPED_CHECKLISTS.find((s) => s.code === '5k3s' && s.version === '2014')!;

const criteria: [code: string, name: string, indicators: [string, string][]][] = [
  ['1', 'Quy hoạch', [['1.1', 'Có quy hoạch chung xây dựng xã được phê duyệt và công bố công khai'], ['1.2', 'Ban hành quy định quản lý quy hoạch chung xây dựng xã và tổ chức thực hiện theo quy hoạch']]],
  ['2', 'Giao thông', [['2.1', 'Đường xã được nhựa hóa hoặc bê tông hóa'], ['2.2', 'Đường thôn, liên thôn được cứng hóa'], ['2.3', 'Đường ngõ, xóm sạch và đảm bảo đi lại thuận tiện'], ['2.4', 'Đường trục chính nội đồng đảm bảo vận chuyển hàng hóa']]],
  ['3', 'Thủy lợi và phòng chống thiên tai', [['3.1', 'Tỷ lệ diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động'], ['3.2', 'Đảm bảo yêu cầu chủ động về phòng chống thiên tai theo phương châm 4 tại chỗ']]],
  ['4', 'Điện', [['4.1', 'Hệ thống điện đạt chuẩn'], ['4.2', 'Tỷ lệ hộ có đăng ký trực tiếp và được sử dụng điện sinh hoạt, sản xuất đảm bảo an toàn']]],
  ['5', 'Trường học', [['5', 'Tỷ lệ trường học các cấp có cơ sở vật chất và thiết bị dạy học đạt tiêu chuẩn theo quy định']]],
  ['6', 'Cơ sở vật chất văn hóa', [['6.1', 'Xã có nhà văn hóa hoặc hội trường đa năng và sân thể thao phục vụ sinh hoạt văn hóa, thể thao'], ['6.2', 'Xã có điểm vui chơi, giải trí và thể thao cho trẻ em và người cao tuổi'], ['6.3', 'Tỷ lệ thôn có nhà văn hóa hoặc nơi sinh hoạt văn hóa, thể thao phục vụ cộng đồng']]],
  ['7', 'Cơ sở hạ tầng thương mại nông thôn', [['7', 'Xã có chợ nông thôn hoặc cơ sở bán lẻ khác theo quy định']]],
  ['8', 'Thông tin và Truyền thông', [['8.1', 'Xã có điểm phục vụ bưu chính'], ['8.2', 'Xã có dịch vụ viễn thông, internet'], ['8.3', 'Xã có đài truyền thanh và hệ thống loa đến các thôn'], ['8.4', 'Xã có ứng dụng công nghệ thông tin trong công tác quản lý, điều hành']]],
  ['9', 'Nhà ở dân cư', [['9.1', 'Nhà tạm, dột nát'], ['9.2', 'Tỷ lệ hộ có nhà ở kiên cố hoặc bán kiên cố']]],
  ['10', 'Thu nhập', [['10', 'Thu nhập bình quân đầu người']]],
  ['11', 'Nghèo đa chiều', [['11', 'Tỷ lệ nghèo đa chiều giai đoạn 2021-2025']]],
  ['12', 'Lao động', [['12.1', 'Tỷ lệ người có việc làm trên dân số trong độ tuổi lao động có khả năng tham gia lao động'], ['12.2', 'Tỷ lệ lao động có việc làm qua đào tạo']]],
  ['13', 'Tổ chức sản xuất và phát triển kinh tế nông thôn', [['13.1', 'Xã có hợp tác xã hoạt động hiệu quả và theo đúng quy định của Luật Hợp tác xã'], ['13.2', 'Xã có mô hình liên kết sản xuất gắn với tiêu thụ nông sản chủ lực đảm bảo bền vững']]],
  ['14', 'Giáo dục và Đào tạo', [['14.1', 'Phổ cập giáo dục mầm non cho trẻ em 5 tuổi; phổ cập giáo dục tiểu học; phổ cập giáo dục trung học cơ sở; xóa mù chữ'], ['14.2', 'Tỷ lệ học sinh tốt nghiệp trung học cơ sở được tiếp tục học trung học']]],
  ['15', 'Y tế', [['15.1', 'Tỷ lệ người dân tham gia bảo hiểm y tế'], ['15.2', 'Xã đạt tiêu chí quốc gia về y tế'], ['15.3', 'Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi (chiều cao theo tuổi)']]],
  ['16', 'Văn hóa', [['16', 'Tỷ lệ thôn đạt tiêu chuẩn văn hóa theo quy định']]],
  ['17', 'Môi trường và an toàn thực phẩm', [['17.1', 'Tỷ lệ hộ được sử dụng nước sạch theo quy chuẩn'], ['17.2', 'Tỷ lệ cơ sở sản xuất, kinh doanh đảm bảo quy định về bảo vệ môi trường'], ['17.3', 'Cảnh quan, không gian xanh - sạch - đẹp, an toàn'], ['17.4', 'Mai táng phù hợp với quy định và theo quy hoạch'], ['17.5', 'Chất thải rắn trên địa bàn và nước thải khu dân cư tập trung được thu gom, xử lý theo quy định']]],
  ['18', 'Hệ thống chính trị và tiếp cận pháp luật', [['18.1', 'Cán bộ, công chức xã đạt chuẩn'], ['18.2', 'Đảng bộ, chính quyền xã được xếp loại chất lượng hoàn thành tốt nhiệm vụ trở lên'], ['18.3', 'Tổ chức chính trị - xã hội của xã được đánh giá hoàn thành tốt nhiệm vụ trở lên'], ['18.4', 'Xã đạt chuẩn tiếp cận pháp luật theo quy định']]],
  ['19', 'Quốc phòng và An ninh', [['19.1', 'Xây dựng lực lượng dân quân "vững mạnh, rộng khắp" và hoàn thành các chỉ tiêu quốc phòng'], ['19.2', 'Xã đạt chuẩn an toàn về an ninh, trật tự xã hội và đảm bảo bình yên']]],
];

export const CRITERIA_NTM_XA_2021_2025: CriteriaSet = {
  id: demoId(ID_GROUP.criteria, 1),
  code: 'ntm-xa-2021-2025',
  version: '2022',
  name: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025',
  source: 'Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ',
  level: 'commune',
  validFrom: '2022-03-08',
  validTo: '2025-12-31',
  criteria: criteria.map(([code, name, indicators]) => ({
    code,
    name,
    indicators: indicators.map(([c, n]) => ({ code: c, name: n })),
  })),
};
