/**
 * The document's structure, line by line: which section each line belongs to (legal basis,
 * purpose, targets, movements, organisation, recipients), the area its heading names
 * (economy / society / defense) and the association a heading assigns. Targets are only read
 * in the "targets" zone (the "Chỉ tiêu thi đua" section, or a paragraph that announces
 * "các chỉ tiêu ... như sau:") and, more cautiously, in the "content" zone (the movements).
 */
import type { Area } from '../schemas/targets';
import { cleanLine, isUpperCaseLine, listItem, type ListItem } from './lines';
import { findAssociations } from './assignees';

export type Zone = 'preamble' | 'purpose' | 'targets' | 'content' | 'organisation' | 'end';

export interface LineInfo {
  /** 1-based. */
  no: number;
  raw: string;
  text: string;
  item: ListItem;
  zone: Zone;
  /** The area named by the nearest heading; null when none or mixed ("kinh tế - xã hội"). */
  area: Area | null;
  /** An association named by a heading above ("2. Hội Nông dân"). */
  assignee: string | null;
  heading: boolean;
  /** A "Căn cứ ..." line: never targets, wherever it is. */
  basis: boolean;
}

export interface DocumentMap {
  lines: LineInfo[];
  /** False when no heading announced targets or movements: the reader then looks everywhere. */
  structured: boolean;
}

const MAX_HEADING = 120;

function zoneOfHeading(text: string): Zone | null {
  const t = text.toLowerCase();
  if (/nơi nhận/.test(t)) return 'end';
  if (/tổ chức thực hiện|trách nhiệm thực hiện|phân công (thực hiện|nhiệm vụ)/.test(t)) return 'organisation';
  if (/chỉ tiêu|mục tiêu/.test(t)) return 'targets';
  if (/mục đích|yêu cầu|ý nghĩa|căn cứ/.test(t)) return 'purpose';
  if (/nội dung|phong trào|nhiệm vụ|giải pháp|hình thức/.test(t)) return 'content';
  if (/khen thưởng|danh hiệu|tiêu chuẩn/.test(t)) return 'organisation';
  return null;
}

/** Area named by a heading ("1. Về kinh tế", "Về quốc phòng - an ninh"); null if none or mixed. */
export function areaOfHeading(text: string): Area | null {
  const t = text.toLowerCase();
  const found = new Set<Area>();
  if (/kinh tế|nông nghiệp|sản xuất/.test(t)) found.add('economy');
  if (/văn hóa|văn hoá|xã hội|giáo dục|y tế/.test(t)) found.add('society');
  if (/quốc phòng|an ninh|quân sự/.test(t)) found.add('defense');
  return found.size === 1 ? [...found][0]! : null;
}

function isHeadingShape(text: string, item: ListItem): boolean {
  if (text.length === 0 || text.length > MAX_HEADING) return false;
  if (item.level === 1) return true;
  if (isUpperCaseLine(text)) return true;
  // "1. Về kinh tế", "Về quốc phòng- an ninh.", "2. Đối với MTTQ, các đoàn thể", "3. Hội Nông dân:"
  const body = item.body.replace(/[.:]+$/, '');
  if (/^(về|đối với|lĩnh vực|khối)(?![\p{L}\p{N}])/iu.test(body) && body.length <= 80 && !/\d/.test(body)) return true;
  // A short numbered line is a heading unless it ends like a sentence: "b) Không để xảy ra điểm nóng." is an item.
  if ((item.level === 2 || item.level === 3) && body.length <= 70 && !/\d/.test(body) && !/[.;]/.test(body) && !/[.;]\s*$/.test(item.body)) return true;
  return false;
}

/** Builds the map of a normalised text's lines. */
export function mapDocument(rawLines: string[]): DocumentMap {
  const lines: LineInfo[] = [];
  let top: Zone = 'preamble';
  // A sub-zone opened by a numbered heading or an announcing paragraph, closed by the next
  // heading at the same or a higher level.
  let sub: { zone: Zone; level: number } | null = null;
  let area: { value: Area | null; level: number } = { value: null, level: 0 };
  let assignee: { value: string | null; level: number } = { value: null, level: 0 };
  let structured = false;

  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i]!;
    const text = cleanLine(raw);
    const item = listItem(text);
    const basis = /^căn cứ(?![\p{L}\p{N}])/iu.test(item.body);
    const heading = isHeadingShape(text, item);
    let level = item.level === 0 ? (isUpperCaseLine(text) ? 1 : 5) : item.level;
    // "1. MỤC ĐÍCH, YÊU CẦU", "3. NỘI DUNG THI ĐUA": plans without Roman numerals number their
    // top sections 1., 2., in capitals.
    if (heading && item.level === 2 && isUpperCaseLine(item.body) && zoneOfHeading(item.body) !== null) level = 1;

    if (heading) {
      const z = zoneOfHeading(item.body);
      if (level === 1 && isUpperCaseLine(text) && item.level === 0 && z === null && areaOfHeading(item.body) === null) {
        // "KẾ HOẠCH", "CỘNG HÒA ...": capitals that open no section.
        level = 9;
      }
      if (level <= 1) {
        if (z) {
          top = z;
          if (z === 'targets' || z === 'content') structured = true;
        }
        sub = null;
        area = { value: areaOfHeading(item.body), level: 1 };
        assignee = { value: null, level: 1 };
      } else if (level < 9) {
        if (sub && level <= sub.level) sub = null;
        if (z === 'targets' && top !== 'end' && top !== 'organisation') {
          sub = { zone: 'targets', level };
          structured = true;
        }
        if (z === 'end') top = 'end';
        const named = areaOfHeading(item.body);
        if (named !== null || level <= area.level) area = { value: named, level };
        const orgs = findAssociations(item.body);
        if (orgs.length === 1 && orgs[0]!.start <= 3) assignee = { value: orgs[0]!.name, level };
        else if (assignee.level >= level) assignee = { value: null, level };
      }
    } else {
      if (/^n[ơo]i nhận(?![\p{L}\p{N}])/iu.test(text)) top = 'end';
      // Numbered paragraphs close a sub-zone opened at their level ("2.4." after "2.3. ... như sau:").
      if (sub && item.level > 0 && item.level < 4 && item.level <= sub.level) sub = null;
      if (assignee.level > 0 && item.level > 0 && item.level < 4 && item.level <= assignee.level) assignee = { value: null, level: 0 };
    }

    const zone: Zone = sub && top !== 'end' && top !== 'organisation' ? sub.zone : top;
    lines.push({ no: i + 1, raw, text, item, zone, area: area.value, assignee: assignee.value, heading, basis });

    // A paragraph announcing targets ("... tập trung một số chỉ tiêu trọng tâm như sau:") opens a
    // targets zone for the lines below it, until the next heading at its level or above.
    if (!heading && (top === 'content' || top === 'targets' || top === 'preamble') && /chỉ tiêu[^.;]*(như sau|sau đây|gồm|cụ thể)\s*:?\s*$/i.test(text)) {
      sub = { zone: 'targets', level: item.level > 0 && item.level < 4 ? item.level : 3 };
      structured = true;
    }
  }
  return { lines, structured };
}
