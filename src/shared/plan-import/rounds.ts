/**
 * Rounds (đợt thi đua) with their dates and report deadlines, and the reporting rhythm
 * (quarterly, half-yearly, yearly), from wherever the plan states them — usually the
 * organisation section: "Đợt 1: Từ ngày 01/01/2024 đến ngày 30/4/2024 ... Hạn chót gửi báo
 * cáo: 25/6/2024". Dates without a year take the plan's year.
 */
import type { Rhythm, Round } from '../schemas/plans';
import type { ImportWarning } from './schema';
import type { LineInfo } from './sections';
import { findDates } from './dates';

const ROUND_NAME = /(?<!\p{L})đợt\s+(\d{1,2}|[IVX]{1,4}|một|hai|ba|bốn|năm|sáu)(?!\p{L}|\d)/giu;
const WORD_NUMBERS: Record<string, string> = { một: '1', hai: '2', ba: '3', bốn: '4', năm: '5', sáu: '6' };

/**
 * Reads every "Đợt N ... từ <date> đến <date> ... báo cáo ... <date>" in the document. A line
 * may hold several rounds; a round named without dates (e.g. "sơ kết đợt 1") is not a round.
 */
export function readRounds(lines: LineInfo[], year: number | null, warn: (w: ImportWarning) => void): Round[] {
  const rounds: Round[] = [];
  const seen = new Set<string>();
  for (const l of lines) {
    if (l.basis || l.zone === 'end') continue;
    const text = l.text;
    if (!/đợt/iu.test(text)) continue;
    const starts = [...text.matchAll(new RegExp(ROUND_NAME.source, ROUND_NAME.flags))];
    for (let k = 0; k < starts.length; k++) {
      const m = starts[k]!;
      const segment = text.slice(m.index, k + 1 < starts.length ? starts[k + 1]!.index : text.length);
      const range = /từ\s+(?:ngày\s+)?(.{1,40}?)\s*(?:đến|tới|[-–])\s*(?:hết\s+)?(?:ngày\s+)?/iu.exec(segment);
      if (!range) continue;
      const fromDates = findDates(segment.slice(range.index), year);
      const from = fromDates[0];
      const to = fromDates[1];
      const raw = m[1]!.toLowerCase();
      const name = `Đợt ${WORD_NUMBERS[raw] ?? m[1]!.toUpperCase()}`;
      if (seen.has(name)) continue;
      if (!from || !to) {
        warn({ line: l.no, message: `Không đọc được thời gian của ${name}.` });
        continue;
      }
      // The deadline: the first date after a word about reporting, past the round's own dates.
      const afterTo = segment.slice(range.index + to.end);
      const report = /(báo cáo|hạn chót|hạn nộp|hạn gửi|gửi về|nộp về)/iu.exec(afterTo);
      let reportDeadline: string | null = null;
      if (report) {
        const d = findDates(afterTo.slice(report.index), year)[0];
        if (d) reportDeadline = d.iso;
      }
      if (!from.iso || !to.iso) {
        warn({ line: l.no, message: `Không đọc được thời gian của ${name}.` });
        continue;
      }
      if (from.iso > to.iso) warn({ line: l.no, message: `${name}: ngày bắt đầu sau ngày kết thúc. Kiểm tra lại.` });
      if (!reportDeadline) warn({ line: l.no, message: `Không thấy hạn báo cáo của ${name}.` });
      if (!from.hasYear && year !== null) warn({ line: l.no, message: `${name} không ghi năm; đã lấy năm ${year}.` });
      seen.add(name);
      rounds.push({ name, from: from.iso, to: to.iso, reportDeadline });
    }
  }
  return rounds.slice(0, 12);
}

/**
 * Reporting rhythm, only when the plan says it: a report ("báo cáo") or review ("sơ kết",
 * "tổng kết") tied to quarters, six months or the year. When the plan says nothing, the year:
 * every plan ends with the year-end assessment (bình xét cuối năm) — said in a warning.
 */
export function readReporting(lines: LineInfo[], warn: (w: ImportWarning) => void): Rhythm[] {
  const found = new Set<Rhythm>();
  for (const l of lines) {
    if (l.basis || l.zone === 'end') continue;
    for (const sentence of l.text.split(/[.;]\s+/)) {
      const s = sentence.toLowerCase();
      const reports = /báo cáo/.test(s);
      if (reports && /(hằng|hàng|mỗi|từng|theo)\s+quý|định kỳ\s+quý|báo cáo\s+quý/.test(s)) found.add('quarter');
      if ((reports || /sơ kết/.test(s)) && /(6|sáu)\s+tháng|giữa năm|nửa năm/.test(s)) found.add('half-year');
      if ((reports && /cuối năm|cả năm|hằng năm|hàng năm|tổng kết năm|báo cáo (kết quả )?năm(?!\s+\d)/.test(s)) || /tổng kết (cuối năm|cả năm|năm)/.test(s)) found.add('year');
    }
  }
  if (found.size === 0) {
    warn({ line: null, message: 'Văn bản không nêu kỳ báo cáo; tạm đặt báo cáo cả năm. Kiểm tra lại.' });
    return ['year'];
  }
  return (['quarter', 'half-year', 'year'] as const).filter((r) => found.has(r));
}
