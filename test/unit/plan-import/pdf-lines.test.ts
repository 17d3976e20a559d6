/** PDF text runs → lines: rows by baseline, gaps as spaces or tabs, wrapped paragraphs joined, scans told apart. */
import { describe, expect, it } from 'vitest';
import { joinWrapped, pageLines, pdfText, type PdfRun } from '../../../src/shared/plan-import/pdf-lines';

const run = (str: string, x: number, y: number, width = str.length * 6, height = 12): PdfRun => ({ str, x, y, width, height });

describe('pageLines', () => {
  it('reads runs top to bottom and left to right, whatever order they come in', () => {
    expect(pageLines([run('dòng hai', 30, 680), run('Dòng một', 30, 700)])).toEqual(['Dòng một', 'dòng hai']);
    expect(pageLines([run('ha', 90, 700.4), run('Tổng diện tích 6.294,3', 30, 700, 56)])).toEqual(['Tổng diện tích 6.294,3 ha']);
  });
  it('joins glyph runs that touch without a space, and puts a space at a small gap', () => {
    expect(pageLines([run('Phát đ', 30, 700, 30), run('ộ', 60, 700, 6), run('ng', 66, 700, 12)])).toEqual(['Phát động']);
    expect(pageLines([run('Thu', 30, 700, 18), run('nhập', 51, 700, 24)])).toEqual(['Thu nhập']);
  });
  it('turns a column gap into a tab, as in a pasted table', () => {
    expect(pageLines([run('Tổng đàn bò', 30, 700, 66), run('1.110', 300, 700, 30), run('con', 400, 700, 18)])).toEqual(['Tổng đàn bò\t1.110\tcon']);
  });
});

describe('joinWrapped', () => {
  it.each<[string, string[], string[]]>([
    ['a sentence the page wrapped', ['- Tỷ lệ hộ dùng nước sạch', 'đạt 95%.'], ['- Tỷ lệ hộ dùng nước sạch đạt 95%.']],
    ['a figure wrapped to the next line', ['Thu nhập bình quân đầu người đạt', '60 triệu đồng trở lên.'], ['Thu nhập bình quân đầu người đạt 60 triệu đồng trở lên.']],
    ['a new list item stays apart', ['- Tổng đàn bò 1.110 con', '- Tổng đàn heo 780 con'], ['- Tổng đàn bò 1.110 con', '- Tổng đàn heo 780 con']],
    ['a numbered item stays apart', ['a) Kinh tế', '2. Văn hóa'], ['a) Kinh tế', '2. Văn hóa']],
    ['a finished sentence stays apart', ['Đạt 13/19 tiêu chí.', 'trong năm'], ['Đạt 13/19 tiêu chí.', 'trong năm']],
    ['a heading in capitals stays apart', ['KẾ HOẠCH', 'Phát động phong trào'], ['KẾ HOẠCH', 'Phát động phong trào']],
    ['table rows stay apart', ['Bò\t1.110', 'heo\t780'], ['Bò\t1.110', 'heo\t780']],
  ])('%s', (_name, lines, expected) => {
    expect(joinWrapped(lines)).toEqual(expected);
  });
});

describe('pdfText', () => {
  it('tells a scan (no letters) from a document', () => {
    expect(pdfText([[], []]).scanned).toBe(true);
    expect(pdfText([[run('Tỷ lệ hộ tham gia bảo hiểm y tế đạt 96% trở lên trong năm 2024', 30, 700)]]).scanned).toBe(false);
  });
  it('gives NFC text, so decomposed Vietnamese from a PDF matches the importer\'s words', () => {
    const decomposed = 'Tổng'.normalize('NFD');
    expect(pdfText([[run(`${decomposed} đàn bò 1.110 con trong toàn xã năm nay`, 30, 700)]]).text).toBe('Tổng đàn bò 1.110 con trong toàn xã năm nay');
  });
});
