/**
 * The exports parsed back and compared figure by figure with the progress API, on both
 * databases: the CSV (RFC 4180, UTF-8 with a BOM, `.` decimals) with csv-parse, the XLSX with
 * exceljs (numbers stored as numbers, a summary sheet, one sheet per area with the units as
 * columns, who reported when). No household name ever leaves in a file.
 */
import { beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { forEachDatabase } from './support/databases';
import { insertHousehold, newHousehold, seedCommune, type Commune } from './support/fixtures';
import { makeReport } from './support/reports';
import type { PlanProgress } from '../../src/shared/schemas/progress';

const HOUSEHOLD = 'Hộ Nguyễn Văn Không Được Lộ';
const VERDICTS: Record<string, string> = { met: 'Đạt', notMet: 'Chưa đạt', exceeded: 'Vượt', noData: 'Chưa có số liệu' };
const round4 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1e4) / 1e4);
const LIBREOFFICE = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));

forEachDatabase((ctx) => {
  let c: Commune;
  let api: PlanProgress;
  const query = () => `periodId=${c.periods[0]!.id}&basis=submitted`;

  beforeAll(async () => {
    c = await seedCommune(ctx.db, { villages: 2 });
    await insertHousehold(ctx.db, c.communeId, newHousehold(c.villages[0]!.id, HOUSEHOLD));
    // A label with a comma, a quote and a line break: the CSV must quote it.
    await ctx.db.kysely.updateTable('targets').set({ label: 'Tỷ lệ hộ "tham gia", BHYT\nnăm 2025' }).where('id', '=', c.targets.rate.id).execute();
    const reports = [makeReport(c, { village: 0 }), makeReport(c, { village: 1 })];
    reports[1]!.values = [{ targetId: c.targets.quantity.id, value: 2.5 }, { targetId: c.targets.rate.id, numerator: 1, denominator: 3 }];
    for (const [i, r] of reports.entries()) {
      await ctx.call('POST', '/api/reports', { token: c.villageUsers[i]!.token, body: { reports: [r] } });
    }
    api = await (await ctx.call('GET', `/api/plans/${c.plan.id}/progress?${query()}`, { token: c.office.token })).json();
  });

  it('CSV: BOM, RFC 4180, named columns, one row per target and unit, the same figures as the API', async () => {
    const res = await ctx.call('GET', `/api/plans/${c.plan.id}/export?${query()}&format=csv`, { token: c.office.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''/);
    const name = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
    expect(name).toContain('Xã Thử');
    expect(name).toContain('43-KH-UBND');
    expect(name).toContain(c.periods[0]!.name);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    expect(text).not.toContain(HOUSEHOLD);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['STT', 'Mã chỉ tiêu', 'Lĩnh vực', 'Chỉ tiêu', 'Đơn vị tính', 'Mã đơn vị', 'Đơn vị', 'Kế hoạch', 'Thực hiện', 'Tử số', 'Mẫu số', 'Tỷ lệ %', 'Đánh giá', 'Trạng thái báo cáo', 'Trễ hạn']);
    expect(rows).toHaveLength(api.targets.reduce((n, t) => n + 1 + t.units.length, 0));
    const num = (s: string) => (s === '' ? null : Number(s));
    for (const t of api.targets) {
      const mine = rows.filter((r) => r['Mã chỉ tiêu'] === t.targetId);
      const total = mine.find((r) => r['Mã đơn vị'] === '')!;
      expect(total['Chỉ tiêu']).toBe(t.label);
      expect([num(total['Thực hiện']!), num(total['Tỷ lệ %']!), total['Đánh giá']]).toEqual([round4(t.achieved), round4(t.percent), VERDICTS[t.verdict]]);
      for (const u of t.units) {
        const row = mine.find((r) => r['Mã đơn vị'] === u.unitId)!;
        expect([num(row['Kế hoạch']!), num(row['Thực hiện']!), num(row['Tỷ lệ %']!), row['Đánh giá']]).toEqual([u.share, round4(u.achieved), round4(u.percent), VERDICTS[u.verdict]]);
        if (t.measure === 'rate') expect([num(row['Tử số']!), num(row['Mẫu số']!)]).toEqual([u.numerator ?? null, u.denominator ?? null]);
      }
    }
    // `.` as the decimal mark, never a thousands separator in a number.
    expect(rows.find((r) => r['Mã đơn vị'] === c.villages[1]!.id && r['Mã chỉ tiêu'] === c.targets.quantity.id)!['Thực hiện']).toBe('2.5');
  });

  it('XLSX: numbers stored as numbers; summary, one sheet per area with units as columns, who reported when', async () => {
    const res = await ctx.call('GET', `/api/plans/${c.plan.id}/export?${query()}&format=xlsx`, { token: c.office.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const buffer = Buffer.from(await res.arrayBuffer());
    expect(buffer.includes(Buffer.from(HOUSEHOLD))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Kinh tế', 'Ai báo cáo khi nào']);
    const summary = wb.getWorksheet('Tổng hợp')!;
    const headerRow = [...Array(summary.rowCount).keys()].map((i) => summary.getRow(i + 1)).find((r) => r.getCell(1).value === 'STT')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow.number });
    expect(summary.getColumn(3).width).toBeGreaterThan(30);
    for (const [i, t] of api.targets.entries()) {
      const row = summary.getRow(headerRow.number + 1 + i);
      expect(row.getCell(3).value).toBe(t.label);
      expect([row.getCell(5).value ?? null, row.getCell(6).value ?? null, row.getCell(7).value ?? null, row.getCell(8).value])
        .toEqual([t.value, round4(t.achieved), round4(t.percent), VERDICTS[t.verdict]]);
      if (t.achieved !== null) expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Number);
    }
    const area = wb.getWorksheet('Kinh tế')!;
    const areaHeader = [...Array(area.rowCount).keys()].map((i) => area.getRow(i + 1)).find((r) => r.getCell(1).value === 'STT')!;
    const columns = (areaHeader.values as unknown[]).slice(1);
    expect(columns.slice(0, 5)).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Toàn xã']);
    expect(columns).toEqual(expect.arrayContaining(c.villages.map((v) => v.name)));
    const quantity = api.targets.findIndex((t) => t.targetId === c.targets.quantity.id);
    const qRow = area.getRow(areaHeader.number + 1 + quantity);
    const v2col = columns.indexOf(c.villages[1]!.name) + 1;
    expect(qRow.getCell(v2col).value).toBe(2.5);
    expect(qRow.getCell(5).value).toBe(api.targets[quantity]!.achieved);
    const who = wb.getWorksheet('Ai báo cáo khi nào')!;
    const names: unknown[] = [];
    who.eachRow((r) => names.push(r.getCell(1).value));
    expect(names).toEqual(expect.arrayContaining([...c.villages.map((v) => v.name), c.association.name]));

    if (LIBREOFFICE) {
      // The file opens in LibreOffice: convert it to CSV headlessly and find the figures again.
      const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
      writeFileSync(join(dir, 'progress.xlsx'), buffer);
      execFileSync(LIBREOFFICE, ['--headless', '--convert-to', 'csv', '--outdir', dir, join(dir, 'progress.xlsx')], { timeout: 120_000 });
      expect(readdirSync(dir)).toContain('progress.csv');
    } else {
      console.warn('libreoffice is not installed: the "opens in LibreOffice" check did not run');
    }
  });
});
