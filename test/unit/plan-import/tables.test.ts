/**
 * Targets written as a table, in the three shapes a table reaches the importer: tabs (pasted
 * from Word), Markdown pipes (converted documents), one cell per paragraph (a .docx's raw text).
 */
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../../src/shared/plan-import';

const HEAD = 'KẾ HOẠCH\nPhát động phong trào thi đua năm 2025\n\nII. CHỈ TIÊU THI ĐUA\n\n';
const END = '\n\nIII. TỔ CHỨC THỰC HIỆN\n\nCác thôn báo cáo hằng quý.\n';
const brief = (text: string) => importPlan(text).targets.map((t) => [t.source.line, t.comparator, t.measure, t.value, t.unit, t.label, t.area]);

describe('target tables', () => {
  it('reads tab-separated rows, taking the plan column, not last year’s', () => {
    const text = `${HEAD}TT\tChỉ tiêu\tĐơn vị tính\tThực hiện 2024\tKế hoạch 2025\n1\tTổng sản lượng lương thực\tTấn\t8.900\t9.007,4\n2\tTỷ lệ hộ nghèo\t%\t7\t< 5\n3\tGiao quân\tThanh niên\t8\t10${END}`;
    expect(brief(text)).toEqual([
      [7, 'atLeast', 'quantity', 9007.4, 'tấn', 'Tổng sản lượng lương thực', 'economy'],
      [8, 'atMost', 'rate', 5, '%', 'Tỷ lệ hộ nghèo', 'society'],
      [9, 'atLeast', 'quantity', 10, 'thanh niên', 'Giao quân', 'defense'],
    ]);
  });

  it('reads Markdown pipe tables, with area rows', () => {
    const text = `${HEAD}| STT | Nội dung chỉ tiêu | ĐVT | Chỉ tiêu năm 2025 |\n|---|---|---|---|\n| I | **Kinh tế** | | |\n| 1 | Thu nhập bình quân đầu người | Triệu đồng | 60 |\n| 2 | Tỷ lệ tham gia BHYT | % | ≥ 95 |\n| II | Quốc phòng - an ninh | | |\n| 3 | Giao quân | Thanh niên | 12 |${END}`;
    expect(brief(text)).toEqual([
      [9, 'atLeast', 'quantity', 60, 'triệu đồng', 'Thu nhập bình quân đầu người', 'economy'],
      [10, 'atLeast', 'rate', 95, '%', 'Tỷ lệ tham gia BHYT', 'economy'],
      [12, 'atLeast', 'quantity', 12, 'thanh niên', 'Giao quân', 'defense'],
    ]);
  });

  it('reads a Word table given as one cell per paragraph, empty cells gone', () => {
    const cells = ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch năm 2025', 'I', 'Kinh tế', '1', 'Tổng diện tích gieo trồng', 'Ha', '6.294,3', '2', 'Tổng đàn gia súc', 'Con', '2.400', 'II', 'Văn hóa - xã hội', '3', 'Tỷ lệ hộ nghèo', '%', 'Dưới 5'];
    const text = HEAD + cells.join('\n\n') + END;
    expect(brief(text)).toEqual([
      [20, 'atLeast', 'quantity', 6294.3, 'ha', 'Tổng diện tích gieo trồng', 'economy'],
      [28, 'atLeast', 'quantity', 2400, 'con', 'Tổng đàn gia súc', 'economy'],
      [40, 'atMost', 'rate', 5, '%', 'Tỷ lệ hộ nghèo', 'society'],
    ]);
  });

  it('reads a status written in the plan column, and an x-of-y cell', () => {
    const text = `${HEAD}STT\tNội dung\tĐVT\tThực hiện 2024\tChỉ tiêu 2025\tGhi chú\n1\tXã đạt chuẩn NTM nâng cao\tTiêu chí\t15/19\t19/19\t\n2\tTrường đạt chuẩn quốc gia\tTrường\t2\tDuy trì\t${END}`;
    expect(brief(text).map((r) => r.slice(0, 6))).toEqual([
      [7, 'atLeast', 'xOfY', 19, 'tiêu chí', 'Xã đạt chuẩn NTM nâng cao'],
      [8, 'done', 'status', null, null, 'Duy trì trường đạt chuẩn quốc gia'],
    ]);
  });

  it('leaves tables that are not target tables alone', () => {
    const text = `${HEAD}- Trồng 100 ha rừng.\n\nIII. TỔ CHỨC THỰC HIỆN\n\nTT\tĐơn vị\tThời gian\tGhi chú\n1\tThôn 1\t01/3/2025\tgửi 2 bản\n`;
    expect(brief(text).map((r) => r[3])).toEqual([100]);
  });
});
