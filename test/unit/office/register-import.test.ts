import { describe, expect, it } from 'vitest';
import { detectSeparator, guessMapping, parseCsv, toImportRow } from '../../../src/client/office/registers/import-model';

describe('household import: reading a village\'s list', () => {
  it('reads a CSV saved by Excel: BOM, semicolons, quoted fields with separators and quotes inside, CRLF, empty lines', () => {
    const text = '\uFEFFSTT;Họ tên chủ hộ;Thôn/Xóm;Số khẩu\r\n1;"Nguyễn Văn ""Bình""";Xóm Đông;4\r\n\r\n2;"Lê Thị Hoa; con";Xóm Tây;3\r\n';
    expect(detectSeparator(text)).toBe(';');
    expect(parseCsv(text)).toEqual({
      headers: ['STT', 'Họ tên chủ hộ', 'Thôn/Xóm', 'Số khẩu'],
      rows: [['1', 'Nguyễn Văn "Bình"', 'Xóm Đông', '4'], ['2', 'Lê Thị Hoa; con', 'Xóm Tây', '3']],
    });
    expect(parseCsv('Chủ hộ,Địa chỉ\nA Blưn,"Số 3, Tổ 1"').rows).toEqual([['A Blưn', 'Số 3, Tổ 1']]);
  });

  it('guesses the columns by their Vietnamese headers, with or without diacritics, near-poor apart from poor', () => {
    expect(guessMapping(['STT', 'Họ tên chủ hộ', 'Thôn/Xóm', 'Địa chỉ', 'Số nhân khẩu', 'Hộ nghèo', 'Cận nghèo']))
      .toEqual({ headName: 1, hamlet: 2, address: 3, members: 4, poor: 5, nearPoor: 6 });
    expect(guessMapping(['ho ten chu ho', 'so khau', 'ho can ngheo', 'xom'])).toEqual({ headName: 0, hamlet: 3, address: null, members: 1, poor: null, nearPoor: 2 });
  });

  it('turns a row into the import\'s row: numbers as numbers, ticks as booleans, a bad number left for the server to name', () => {
    const m = { headName: 0, hamlet: 1, address: null, members: 2, poor: 3, nearPoor: 4 };
    expect(toImportRow(['Phạm Thị Mai ', 'Xóm Tây', '3', 'x', ''], m)).toEqual({ headName: 'Phạm Thị Mai', hamlet: 'Xóm Tây', members: 3, poor: true, nearPoor: false });
    expect(toImportRow(['Y Blao', '', 'bốn', 'Có', 'không'], m)).toEqual({ headName: 'Y Blao', members: 'bốn', poor: true, nearPoor: false });
    expect(toImportRow(['', 'Xóm Tây', '', '', ''], m)).toEqual({ hamlet: 'Xóm Tây', poor: false, nearPoor: false });
  });
});
