/**
 * Garbage in never crashes the importer: an empty file, binary bytes read as text, a 5 MB text,
 * a document with no targets all give an empty draft and a Vietnamese message. A 1 MB text
 * imports quickly (a generous bound here; the real figure is in docs/benchmarks.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlan, MAX_IMPORT_CHARS } from '../../../src/shared/plan-import';
import { PlanImportResult } from '../../../src/shared/plan-import/schema';

const root = new URL('../../../', import.meta.url);
const sample = (name: string) => readFileSync(new URL(`test/fixtures/plans/${name}.txt`, root), 'utf8');

function expectEmptyDraft(text: string, message: RegExp) {
  const result = importPlan(text);
  expect(PlanImportResult.safeParse(result).success).toBe(true);
  expect(result.targets).toEqual([]);
  expect(result.warnings.map((w) => w.message).join('\n')).toMatch(message);
  return result;
}

describe('importPlan on bad input', () => {
  it('empty or blank text', () => {
    expectEmptyDraft('', /Văn bản trống/);
    expectEmptyDraft(' \n\r\n\t ', /Văn bản trống/);
  });

  it('binary bytes decoded as text (a .docx or PDF given as .txt)', () => {
    const bytes = new Uint8Array(20_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = x = (x * 1103515245 + 12345) & 0xff;
    bytes.set([0x50, 0x4b, 0x03, 0x04], 0);
    expectEmptyDraft(new TextDecoder().decode(bytes), /không phải văn bản/);
    expectEmptyDraft('\u0000'.repeat(100) + 'Tỷ lệ hộ 96%', /không phải văn bản/);
  });

  it('a 5 MB text', () => {
    const big = 'Tỷ lệ hộ tham gia BHYT 96%.\n'.repeat(Math.ceil(5_000_000 / 28));
    expect(big.length).toBeGreaterThan(MAX_IMPORT_CHARS);
    expectEmptyDraft(big, /quá lớn/);
  });

  it('a document with no targets', () => {
    const r = expectEmptyDraft('KẾ HOẠCH\n\nTổ chức các hoạt động văn hóa, văn nghệ chào mừng ngày lễ lớn.\n', /Không tìm thấy chỉ tiêu nào/);
    expect(r.plan.title).toBe('Tổ chức các hoạt động văn hóa, văn nghệ chào mừng ngày lễ lớn.');
  });

  it('a single very long line, and lone surrogates, do not break it', () => {
    const line = 'Tỷ lệ hộ 96%; '.repeat(20_000) + '\uD800';
    const r = importPlan(line);
    expect(r.targets.length).toBeGreaterThan(0);
    expect(PlanImportResult.safeParse(r).success).toBe(true);
  });

  it('not a string at runtime', () => {
    expect(importPlan(undefined as unknown as string).warnings[0]!.message).toMatch(/Văn bản trống/);
  });
});

describe('importPlan on real text', () => {
  it('keeps line numbers through CRLF, NBSP and decomposed Unicode', () => {
    const text = sample('xa-ia-dom-2024').normalize('NFD').replace(/\n/g, '\r\n').replace(/ /g, '\u00a0');
    const plain = importPlan(sample('xa-ia-dom-2024'));
    const messy = importPlan(text);
    expect(messy.targets.map((t) => [t.source.line, t.value, t.unit])).toEqual(plain.targets.map((t) => [t.source.line, t.value, t.unit]));
    expect(messy.plan.issuer).toBe(plain.plan.issuer);
  });

  it('reads a pasted fragment with no headings, and says it looked everywhere', () => {
    const r = importPlan('Tổng đàn gia súc 3.027 con (heo 780; bò 1.110; trâu 217)\nHội LHPN vận động 32 hộ đạt 5 không 3 sạch');
    expect(r.targets.map((t) => [t.id, t.parentId, t.value])).toEqual([
      ['t1', null, 3027],
      ['t1.1', 't1', 780],
      ['t1.2', 't1', 1110],
      ['t1.3', 't1', 217],
      ['t2', null, 32],
    ]);
    expect(r.targets[4]!.assignee).toBe('Hội Liên hiệp Phụ nữ');
    expect(r.warnings.some((w) => /Không thấy mục “Chỉ tiêu thi đua”/.test(w.message))).toBe(true);
  });

  it('reads rounds written in one sentence, with years left out', () => {
    const r = importPlan('KẾ HOẠCH\nPhát động thi đua năm 2025\nII. CHỈ TIÊU THI ĐUA\n- Trồng 100 ha rừng.\nIII. TỔ CHỨC THỰC HIỆN\n(Đợt 1 từ 01/01 đến 30/4, báo cáo trước ngày 25/6; Đợt 2 từ 01/7 đến 31/12, báo cáo trước ngày 25/12). Các đơn vị báo cáo kết quả hằng quý và 6 tháng.');
    expect(r.plan.year).toBe(2025);
    expect(r.plan.rounds).toEqual([
      { name: 'Đợt 1', from: '2025-01-01', to: '2025-04-30', reportDeadline: '2025-06-25' },
      { name: 'Đợt 2', from: '2025-07-01', to: '2025-12-31', reportDeadline: '2025-12-25' },
    ]);
    expect(r.plan.reporting).toEqual(['quarter', 'half-year']);
    expect(r.targets).toHaveLength(1);
  });

  it('reads the rhythm from how reports are asked for', () => {
    const r = importPlan('II. CHỈ TIÊU\n- Trồng 100 ha rừng.\nIII. TỔ CHỨC THỰC HIỆN\nVăn phòng tổng hợp, báo cáo kết quả 6 tháng trước ngày 15/6 và báo cáo năm trước ngày 15/12.');
    expect(r.plan.reporting).toEqual(['half-year', 'year']);
  });

  it('reads an issuer printed at the top, written as sentences name it', () => {
    const r = importPlan('ỦY BAN NHÂN DÂN\nXÃ LƠ KU\n\nSố: 12/KH-UBND\nLơ Ku, ngày 07 tháng 3 năm 2025\n\nKẾ HOẠCH\nPhát động phong trào thi đua năm 2025\n');
    expect(r.plan).toMatchObject({ issuer: 'Ủy ban nhân dân xã Lơ Ku', number: '12/KH-UBND', issuedOn: '2025-03-07', year: 2025 });
  });

  // Speed is the benchmark's to measure (npm run bench:import); a timed assertion here only
  // fails when the machine is busy. This checks 1 MB gives a draft.
  it('imports 1 MB of text through to a draft', () => {
    const one = ['xa-lo-ku-2022', 'xa-ia-dom-2024', 'xa-binh-luong-2024'].map(sample).join('\n');
    const text = one.repeat(Math.ceil(1_000_000 / one.length)).slice(0, 1_000_000);
    const r = importPlan(text);
    expect(r.targets.length).toBeGreaterThan(100);
  });
});
