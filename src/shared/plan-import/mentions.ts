/**
 * The figures of a line that may be targets ("mentions"): a vi-VN number, a range ("8-9",
 * "từ 1 đến 2") or an x-of-y ("13/19"), with the unit after it. It owns the rules that make a
 * figure NOT a target — a time or an age after it, a place before it ("tại 6 thôn"), a year, a
 * citation of another document, a remark in parentheses — so the line reader sees only
 * candidates. Positions are in the line; the masked text (mask.ts) hides never-target digits.
 */
import { parseViNumber, formatViNumber } from '../vi-number';
import { unitAt } from './units';

/** How far around a figure its cue words are looked for. */
export const WINDOW = 120;

export const NUM = /(?<![\p{L}\p{N}.,/#])(?<!\p{L}[-–])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\p{N}#]|[.,]\d)/gu;
/** "1.5 tấn": an English decimal point; read as 1,5 with a warning. */
export const DOT_DECIMAL = /(?<![\p{L}\p{N}.,/#])(\d+\.\d{1,2})(?![\p{N}.,#])/gu;
export const NUM_AT = /^(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\p{N}#]|[.,]\d)/u;

/** A reference to a particular document ("Nghị quyết Đại hội ...", "Kế hoạch số ..."): its figures describe that document. */
export const CITATION = /(?<!\p{L})(nghị quyết|chỉ thị|nghị định|quyết định|thông tư|luật|công văn|kế hoạch|hướng dẫn|chương trình hành động)\s+(số|#|đại hội|đảng|hđnd|hội đồng|ubnd|ủy ban|uỷ ban|chính phủ|thủ tướng|bộ|ban|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|của)(?![\p{L}])/iu;
/** Words after a figure that make it a place or an owner, not a target ("tại 6 thôn"). */
const PLACE_BEFORE = /(?<!\p{L})(tại|ở|thuộc|của|giữa|trong số)\s*$/iu;
/** Money after these words is a reward or a price ("tiền thưởng 500.000 đồng", "trị giá"), not a target. */
const REWARD_BEFORE = /(?<!\p{L})(thưởng|trị giá|mức chi|mức hỗ trợ|định mức)\s*(là|:)?\s*$/iu;
const MONEY = /(^|\s)(triệu đồng|tỷ đồng|nghìn đồng|ngàn đồng|đồng|usd)(\/|$)/u;

export interface Mention {
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  outOf: number | null;
  unit: string | null;
  knownUnit: boolean;
  /** The unit as written in the line (“Làng văn hóa” for `06 "Làng văn hóa"`). */
  unitText: string;
  note: string | null;
}


export function isYear(v: number): boolean {
  return Number.isInteger(v) && v >= 1900 && v <= 2100;
}

/** A figure inside "(... so với năm 2023)", "(tương đương ...)", "(chiếm ...)": a comparison, not a target. */
function inRemark(s: string, at: number): boolean {
  const before = s.slice(Math.max(0, at - 200), at);
  const open = before.lastIndexOf('(');
  if (open < 0 || before.slice(open).includes(')')) return false;
  const after = s.slice(at, at + 200);
  const close = after.indexOf(')');
  const inner = before.slice(open + 1) + (close < 0 ? after : after.slice(0, close));
  return /so với|tương đương|chiếm|bằng|vượt\s+\d/iu.test(inner);
}

/** Finds the figure-with-unit mentions of one clause (positions are in the line). */
export function mentionsIn(masked: string, s: string, figures: Figures, from: number, to: number, zone: 'targets' | 'content', warnings: string[]): { mentions: Mention[]; tokens: Array<[number, number]> } {
  const mentions: Mention[] = [];
  const tokens: Array<[number, number]> = [];
  const cites = CITATION.test(s.slice(from, to));
  let skipUntil = -1;
  for (const m of inRange(figures.numbers, from, to)) {
    const start = m.index;
    if (start < skipUntil) continue;
    let end = start + m[0].length;
    const value = parseViNumber(m[1]!);
    tokens.push([start, end]);
    if (value === null) continue;
    let valueMax: number | null = null;
    let outOf: number | null = null;
    let rest = masked.slice(end, Math.min(to, end + 80));
    // Ranges "8-9%", "1 - 2 nhà", "từ 1 đến 2 nhà"; x of y "13/19 tiêu chí".
    const dash = /^\s*[-–]\s*/.exec(rest) ?? /^\s+(?:đến|tới)\s+(?=\d)/iu.exec(rest);
    const slash = /^\s*\/\s*/.exec(rest);
    if (dash) {
      const hi = NUM_AT.exec(rest.slice(dash[0].length));
      if (hi) {
        valueMax = parseViNumber(hi[1]!);
        end += dash[0].length + hi[0].length;
      }
    } else if (slash) {
      const y = NUM_AT.exec(rest.slice(slash[0].length));
      if (y) {
        outOf = parseViNumber(y[1]!);
        end += slash[0].length + y[0].length;
      }
    }
    if (end > start + m[0].length) tokens.push([start, end]);
    skipUntil = end;
    rest = masked.slice(end, Math.min(to, end + 80));
    const unit = unitAt(s.slice(end, Math.min(to, end + 80)));
    const before = s.slice(Math.max(from, start - WINDOW), start);
    if (unit === 'time') continue;
    if (PLACE_BEFORE.test(before)) continue;
    if (outOf !== null) {
      // "8/3" is a date unless a unit or "đạt" makes it a count out of a set.
      if (!(unit && unit.known) && !/đạt\s*$/iu.test(before)) continue;
    }
    if (valueMax !== null && isYear(value) && isYear(valueMax)) continue;
    let mention: Mention = { start, end, value, valueMax, outOf, unit: null, knownUnit: false, unitText: '', note: null };
    if (unit && unit.known && MONEY.test(unit.unit) && REWARD_BEFORE.test(before)) continue;
    if (unit && unit.known) {
      mention = { ...mention, end: end + unit.length, unit: unit.unit, knownUnit: true, unitText: s.slice(end, end + unit.length).trim() };
    } else if (unit && !unit.known) {
      if (zone !== 'targets' || isYear(value) || cites) continue;
      mention = { ...mention, end: end + unit.length, unit: unit.unit, unitText: unit.unit, note: `Không chắc đơn vị tính “${unit.unit}” của chỉ tiêu này.` };
    } else {
      // A bare figure: a target only in a list line "Nhãn: 25" or "... đạt 25", in the targets section.
      const after = s.slice(end, Math.min(to, end + WINDOW));
      if (zone !== 'targets' || isYear(value) || cites) continue;
      if (!/(:|đạt|là)\s*$/iu.test(before) || !/^\s*[.;,]?\s*$/.test(after)) continue;
      mention.note = 'Không thấy đơn vị tính của chỉ tiêu này.';
    }
    if (inRemark(s, start)) continue;
    if (cites) {
      warnings.push(`Số liệu “${s.slice(start, mention.end).trim()}” nằm trong câu dẫn văn bản; không lấy làm chỉ tiêu. Kiểm tra lại.`);
      continue;
    }
    mentions.push(mention);
  }
  // English decimal points ("1.5 tấn"): read, but flagged.
  for (const m of inRange(figures.dots, from, to)) {
    const unit = unitAt(s.slice(m.index + m[0].length, Math.min(to, m.index + 80)));
    if (!unit || unit === 'time' || !unit.known || cites || zone !== 'targets') continue;
    const value = Number(m[1]);
    mentions.push({ start: m.index, end: m.index + m[0].length + unit.length, value, valueMax: null, outOf: null, unit: unit.unit, knownUnit: true, unitText: unit.unit, note: `Số “${m[1]}” viết dấu chấm thập phân; đã hiểu là ${formatViNumber(value)}.` });
  }
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, tokens };
}

/** Every figure of a line, found once: clauses take their share by position. */
export interface Figures {
  numbers: RegExpExecArray[];
  dots: RegExpExecArray[];
}

/** The matches starting in [from, to), by binary search (matches are in order). */
export function inRange(all: RegExpExecArray[], from: number, to: number): RegExpExecArray[] {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.index < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < all.length && all[end]!.index < to) end++;
  return all.slice(lo, end);
}
