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
import { unitAt } from './units';
import { findAssociations, subjectAmong } from './assignees';
import { clauses } from './clauses';
import { CITATION, DOT_DECIMAL, NUM, WINDOW, inRange, mentionsIn, type Figures, type Mention } from './mentions';
import { areaOf, comparatorOf, measureOf } from './cues';
import { MEASURE_UNITS, capitalise, cutAtWord, labelOf, tidy, untilBreak } from './labels';
import { BARE_LABEL, baselineSubject, isBaseline, isFallingSubject } from './baselines';

export { clauses } from './clauses';
export { areaOf } from './cues';

export interface LineContext {
  /** `targets`: the plan's target section; `content`: movements, read more cautiously. */
  zone: 'targets' | 'content';
  area: Area | null;
  /** An association a heading above assigns. */
  assignee: string | null;
  /** The plan's year, when its header gave one: an earlier year's figure is a baseline. */
  year?: number | null;
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

const DEFAULT_CONTEXT: LineContext = { zone: 'targets', area: null, assignee: null };
const STATUS_CUE = /(?<!\p{L})((đạt chuẩn|đạt danh hiệu|được công nhận|công nhận đạt|duy trì|giữ vững|hoàn thành (xây dựng|tiêu chí|việc|chương trình|công trình|mục tiêu)|về đích|xây dựng thành công|không để (xảy ra|phát sinh))(?!\p{L})|đạt\s+[“"«])/iu;
const META = /(hoàn thành|thực hiện|đạt)\s+(tốt\s+|xuất sắc\s+|vượt\s+)?(các|những|mọi|toàn bộ)\s+(chỉ tiêu|nhiệm vụ|kế hoạch)|hoàn thành (tốt |xuất sắc )?(nhiệm vụ|kế hoạch)/iu;
/** A breakdown opens right after the parent's figure, or after the words that finish its name. */
const BREAKDOWN = /^[^,;()]{0,80}?[\s.,:;]*(\(|trong đó|bao gồm|gồm|chia ra|cụ thể)/iu;
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
  /** Every figure read as a mention, and the bare breakdown children: the rest were dropped. */
  const used = new Set<number>();
  /** The subject of a baseline just read: it names the commitment that follows it. */
  let subject: string | null = null;

  for (const [from, to] of clauses(masked)) {
    const clauseText = s.slice(from, to);
    const { mentions, tokens } = mentionsIn(masked, s, figures, from, to, ctx.zone, warnings);
    for (const m of mentions) for (const f of inRange(figures.numbers, m.start, m.end)) used.add(f.index);
    let labelFrom = from;
    /** Where the next target's name ends when a starting figure ("từ 3,2%") stands between. */
    let nameEnd: number | null = null;
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
      // "đạt 3.250 triệu đồng, tăng 10% so với năm 2024": the second figure restates the first
      // (the growth follows from the level and last year's figure; nobody reports it apart).
      if (mi > 0 && /^\s*(so với|so cùng kỳ)/iu.test(after)) {
        const restated = tidy(s.slice(Math.max(labelFrom, mention.start - 12), mention.end).replace(/^[^\p{L}\d]*/u, ''));
        warnings.push(`“${restated} ${tidy(untilBreak(after))}” được coi là mức tăng của chỉ tiêu đứng trước, không tách thành chỉ tiêu riêng; nếu cần theo dõi riêng, hãy thêm.`);
        labelFrom = mention.end;
        continue;
      }
      // "Diện tích lúa 2 vụ đạt 1.840 ha": a small count inside the subject is part of its name;
      // "trên 1 ha đất canh tác đạt 150 triệu đồng/ha": the unit the next figure is per.
      if (mentions[mi + 1]?.unit?.endsWith(`/${mention.unit}`) && mention.value === 1) continue;
      if (modifiesSubject(s, labelFrom, mention, mentions[mi + 1])) continue;
      const next = mentions[mi + 1];
      // "giảm từ 3,2% xuống còn 2,5%", "tăng từ 60 triệu đồng lên 65 triệu đồng": the first figure
      // is where the commune starts from; the target is the second, named by the words before "từ".
      const from_ = /(?<!\p{L})từ\s*$/iu.exec(before);
      if (next && from_ && next.unit === mention.unit && /^[^,;()]{0,20}?(xuống|lên)(\s+(còn|mức))?\s*$/iu.test(s.slice(mention.end, next.start))) {
        nameEnd = mention.start - from_[0].length;
        continue;
      }
      // "Hỗ trợ 15 hộ nghèo, mỗi hộ 2 con bò giống": how much each one gets, not another target.
      if (mi > 0 && /,\s*mỗi\s+[\p{L}\s]{1,20}$/iu.test(s.slice(mentions[mi - 1]!.end, mention.start))) {
        warnings.push(`“${tidy(s.slice(s.lastIndexOf('mỗi', mention.start), mention.end))}” được coi là mức cho từng đơn vị của chỉ tiêu đứng trước, không tách thành chỉ tiêu riêng; nếu cần, hãy thêm.`);
        labelFrom = afterOwnWords(s, mention, mentions[mi + 1]?.start ?? to);
        continue;
      }
      const inBreakdown = parent !== null && mention.start < parent.until && mention.start > parent.mention.end;
      const named = nameEnd !== null ? { ...mention, start: nameEnd } : mention;
      nameEnd = null;
      let label = labelOf(s, Math.max(labelFrom, mention.start - 400), named, Math.min(next ? next.start : to, mention.end + 400));
      // "Số hộ nghèo đầu năm là 120 hộ": where the commune starts from, not a commitment.
      if (!inBreakdown && isBaseline(s.slice(Math.max(labelFrom, mention.start - WINDOW), mention.start), s, ctx.year ?? null)) {
        const figure = tidy(s.slice(mention.start, mention.end));
        warnings.push(`“${label}: ${figure}” là số liệu xuất phát (đầu năm hoặc năm trước), không phải chỉ tiêu; nếu cần theo dõi, hãy thêm.`);
        subject = baselineSubject(label) || null;
        labelFrom = afterOwnWords(s, mention, next?.start ?? to);
        continue;
      }
      if (subject && weakLabel(label, mention)) label = subject;
      subject = null;
      if (!label || BARE_LABEL.test(label)) {
        label = capitalise(cutAtWord(tidy(s), 160));
        warnings.push(`Không rõ tên chỉ tiêu “${formatViNumber(mention.value)}${mention.unit ? ' ' + mention.unit : ''}”; đã lấy cả dòng làm tên, hãy sửa lại.`);
      }
      // "Tai nạn giao thông: 3 vụ": nobody plans more accidents, poverty or crime.
      const falls = mention.valueMax === null && cue.implicit === true && isFallingSubject(label);
      if (falls) warnings.push(`“${label}: ${tidy(s.slice(mention.start, mention.end))}” được hiểu là mức không được vượt quá (không quá); nếu kế hoạch muốn khác, hãy sửa.`);
      const target: DraftTarget = {
        label,
        comparator: mention.valueMax !== null ? 'range' : falls ? 'atMost' : cue.comparator,
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
      labelFrom = afterOwnWords(s, mention, mentions[mi + 1]?.start ?? to);
    }
    // Bare figures inside a breakdown take the parent's unit: "(heo 780; bò 1.110; trâu 217)".
    if (parent && !parent.remark) for (const at of addBareChildren(s, figures, from, to, parent, mentions)) used.add(at);
    if (mentions.length === 0 && ctx.zone === 'targets') {
      const status = statusOf(clauseText, ctx, subjectAmong(bodies, s, to)?.name ?? null);
      if (status) targets.push(status);
    }
  }
  for (const t of targets) checkBreakdown(t, warnings);
  if (ctx.zone === 'targets') warnDropped(s, figures, used, targets, warnings);
  return { targets, warnings };
}

/** "phấn đấu giảm còn 80 hộ" after a baseline: a name that is only a verb or the unit. */
function weakLabel(label: string, m: Mention): boolean {
  const words = label.split(/\s+/).filter(Boolean);
  if (words.length <= 1) return true;
  if (m.unitText && label.toLowerCase() === m.unitText.toLowerCase()) return true;
  return /^(phấn đấu|tăng|giảm|hạ|nâng|đạt|còn|xuống|lên)(?!\p{L})/iu.test(label) && words.length <= 4;
}

/** "ngày Quốc tế Phụ nữ 8/3", "(26/3)": a day and month, never a target. */
const DAY_MONTH = /(?<![\d/])(?:[1-9]|[12]\d|3[01])\s?\/\s?(?:[1-9]|1[0-2])(?![\d/]|\s*(?:[\p{L}%]))/u;

/**
 * A figure on a target line that became nothing — no unit after it, not part of a name or a
 * breakdown — is said on its line, so a lost target is always visible ("…, tức 50").
 */
function warnDropped(s: string, figures: Figures, used: Set<number>, targets: DraftTarget[], warnings: string[]): void {
  const labels = targets.flatMap((t) => [t.label, ...t.children.map((c) => c.label)]).join('\n').toLowerCase();
  // "trẻ 6 tuổi vào lớp 1 đạt 100%": a figure the target's name carries is not lost.
  const inName = (f: RegExpMatchArray) => {
    const at = f.index!;
    const num = f[0].trim();
    const prev = /([\p{L}]+)\s*$/u.exec(s.slice(Math.max(0, at - 30), at))?.[1];
    const next = /^\s*([\p{L}]+)/u.exec(s.slice(at + f[0].length, at + f[0].length + 30))?.[1];
    return (prev !== undefined && labels.includes(`${prev} ${num}`.toLowerCase())) || (next !== undefined && labels.includes(`${num} ${next}`.toLowerCase()));
  };
  const dropped: string[] = [];
  let looked = 0;
  // Bounded: a pathological line with thousands of bare numbers stays linear.
  for (const f of figures.numbers) {
    if (used.has(f.index!) || DAY_MONTH.test(s.slice(Math.max(0, f.index! - 3), f.index! + f[0].length + 3))) continue;
    if (++looked > 200 || dropped.length >= 5) break;
    if (!inName(f)) dropped.push(tidy(f[0]));
  }
  if (dropped.length === 0) return;
  const list = dropped.slice(0, 5).map((d) => `“${d}”`).join(', ');
  warnings.push(`Số ${list} trên dòng này không được nhận là chỉ tiêu (không thấy đơn vị tính đi kèm); kiểm tra và thêm tay nếu cần.`);
}

/** Verbs and cues: a figure after one is a count of its own, not part of a subject's name. */
const SUBJECT_ENDS = /(?<!\p{L})(phấn đấu|xây dựng|vận động|hỗ trợ|có|thêm|trồng|giúp|tổ chức|thực hiện|làm|giảm|tăng|hạ|nâng|đạt|là|còn|giải quyết|đào tạo|thành lập|cấp|duy trì|giữ vững|hoàn thành|mở|triển khai|kết nạp|phát triển|tuyển|giao|dưới|trên|không quá|khoảng)(?!\p{L})|[:<>≤≥]/iu;

/**
 * A small whole number inside the noun phrase before the figure the clause is about ("lúa 2 vụ
 * đạt 1.840 ha", "trường 2 cấp đạt chuẩn: 3 trường", "trẻ 3 nhóm tuổi ... đạt 98%"): the phrase
 * has no verb before it, and the next figure follows "đạt", "là" or ":" without a break between.
 */
function modifiesSubject(s: string, labelFrom: number, m: Mention, next: Mention | undefined): boolean {
  if (!next || m.unit === '%' || m.valueMax !== null || m.outOf !== null) return false;
  if (!Number.isInteger(m.value) || m.value > 12 || (m.unit !== null && MEASURE_UNITS.test(m.unit))) return false;
  const subject = s.slice(labelFrom, m.start);
  if (!/\p{L}/u.test(subject) || SUBJECT_ENDS.test(subject)) return false;
  return /^[^,;()]*?((?<!\p{L})(đạt|đạt được|là)|:)\s*$/iu.test(s.slice(m.end, next.start));
}

/** Where the next target's name starts: past this target's own words, up to a comma before the next figure. */
function afterOwnWords(s: string, m: Mention, nextStart: number): number {
  const own = untilBreak(s.slice(m.end, nextStart));
  const at = m.end + own.length;
  return at < nextStart && s[at] === ',' ? at + 1 : m.end;
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
  const open = BREAKDOWN.exec(s.slice(mention.end, mention.end + 120));
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

/** Adds the bare figures of a breakdown as children; returns where the figures it took start. */
function addBareChildren(s: string, figures: Figures, from: number, to: number, parent: Breakdown, mentions: Mention[]): number[] {
  const taken: number[] = [];
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
    taken.push(at);
    parent.target.children.push({ ...parent.target, label: capitalise(label), value, valueMax: null, outOf: null, children: [] });
  }
  return taken;
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

/**
 * Children that share the parent's unit should add up to it; say so when they do not. A single
 * child ("180 lao động, trong đó 15 người xuất khẩu lao động") is a part, and shares of a
 * percent do not add up, so neither is checked.
 */
function checkBreakdown(t: DraftTarget, warnings: string[]): void {
  if (t.children.length < 2 || t.value === null || t.unit === '%') return;
  if (!t.children.every((c) => c.unit === t.unit && c.value !== null)) return;
  const sum = t.children.reduce((a, c) => a + (c.value ?? 0), 0);
  if (Math.abs(sum - t.value) > 1e-9 * Math.max(1, Math.abs(t.value))) {
    warnings.push(`Tổng các chỉ tiêu con (${formatViNumber(sum)}) khác chỉ tiêu “${t.label}” (${formatViNumber(t.value)}). Kiểm tra lại.`);
  }
}
