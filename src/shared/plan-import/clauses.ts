/**
 * Splitting a line into clauses, each read for its own targets: at `;`, at sentence ends and at
 * ", Verb" (a new predicate), never inside parentheses or quotes, whose commas belong to a
 * breakdown or a name ("5 không, 3 sạch").
 */

const CLAUSE_VERB = /^(Hoàn thành|Giữ vững|Duy trì|Phấn đấu|Xây dựng|Tổ chức|Vận động|Hỗ trợ|Thực hiện|Đạt|Tăng|Giảm|Hạ|Chỉ đạo|Tuyên truyền|Trồng|Phát triển|Nâng|Đảm bảo|Bảo đảm|Phối hợp|Triển khai|Cấp|Thu)(?!\p{L})/u;

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