/**
 * The plan's header: number ("Số: 43/KH-UBND"), place and date ("Lơ Ku, ngày 7 tháng 03 năm
 * 2022"), title (the line after "KẾ HOẠCH"), theme ("chủ đề “...”"), issuer and year. Read from
 * the top of the document, before the first section; what is missing or guessed is a warning.
 */
import type { ImportWarning } from './schema';
import type { LineInfo } from './sections';
import { isoDate } from './dates';
import { isUpperCaseLine } from './lines';

export interface Header {
  number: string;
  issuedOn: string | null;
  year: number | null;
  issuer: string;
  title: string;
  theme: string;
}

/** How far the header may reach: the first section heading, or 40 lines. */
function headerEnd(lines: LineInfo[]): number {
  const firstSection = lines.findIndex((l) => l.heading && l.item.level === 1);
  return Math.min(firstSection < 0 ? lines.length : firstSection, 40);
}

const NUMBER = /^số\s*:?\s*([0-9A-Za-zĐđ]*)\s*\/\s*([0-9A-ZĐ][0-9A-ZĐa-zđ\-–/.]*)/iu;
const PLACE_DATE = /^(?:([^\d/,;:]{1,60}?)\s*,\s*)?ngày\s*(\d{1,2})?\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|\/\s*(\d{1,2})\s*\/\s*(\d{4}))/iu;
const ISSUER_LINE = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd|hđnd|hội đồng thi đua|đảng ủy|đảng uỷ|ban chấp hành|ban chỉ đạo)/iu;
const LEVEL_LINE = /^(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+\S/iu;

/** Names of issuing bodies behind a document number's suffix ("KH-UBND" → UBND). */
const SUFFIX_BODY: Record<string, string> = {
  UBND: 'Ủy ban nhân dân',
  'HĐTĐKT': 'Hội đồng Thi đua - Khen thưởng',
  HĐND: 'Hội đồng nhân dân',
};

function titleCasePlace(s: string): string {
  return s.trim().replace(/[.,;:]+$/, '');
}

export function readHeader(lines: LineInfo[], warn: (w: ImportWarning) => void): Header {
  const end = headerEnd(lines);
  const head = lines.slice(0, end);
  const header: Header = { number: '', issuedOn: null, year: null, issuer: '', title: '', theme: '' };

  // Number.
  const numberLine = head.find((l) => NUMBER.test(l.text));
  if (numberLine) {
    const m = NUMBER.exec(numberLine.text)!;
    header.number = `${m[1] ?? ''}/${m[2]!.replace(/[.,;]+$/, '')}`;
    if (!m[1]) warn({ line: numberLine.no, message: 'Kế hoạch chưa ghi số (chỉ có “Số: /…”). Điền số khi văn bản được cấp số.' });
  } else {
    warn({ line: null, message: 'Không thấy số của kế hoạch (dòng “Số: …/KH-…”).' });
  }

  // Place and date.
  let place = '';
  let dateYear: number | null = null;
  const dateLine = head.find((l) => PLACE_DATE.test(l.text) && /ngày/i.test(l.text));
  if (dateLine) {
    const m = PLACE_DATE.exec(dateLine.text)!;
    place = titleCasePlace(m[1] ?? '');
    const day = m[2] ? Number(m[2]) : null;
    const month = Number(m[3] ?? m[5]);
    dateYear = Number(m[4] ?? m[6]);
    if (day === null) {
      warn({ line: dateLine.no, message: `Ngày ban hành thiếu ngày (chỉ có tháng ${month} năm ${dateYear}). Điền ngày khi ký ban hành.` });
    } else {
      header.issuedOn = isoDate(dateYear, month, day);
      if (!header.issuedOn) warn({ line: dateLine.no, message: `Ngày ban hành không hợp lệ (${day}/${month}/${dateYear}).` });
    }
  } else {
    warn({ line: null, message: 'Không thấy ngày ban hành (dòng “…, ngày … tháng … năm …”).' });
  }

  // Title: the text after "KẾ HOẠCH", on the same line or the next ones.
  const planIdx = head.findIndex((l) => /^kế hoạch(?!\p{L})/iu.test(l.text) && !/^kế hoạch\s+số/iu.test(l.text));
  if (planIdx >= 0) {
    const rest = head[planIdx]!.text.replace(/^kế hoạch\s*:?\s*/iu, '');
    const parts: string[] = rest ? [rest] : [];
    let sawText = parts.length > 0;
    for (let i = planIdx + 1; i < end && parts.length < 3; i++) {
      const t = lines[i]!.text;
      if (t === '') {
        if (sawText) break;
        continue;
      }
      if (/^(căn cứ|thực hiện|để|nhằm|theo|phần|[IVX]+\s*[.)])/iu.test(t) || t.length > 300) break;
      parts.push(t);
      sawText = true;
    }
    header.title = parts.join(' ').replace(/\s+/g, ' ').trim();
  }
  if (!header.title) warn({ line: null, message: 'Không thấy tên kế hoạch (dòng sau chữ “KẾ HOẠCH”).' });

  // Theme: the quoted words after "chủ đề".
  for (const l of lines) {
    if (l.basis || l.zone === 'end') continue;
    const m = /chủ đề(?:\s+thi đua)?(?:\s+(?:năm\s+\d{4}|là))?\s*:?\s*[“"«]\s*([^”"»]{3,400}?)\s*[”"»]/iu.exec(l.text);
    if (m) {
      header.theme = m[1]!.replace(/\s+/g, ' ').trim();
      break;
    }
  }

  // Year: the title's year (the plan may be issued the year before), else the date's, else the
  // first "năm YYYY" of the text.
  const titleYear = /(?:năm|giai đoạn)\s+(\d{4})/iu.exec(header.title);
  if (titleYear) header.year = Number(titleYear[1]);
  else if (dateYear) header.year = dateYear;
  else {
    for (const l of lines.slice(0, Math.min(lines.length, 200))) {
      if (l.basis) continue;
      const m = /năm\s+(20\d{2})/iu.exec(l.text);
      if (m) {
        header.year = Number(m[1]);
        warn({ line: l.no, message: `Không thấy năm trong tên kế hoạch; tạm lấy năm ${m[1]}.` });
        break;
      }
    }
  }
  if (header.year === null) warn({ line: null, message: 'Không xác định được năm của kế hoạch.' });

  header.issuer = readIssuer(lines, head, header.number, place, warn);
  return header;
}

function readIssuer(lines: LineInfo[], head: LineInfo[], number: string, place: string, warn: (w: ImportWarning) => void): string {
  // 1. As printed at the top ("ỦY BAN NHÂN DÂN" / "XÃ LƠ KU", sometimes on one line). When the
  //    body above is printed too ("UBND HUYỆN KRÔNG PA" / "UBND XÃ THÀNH SƠN"), the issuer is the
  //    last one before the document's number.
  let printed = '';
  for (let i = 0; i < head.length; i++) {
    const t = head[i]!.text;
    if (printed && NUMBER.test(t)) break;
    // A header line names the body and nothing else: capitals, or a few words without punctuation.
    if (!ISSUER_LINE.test(t) || !(isUpperCaseLine(t) || (t.split(/\s+/).length <= 8 && !/[,:;.]/.test(t)))) continue;
    const next = head.slice(i + 1).find((l) => l.text !== '');
    printed = next && LEVEL_LINE.test(next.text) && !/\s(xã|phường|thị trấn|huyện)\s/iu.test(` ${t} `) ? `${t} ${next.text}`.trim() : t;
  }
  if (printed) return asWritten(printed);
  // 2. From the number's suffix ("43/KH-UBND"): the issuing body, at the level and place the
  //    text names ("xã Lơ Ku"). 3. From a sentence "Ủy ban nhân dân xã Ia Dom phát động ...".
  const suffix = /[-–]([A-ZĐ]+)\s*$/u.exec(number)?.[1];
  const body = suffix ? SUFFIX_BODY[suffix] : undefined;
  const text = lines.filter((l) => !l.basis).map((l) => l.text).join('\n');
  let guess = '';
  if (body) {
    const level = levelOf(text, place);
    const where = place || placeNamed(text, level);
    if (where) guess = `${body} ${level} ${where}`;
  }
  if (!guess) {
    const m = /((?:ủy|uỷ) ban nhân dân|hội đồng thi đua(?:\s*[-–]?\s*khen thưởng)?)\s+(xã|phường|thị trấn|huyện)\s+((?:\p{Lu}[\p{L}'’]*\s*){1,4}?)\s*(?:ban hành|phát động|xây dựng|triển khai)/iu.exec(text);
    if (m) guess = `${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)} ${m[2]!.toLowerCase()} ${m[3]!.trim()}`;
  }
  if (guess) {
    warn({ line: null, message: `Không thấy tên cơ quan ban hành ở đầu văn bản; đã suy ra “${guess}”. Kiểm tra lại.` });
    return guess;
  }
  warn({ line: null, message: 'Không thấy cơ quan ban hành kế hoạch.' });
  return '';
}

/**
 * The issuer as a sentence names it: headers print it in capitals ("ỦY BAN NHÂN DÂN / XÃ EA
 * TUL"), the office and the other plans write "Ủy ban nhân dân xã Ea Tul".
 */
function asWritten(name: string): string {
  if (!isUpperCaseLine(name)) return name;
  const lower = name.toLowerCase().replace(/\s+/g, ' ').replace(/^ubnd(?!\p{L})/u, 'ủy ban nhân dân').replace(/^hđnd(?!\p{L})/u, 'hội đồng nhân dân');
  const m = /(?<!\p{L})(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+(.+)$/u.exec(lower);
  const place = m ? m[2]!.split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') : '';
  const body = m ? `${lower.slice(0, m.index)}${m[1]} ${place}` : lower;
  return body.charAt(0).toUpperCase() + body.slice(1);
}

/**
 * The administrative level of the issuer: the signature ("TM. ỦY BAN NHÂN DÂN XÃ"), the issuing
 * sentence ("Ủy ban nhân dân xã ban hành"), the place as the text names it ("xã Lơ Ku"); else a
 * commune, which is who uses this importer.
 */
function levelOf(text: string, place: string): string {
  const sig = /TM\.?\s*(?:ỦY|UỶ) BAN NHÂN DÂN\s+(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN)(?!\p{L})/u.exec(text);
  if (sig) return sig[1]!.toLowerCase();
  const acts = /(?:ủy|uỷ) ban nhân dân\s+(xã|phường|thị trấn|huyện)\s+(?:\S+\s+){0,3}?(?:ban hành|phát động)/iu.exec(text);
  if (acts) return acts[1]!.toLowerCase();
  if (place) {
    const m = new RegExp(`(xã|phường|thị trấn|huyện)\\s+${escapeRe(place)}`, 'iu').exec(text);
    if (m) return m[1]!.toLowerCase();
  }
  return 'xã';
}

function placeNamed(text: string, level: string): string {
  const m = new RegExp(`${level}\\s+((?:\\p{Lu}[\\p{L}'’]*\\s?){1,4})`, 'u').exec(text);
  return m ? m[1]!.trim() : '';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
