/**
 * Associations (hội, đoàn thể) and other commune bodies a plan names with a target, under the
 * canonical names the office sees. The server matches `assigneeName` to its units without case
 * or accents, so one spelling per body is enough; the list is the standard mass organisations
 * of a commune, not anything particular to one plan.
 */

interface Body {
  name: string;
  pattern: RegExp;
}

// Longest spellings first inside each pattern; `(?![\p{L}])` because \b does not know Vietnamese.
const BODIES: Body[] = [
  { name: 'Hội Cựu thanh niên xung phong', pattern: /hội cựu (thanh niên xung phong|tnxp)(?!\p{L})/iu },
  { name: 'Hội Liên hiệp Phụ nữ', pattern: /(hội|chi hội) (liên hiệp phụ nữ|lhpn|phụ nữ)(?!\p{L})|(?<!\p{L})lhpn(?!\p{L})/iu },
  { name: 'Hội Nông dân', pattern: /(hội|chi hội) nông dân(?!\p{L})|(?<!\p{L})(hội nd|hnd)(?!\p{L})/iu },
  { name: 'Hội Cựu chiến binh', pattern: /(hội|chi hội) (cựu chiến binh|ccb)(?!\p{L})|(?<!\p{L})ccb(?!\p{L})/iu },
  { name: 'Đoàn Thanh niên', pattern: /(đoàn thanh niên|chi đoàn|đoàn tn|đtn)(?!\p{L})/iu },
  { name: 'Ủy ban MTTQ', pattern: /((ủy|uỷ) ban mặt trận tổ quốc( việt nam)?|(ủy|uỷ) ban mttq|ub ?mttq|mặt trận tổ quốc|(?<!\p{L})mttq)(?!\p{L})/iu },
  { name: 'Hội Người cao tuổi', pattern: /hội người cao tuổi(?!\p{L})|(?<!\p{L})hội nct(?!\p{L})/iu },
  { name: 'Hội Khuyến học', pattern: /hội khuyến học(?!\p{L})/iu },
  { name: 'Hội Chữ thập đỏ', pattern: /hội chữ thập đỏ(?!\p{L})|(?<!\p{L})hội ctđ(?!\p{L})/iu },
  { name: 'Hội Làm vườn', pattern: /hội làm vườn(?!\p{L})/iu },
  { name: 'Liên đoàn Lao động', pattern: /liên đoàn lao động(?!\p{L})|(?<!\p{L})lđlđ(?!\p{L})/iu },
  { name: 'Công đoàn', pattern: /(?<!\p{L})công đoàn( cơ sở)?(?!\p{L})/iu },
  { name: 'Công an xã', pattern: /(?<!\p{L})công an (xã|phường|thị trấn)(?!\p{L})/iu },
  { name: 'Ban Chỉ huy quân sự', pattern: /ban chỉ huy quân sự(?!\p{L})|(?<!\p{L})bchqs(?!\p{L})/iu },
];

export interface NamedBody {
  name: string;
  start: number;
  end: number;
}

/** Every association named in a text, in order of appearance (one hit per position). */
export function findAssociations(text: string): NamedBody[] {
  const found: NamedBody[] = [];
  for (const body of BODIES) {
    const re = new RegExp(body.pattern.source, 'giu');
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      found.push({ name: body.name, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop hits inside a longer one ("Hội Cựu thanh niên xung phong" also contains "thanh niên").
  const out: NamedBody[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

/**
 * The association that is the subject of the clause holding a target: named at the start of
 * the line, or right after a clause break (`;`, `:`, `.`), before the target's position.
 * A body named in passing ("phối hợp với Hội Nông dân") is not an assignee.
 */
export function subjectBefore(text: string, position: number): NamedBody | null {
  return subjectAmong(findAssociations(text), text, position);
}

/** {@link subjectBefore} with the line's bodies found once (long lines hold many targets). */
export function subjectAmong(bodies: NamedBody[], text: string, position: number): NamedBody | null {
  let best: NamedBody | null = null;
  for (const b of bodies) {
    if (b.start >= position) break;
    const before = text.slice(Math.max(0, b.start - 30), b.start);
    if ((b.start <= 30 && /^\s*$/.test(text.slice(0, b.start))) || /[;:.]\s*$|[;:.,]\s*(cụ thể|trong đó|đồng thời)\s*:?\s*$/iu.test(before)) best = b;
  }
  return best;
}
