/**
 * The label the office reads for a target: the words naming it before the figure (its subject),
 * completed by the words after it when the name is short ("100% hộ gia đình sử dụng điện").
 * Cue words at the edges ("đạt", "còn dưới", ":") are trimmed; labels never end inside a quote.
 */
import type { Mention } from './mentions';
import { BARE_LABEL } from './baselines';

export const TRAILING_CUES = /(\s*(?:[:<>≤≥=]|(?<!\p{L})(?:đạt được|đạt|là|còn dưới|xuống dưới|giảm xuống|hạ xuống|xuống|(?:đến |vào )?cuối năm|trong năm|giảm còn|không dưới|không thấp hơn|không vượt quá|không quá|còn|dưới|trên|trở lên|khoảng|từ|được|phấn đấu|tối thiểu|ít nhất|tối đa|lên|nâng lên|cho)))+\s*$/iu;

export function tidy(text: string): string {
  return text
    .replace(/^[\s,;:.\-–()]+/u, '')
    .replace(/^(và|hoặc|cùng|đồng thời)\s+/iu, '')
    .replace(/[\s,;(.]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function capitalise(s: string): string {
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
export const MEASURE_UNITS = /^(%|ha|hecta|héc-ta|héc ta|m²|m2|m³|m3|km|mét|m|tấn|tạ|kg|lít|triệu đồng|tỷ đồng|nghìn đồng|ngàn đồng|đồng|usd|bậc|hạng|lần|lượt)(\/|$)/u;

/** The text up to the first break (`;`, `,`, `(`, `)`, a sentence end) outside quotes. */
export function untilBreak(text: string): string {
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

/** At most `max` characters, cut between words (a label never ends mid-word). */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,;:]+$/u, '');
}

/** A short, readable label: the words before the figure (its name), and after it when the name is short. */
export function labelOf(s: string, from: number, m: Mention, to: number): string {
  // A window that starts inside a word starts after it instead.
  while (from > 0 && from < m.start && /[\p{L}\p{N}]/u.test(s[from - 1]!) && /[\p{L}\p{N}]/u.test(s[from]!)) from++;
  // ", trong đó 60% hộ dùng nước sạch": the words opening a breakdown are not the child's name.
  let prefix = s.slice(from, m.start).replace(/^[\s,:;(]*(trong đó|bao gồm|gồm|chia ra|cụ thể)\s*:?/iu, '');
  // "Tổng đàn gia súc: 3.027 con": the name is before the colon; "... cụ thể: UB MTTQ hỗ trợ
  // 1-2 nhà": after it, when the text before announces a list or is a long sentence.
  const colon = prefix.lastIndexOf(':');
  if (colon >= 0) {
    const head = prefix.slice(0, colon);
    const after = prefix.slice(colon + 1);
    const afterWords = tidy(after.replace(TRAILING_CUES, '')).split(/\s+/).filter(Boolean).length;
    // "Chỉ tiêu 3: Tỷ lệ …": a numbering before the colon, the name after it.
    const announces = /(cụ thể|như sau|sau đây|gồm|bao gồm|trong đó)\s*$/iu.test(head) || BARE_LABEL.test(head);
    // "Lĩnh vực kinh tế: tốc độ tăng ... 9,5%": a heading run into the line names the area, not the target.
    const area = /^\s*(lĩnh vực|về|đối với|khối)(?!\p{L})/iu.test(head) && head.trim().split(/\s+/).length <= 8;
    if ((afterWords >= 1 && (announces || area)) || (afterWords >= 2 && head.trim().split(/\s+/).length > 12)) prefix = after;
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
  return cutAtWord(capitalise(tidy(label)), 300);
}
