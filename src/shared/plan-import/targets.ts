/**
 * One line of a plan → the targets it states. The rules are those of the language, not of any
 * one plan: a figure is a target when a unit of measure follows it (`3.027 con`, `96 %`,
 * `13/19 tiêu chí`, `1-2 nhà`); the words just before or after it give the comparator
 * ("trở lên", "dưới", "giảm còn"); a figure in parentheses after another is part of a breakdown;
 * a clause with no figure is a status target only when it says so ("đạt chuẩn", "duy trì",
 * "hoàn thành xây dựng"). Every guess is returned as a warning for the office to check.
 *
 * Chosen rule for "giảm X%" (reduce BY X points, as opposed to "giảm còn X%", reduce TO X):
 * a quantity in "%" with comparator atLeast on the size of the reduction, always with a
 * warning. "tăng X" (grow by X) is the same without the warning: growth targets say "at least".
 */
import type { Area, Comparator, Measure } from '../schemas/targets';
import { parseViNumber, formatViNumber } from '../vi-number';
import { cleanLine, listItem } from './lines';
import { maskNonTargets } from './mask';
import { unitAt, COUNT_NOUNS } from './units';
import { findAssociations, subjectAmong, type NamedBody } from './assignees';

export interface LineContext {
  /** `targets`: the plan's target section; `content`: movements, read more cautiously. */
  zone: 'targets' | 'content';
  area: Area | null;
  /** An association a heading above assigns. */
  assignee: string | null;
}

export interface DraftTarget {
  label: string;
  comparator: Comparator;
  measure: Measure;
  value: number | null;
  valueMax: number | null;
  outOf: number | null;
  unit: string | null;
  area: Area;
  assignee: string | null;
  children: DraftTarget[];
}

export interface LineReading {
  targets: DraftTarget[];
  warnings: string[];
}

/** How far around a figure its cue words are looked for. */
const WINDOW = 120;

const DEFAULT_CONTEXT: LineContext = { zone: 'targets', area: null, assignee: null };

const NUM = /(?<![\p{L}\p{N}.,/#])(?<!\p{L}[-–])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\p{N}#]|[.,]\d)/gu;
/** "1.5 tấn": an English decimal point; read as 1,5 with a warning. */
const DOT_DECIMAL = /(?<![\p{L}\p{N}.,/#])(\d+\.\d{1,2})(?![\p{N}.,#])/gu;
const NUM_AT = /^(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\p{N}#]|[.,]\d)/u;

/** A reference to a particular document ("Nghị quyết Đại hội ...", "Kế hoạch số ..."): its figures describe that document. */
const CITATION = /(?<!\p{L})(nghị quyết|chỉ thị|nghị định|quyết định|thông tư|luật|công văn|kế hoạch|hướng dẫn|chương trình hành động)\s+(số|#|đại hội|đảng|hđnd|hội đồng|ubnd|ủy ban|uỷ ban|chính phủ|thủ tướng|bộ|ban|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|của)(?![\p{L}])/iu;
const STATUS_CUE = /(?<!\p{L})((đạt chuẩn|đạt danh hiệu|được công nhận|công nhận đạt|duy trì|giữ vững|hoàn thành (xây dựng|tiêu chí|việc|chương trình|công trình|mục tiêu)|về đích|xây dựng thành công|không để (xảy ra|phát sinh))(?!\p{L})|đạt\s+[“"«])/iu;
const META = /(hoàn thành|thực hiện|đạt)\s+(tốt\s+|xuất sắc\s+|vượt\s+)?(các|những|mọi|toàn bộ)\s+(chỉ tiêu|nhiệm vụ|kế hoạch)|hoàn thành (tốt |xuất sắc )?(nhiệm vụ|kế hoạch)/iu;
const CLAUSE_VERB = /^(Hoàn thành|Giữ vững|Duy trì|Phấn đấu|Xây dựng|Tổ chức|Vận động|Hỗ trợ|Thực hiện|Đạt|Tăng|Giảm|Hạ|Chỉ đạo|Tuyên truyền|Trồng|Phát triển|Nâng|Đảm bảo|Bảo đảm|Phối hợp|Triển khai|Cấp|Thu)(?!\p{L})/u;
/** Words after a figure that make it a place or an owner, not a target ("tại 6 thôn"). */
const PLACE_BEFORE = /(?<!\p{L})(tại|ở|thuộc|của|giữa|trong số)\s*$/iu;
const BREAKDOWN = /^[\s.,:;]*(\(|trong đó|bao gồm|gồm|chia ra|cụ thể)/iu;

interface Mention {
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

/** [start, end) ranges of clauses: split at `;`, at sentence ends, at ", Verb", outside () and quotes. */
export function clauses(masked: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '“' || c === '«') quote = true;
    else if (c === '”' || c === '»') quote = false;
    else if (c === '"') quote = !quote;
    if (depth > 0 || quote) continue;
    let cut = false;
    if (c === ';') cut = true;
    else if ((c === '.' || c === '!' || c === '?') && /^\s+[\p{Lu}\-–+•]/u.test(masked.slice(i + 1, i + 4))) cut = true;
    else if (c === ',' && CLAUSE_VERB.test(masked.slice(i + 1, i + 40).trimStart())) cut = true;
    if (cut) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < masked.length) out.push([start, masked.length]);
  return out;
}

function isYear(v: number): boolean {
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
function mentionsIn(masked: string, s: string, figures: Figures, from: number, to: number, ctx: LineContext, warnings: string[]): { mentions: Mention[]; tokens: Array<[number, number]> } {
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
    if (unit && unit.known) {
      mention = { ...mention, end: end + unit.length, unit: unit.unit, knownUnit: true, unitText: s.slice(end, end + unit.length).trim() };
    } else if (unit && !unit.known) {
      if (ctx.zone !== 'targets' || isYear(value) || cites) continue;
      mention = { ...mention, end: end + unit.length, unit: unit.unit, unitText: unit.unit, note: `Không chắc đơn vị tính “${unit.unit}” của chỉ tiêu này.` };
    } else {
      // A bare figure: a target only in a list line "Nhãn: 25" or "... đạt 25", in the targets section.
      const after = s.slice(end, Math.min(to, end + WINDOW));
      if (ctx.zone !== 'targets' || isYear(value) || cites) continue;
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
    if (!unit || unit === 'time' || !unit.known || cites || ctx.zone !== 'targets') continue;
    const value = Number(m[1]);
    mentions.push({ start: m.index, end: m.index + m[0].length + unit.length, value, valueMax: null, outOf: null, unit: unit.unit, knownUnit: true, unitText: unit.unit, note: `Số “${m[1]}” viết dấu chấm thập phân; đã hiểu là ${formatViNumber(value)}.` });
  }
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, tokens };
}

/** Every figure of a line, found once: clauses take their share by position. */
interface Figures {
  numbers: RegExpExecArray[];
  dots: RegExpExecArray[];
}

/** The matches starting in [from, to), by binary search (matches are in order). */
function inRange(all: RegExpExecArray[], from: number, to: number): RegExpExecArray[] {
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

interface Cue {
  comparator: Comparator;
  /** up/down: grows or falls BY the figure; ceiling: a lowering read as "at most" (unsure). */
  change: 'up' | 'down' | 'ceiling' | null;
}

/** The comparator from the words nearest the figure (before it, then "trở lên" after it). */
function comparatorOf(before: string, after: string, clauseStart: string, isRange: boolean): Cue {
  if (isRange) return { comparator: 'range', change: /tăng\s*(khoảng|từ)?\s*$/iu.test(before) ? 'up' : null };
  const a = after.toLowerCase();
  const b = before.toLowerCase().replace(/[\s:]+$/u, '').replace(/\s*(khoảng|chừng|ước|xấp xỉ|trên dưới)$/u, '');
  let cue: Cue | null = null;
  if (/không\s+(dưới|thấp hơn|ít hơn|kém)$/u.test(b)) cue = { comparator: 'atLeast', change: null };
  else if (/không\s+(trên|cao hơn|nhiều hơn|vượt)$/u.test(b)) cue = { comparator: 'atMost', change: null };
  else if (/(<|≤|dưới|không quá|không vượt quá|tối đa|còn|xuống|thấp hơn|ít hơn)$/u.test(b)) cue = { comparator: 'atMost', change: null };
  else if (/(>|≥|trên|hơn|ít nhất|tối thiểu|từ|đạt|đạt được|được|là)$/u.test(b)) cue = { comparator: 'atLeast', change: null };
  else if (/(giảm|hạ|kéo giảm)(\s+(thêm|được))?$/u.test(b)) cue = { comparator: 'atLeast', change: 'down' };
  else if (/tăng(\s+(thêm|được))?$/u.test(b)) cue = { comparator: 'atLeast', change: 'up' };
  if (/^\s*[.,]?\s*trở xuống/u.test(a)) return { comparator: 'atMost', change: null };
  if (/^\s*[.,]?\s*trở lên/u.test(a)) return { comparator: 'atLeast', change: cue?.change ?? null };
  if (cue) return cue;
  // A clause that starts by lowering: "Hạ tỷ lệ hộ nghèo: 27%" (a list, the figure is the level
  // to reach) sets a ceiling; "Giảm tỷ lệ hộ nghèo 1,5%" (no colon) lowers BY the figure.
  if (/^(hạ|giảm|kéo giảm)(?!\p{L})/iu.test(clauseStart)) {
    return /:\s*$/u.test(before) ? { comparator: 'atMost', change: 'ceiling' } : { comparator: 'atLeast', change: 'down' };
  }
  return { comparator: 'atLeast', change: null };
}

function measureOf(mention: Mention, cue: Cue, label: string): Measure {
  if (mention.outOf !== null) return 'xOfY';
  if (mention.unit === 'bậc' || mention.unit === 'hạng' || /xếp hạng|thứ hạng/iu.test(label)) return 'rank';
  if (mention.unit === '%' && (cue.change === null || cue.change === 'ceiling') && !/tăng trưởng|tốc độ/iu.test(label)) return 'rate';
  return 'quantity';
}

const AREA_WORDS: Array<[Area, RegExp]> = [
  ['defense', /(?<!\p{L})(quân sự|quân đội|giao quân|tuyển quân|nhập ngũ|dân quân|quốc phòng|an ninh|trật tự|tội phạm|ma túy|ma tuý|phòng cháy|công an)(?!\p{L})/iu],
  ['economy', /(?<!\p{L})(thu nhập|sản lượng|lương thực|diện tích|gieo trồng|rừng|gia súc|gia cầm|chăn nuôi|ngân sách|nông thôn mới|ntm|doanh nghiệp|pci|papi|kinh tế|sản xuất|giao thông|vốn|quyền sử dụng đất|ocop|năng suất|đàn (heo|lợn|bò|trâu|dê))(?!\p{L})/iu],
  ['society', /(?<!\p{L})(nghèo|bhyt|bảo hiểm|y tế|trẻ em|suy dinh dưỡng|dân số|văn hóa|văn hoá|giáo dục|trường|học sinh|lao động|đào tạo|nước|vệ sinh|điện|truyền hình|gia đình|nhà|môi trường|phụ nữ|người cao tuổi|chính sách|hộ)(?!\p{L})/iu],
];

export function areaOf(text: string): Area {
  for (const [area, re] of AREA_WORDS) if (re.test(text)) return area;
  return 'other';
}

const TRAILING_CUES = /(\s*(?:[:<>≤≥=]|(?<!\p{L})(?:đạt được|đạt|là|còn dưới|xuống dưới|giảm còn|không dưới|không thấp hơn|không vượt quá|không quá|còn|dưới|trên|trở lên|khoảng|từ|được|phấn đấu|tối thiểu|ít nhất|tối đa)))+\s*$/iu;

function tidy(text: string): string {
  return text
    .replace(/^[\s,;:.\-–)]+/u, '')
    .replace(/^(và|hoặc|cùng|đồng thời)\s+/iu, '')
    .replace(/[\s,;(.]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function lastWords(s: string, n: number): string {
  const words = s.trim().split(/\s+/);
  return words.length > n ? words.slice(-n).join(' ') : s.trim();
}

function firstWords(s: string, n: number): string {
  const words = s.trim().split(/\s+/);
  return words.length > n ? words.slice(0, n).join(' ') : s.trim();
}

/** Units that measure (a label reads without them); other units name what is counted ("hộ", “Làng văn hóa”). */
const MEASURE_UNITS = /^(%|ha|hecta|héc-ta|héc ta|m²|m2|m³|m3|km|mét|m|tấn|tạ|kg|lít|triệu đồng|tỷ đồng|nghìn đồng|ngàn đồng|đồng|usd|bậc|hạng|lần|lượt)(\/|$)/u;

/** The text up to the first break (`;`, `,`, `(`, `)`, a sentence end) outside quotes. */
function untilBreak(text: string): string {
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '“' || c === '«') quote = true;
    else if (c === '”' || c === '»') quote = false;
    else if (c === '"') quote = !quote;
    else if (!quote && (c === ';' || c === ',' || c === '(' || c === ')' || (c === '.' && /^(\s|$)/.test(text.slice(i + 1, i + 2))))) return text.slice(0, i);
  }
  return text;
}

/** Keeps a long prefix readable: the part after its last comma when that says enough, else its last words. */
function shorten(prefix: string, maxWords: number): string {
  const words = prefix.trim().split(/\s+/);
  if (words.length <= maxWords) return prefix;
  const comma = prefix.lastIndexOf(',');
  const tail = comma >= 0 ? prefix.slice(comma + 1) : '';
  if (tail.trim().split(/\s+/).length >= 3 && tail.trim().split(/\s+/).length <= maxWords) return tail;
  return lastWords(prefix, maxWords);
}

/** A short, readable label: the words before the figure (its name), and after it when the name is short. */
function labelOf(s: string, from: number, m: Mention, to: number): string {
  let prefix = s.slice(from, m.start);
  // "Tổng đàn gia súc: 3.027 con": the name is before the colon; "... cụ thể: UB MTTQ hỗ trợ
  // 1-2 nhà": after it, when the text before announces a list or is a long sentence.
  const colon = prefix.lastIndexOf(':');
  if (colon >= 0) {
    const head = prefix.slice(0, colon);
    const after = prefix.slice(colon + 1);
    const afterWords = tidy(after.replace(TRAILING_CUES, '')).split(/\s+/).filter(Boolean).length;
    const announces = /(cụ thể|như sau|sau đây|gồm|bao gồm|trong đó)\s*$/iu.test(head);
    if ((afterWords >= 1 && announces) || (afterWords >= 2 && head.trim().split(/\s+/).length > 12)) prefix = after;
    else prefix = head;
  }
  prefix = tidy(shorten(prefix.replace(TRAILING_CUES, ''), 20));
  let suffix = tidy(firstWords(untilBreak(s.slice(m.end, to)).replace(/^\s*(trở lên|trở xuống)/iu, ''), 12));
  // Never end inside a quoted name: "đạt danh hiệu “Gia" → up to its closing quote.
  const open = suffix.lastIndexOf('“');
  if (open >= 0 && suffix.indexOf('”', open) < 0) {
    const rest = s.slice(m.end, to);
    const close = rest.indexOf('”', rest.indexOf(suffix.slice(open)) + 1);
    if (close >= 0) suffix = tidy(rest.slice(0, close + 1).replace(/^\s*(trở lên|trở xuống)/iu, ''));
  }
  const unitWord = m.unit && !MEASURE_UNITS.test(m.unit) ? m.unitText : '';
  let label = prefix;
  const prefixWords = prefix ? prefix.split(/\s+/).length : 0;
  if ((prefixWords < 12 && suffix) || /^[“"«]/u.test(unitWord)) label = [prefix, unitWord, suffix].filter(Boolean).join(' ');
  else if (!prefix) label = [unitWord, suffix].filter(Boolean).join(' ');
  return capitalise(tidy(label)).slice(0, 300) || 'Chỉ tiêu';
}

/** Reads the targets of one line. Lines outside the plan's target sections should not be passed. */
export function readTargetLine(line: string, ctx: LineContext = DEFAULT_CONTEXT): LineReading {
  const warnings: string[] = [];
  const s = listItem(cleanLine(line)).body;
  if (!s || /^căn cứ(?!\p{L})/iu.test(s)) return { targets: [], warnings };
  const masked = maskNonTargets(s);
  const bodies = findAssociations(s);
  const figures: Figures = { numbers: [...masked.matchAll(NUM)], dots: [...masked.matchAll(DOT_DECIMAL)] };
  const targets: DraftTarget[] = [];
  /** A breakdown in progress: the parent and where its children may be. */
  let parent: Breakdown | null = null;

  for (const [from, to] of clauses(masked)) {
    const clauseText = s.slice(from, to);
    const { mentions, tokens } = mentionsIn(masked, s, figures, from, to, ctx, warnings);
    let labelFrom = from;
    let tokenIdx = 0;
    for (let mi = 0; mi < mentions.length; mi++) {
      const mention = mentions[mi]!;
      while (tokenIdx + 1 < tokens.length && tokens[tokenIdx + 1]![1] <= mention.start) tokenIdx++;
      const tokenBefore = tokens[tokenIdx] && tokens[tokenIdx]![1] <= mention.start ? tokens[tokenIdx] : undefined;
      const cueFrom = Math.max(from, tokenBefore ? tokenBefore[1] : from, labelFrom);
      // Windows are bounded so a very long line stays linear.
      const before = s.slice(Math.max(cueFrom, mention.start - WINDOW), mention.start);
      const after = s.slice(mention.end, Math.min(to, mention.end + WINDOW));
      const cue = comparatorOf(before, after, clauseText.slice(0, 40).trimStart(), mention.valueMax !== null);
      // "đạt 3.250 triệu đồng, tăng 10% so với năm 2024": the second figure restates the first.
      if (mi > 0 && /^\s*(so với|so cùng kỳ)/iu.test(after)) {
        labelFrom = mention.end;
        continue;
      }
      const inBreakdown = parent !== null && mention.start < parent.until && mention.start > parent.mention.end;
      const next = mentions[mi + 1];
      const label = labelOf(s, Math.max(labelFrom, mention.start - 400), mention, Math.min(next ? next.start : to, mention.end + 400));
      const target: DraftTarget = {
        label,
        comparator: mention.valueMax !== null ? 'range' : cue.comparator,
        measure: measureOf(mention, cue, label),
        value: mention.value,
        valueMax: mention.valueMax,
        outOf: mention.outOf,
        unit: mention.unit,
        area: ctx.area ?? areaOf(`${label} ${clauseText.slice(0, 400)}`),
        assignee: subjectAmong(bodies, s, mention.start)?.name ?? ctx.assignee,
        children: [],
      };
      if (mention.note) warnings.push(mention.note);
      if (cue.change === 'ceiling') {
        warnings.push(`“${formatViNumber(mention.value)}${mention.unit === '%' ? '%' : ''}” sau chữ “giảm/hạ” được hiểu là mức phải đạt tới (không quá); nếu kế hoạch muốn giảm thêm chừng ấy, hãy sửa.`);
      }
      if (cue.change === 'down' && mention.unit === '%') {
        warnings.push(`“giảm ${formatViNumber(mention.value)}%” được hiểu là giảm ít nhất ${formatViNumber(mention.value)} điểm phần trăm; nếu kế hoạch muốn “giảm còn”, hãy sửa thành “không quá”.`);
      }
      if (inBreakdown && parent?.remark) {
        labelFrom = mention.end;
        continue;
      }
      if (inBreakdown && parent) {
        if (target.unit === null) {
          target.unit = parent.target.unit;
          warnings.pop();
        }
        target.area = parent.target.area;
        target.assignee = parent.target.assignee;
        parent.target.children.push(target);
      } else {
        targets.push(target);
        parent = null;
        parent = breakdownAfter(s, masked, mention, target);
      }
      labelFrom = mention.end;
    }
    // Bare figures inside a breakdown take the parent's unit: "(heo 780; bò 1.110; trâu 217)".
    if (parent && !parent.remark) addBareChildren(s, figures, from, to, parent, mentions);
    if (mentions.length === 0 && ctx.zone === 'targets') {
      const status = statusOf(clauseText, ctx, subjectAmong(bodies, s, to)?.name ?? null);
      if (status) targets.push(status);
    }
  }
  for (const t of targets) checkBreakdown(t, warnings);
  return { targets, warnings };
}

interface Breakdown {
  target: DraftTarget;
  mention: Mention;
  /** Children are read up to here (the closing parenthesis, or the end of the line). */
  until: number;
  /** A parenthesis that only comments on the parent: its figures are skipped. */
  remark?: boolean;
}

/**
 * A breakdown right after a figure: "(Trong đó: heo 780 con; bò 1.110 con)", "(heo 780; bò 1.110)"
 * or ", trong đó: heo 780 con; ...". A parenthesis with a single figure is a remark, not a breakdown.
 */
function breakdownAfter(s: string, masked: string, mention: Mention, target: DraftTarget): Breakdown | null {
  const open = BREAKDOWN.exec(s.slice(mention.end, mention.end + 40));
  if (!open) return null;
  const at = mention.end + open.index + open[0].length;
  if (open[1] !== '(') return { target, mention, until: s.length };
  const close = closingParen(s, at - 1);
  const inner = masked.slice(at, close);
  const figures = inner.match(new RegExp(NUM.source, 'gu'))?.length ?? 0;
  if ((figures >= 2 && /[;,]/.test(inner)) || /^\s*(trong đó|bao gồm|gồm|chia ra)/iu.test(inner)) return { target, mention, until: close };
  // "(9/9 thôn)", "(tăng 5% so với năm 2023)": a remark on the figure, not another target.
  return { target, mention, until: close, remark: true };
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return s.length;
}

function addBareChildren(s: string, figures: Figures, from: number, to: number, parent: Breakdown, mentions: Mention[]): void {
  const start = Math.max(from, parent.mention.end);
  const stop = Math.min(to, parent.until);
  let labelFrom = start;
  for (const m of inRange(figures.numbers, start, stop)) {
    const at = m.index;
    if (at < labelFrom) continue;
    const covering = mentions.find((x) => at >= x.start && at < x.end);
    if (covering) {
      labelFrom = covering.end;
      continue;
    }
    const value = parseViNumber(m[1]!);
    const unit = unitAt(s.slice(at + m[0].length, stop));
    if (value === null || unit !== null) continue;
    const label = tidy(s.slice(labelFrom, at).replace(/^[^\p{L}]*((trong đó|bao gồm|gồm|chia ra)\s*:?)?/iu, ''));
    labelFrom = at + m[0].length;
    if (!label) continue;
    parent.target.children.push({ ...parent.target, label: capitalise(label), value, valueMax: null, outOf: null, children: [] });
  }
}

function statusOf(clause: string, ctx: LineContext, subject: string | null): DraftTarget | null {
  const text = tidy(clause.replace(/[.;]+\s*$/u, ''));
  if (text.length < 8 || text.length > 250) return null;
  if (!STATUS_CUE.test(text) || META.test(text) || CITATION.test(text)) return null;
  return {
    label: capitalise(text),
    comparator: 'done',
    measure: 'status',
    value: null,
    valueMax: null,
    outOf: null,
    unit: null,
    area: ctx.area ?? areaOf(text),
    assignee: subject ?? ctx.assignee,
    children: [],
  };
}

/** Children that share the parent's unit should add up to it; say so when they do not. */
function checkBreakdown(t: DraftTarget, warnings: string[]): void {
  if (t.children.length === 0 || t.value === null) return;
  if (!t.children.every((c) => c.unit === t.unit && c.value !== null)) return;
  const sum = t.children.reduce((a, c) => a + (c.value ?? 0), 0);
  if (Math.abs(sum - t.value) > 1e-9 * Math.max(1, Math.abs(t.value))) {
    warnings.push(`Tổng các chỉ tiêu con (${formatViNumber(sum)}) khác chỉ tiêu “${t.label}” (${formatViNumber(t.value)}). Kiểm tra lại.`);
  }
}
