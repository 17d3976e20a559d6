/**
 * The household import's pure part: a CSV's text into a table (BOM, `;` or `,` by the header
 * line, quoted fields), which column is which (guessed by the header's words, compared without
 * diacritics with the shared fold), and a table row into the row the server's import takes.
 * Reading the file itself (exceljs for .xlsx) is in read-table.ts.
 */
import { foldVietnamese } from '../../../shared/registers';

export type ImportTarget = 'headName' | 'hamlet' | 'address' | 'members' | 'poor' | 'nearPoor';
export const IMPORT_TARGETS: readonly ImportTarget[] = ['headName', 'hamlet', 'address', 'members', 'poor', 'nearPoor'];
export type Mapping = Record<ImportTarget, number | null>;

export interface Table { headers: string[]; rows: string[][] }

/** The separator of a CSV: the one of `;`, `,` or tab that appears most in the header line, outside quotes. */
export function detectSeparator(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const bare = first.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((s) => [s, bare.split(s).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** RFC 4180-ish: quoted fields with "" inside, CRLF or LF; a leading BOM dropped; empty lines skipped. */
export function parseCsv(input: string): Table {
  const text = input.replace(/^\uFEFF/, '');
  const sep = detectSeparator(text);
  const lines: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((c) => c.trim() !== '')) lines.push(row);
      (row = []), (field = '');
    } else field += ch;
  }
  row.push(field);
  if (row.some((c) => c.trim() !== '')) lines.push(row);
  const [headers = [], ...rows] = lines;
  return { headers: headers.map((h) => h.trim()), rows };
}

/** The words each target's header is known by in villages' lists (folded: no diacritics, lower case). */
const HEADER_WORDS: Record<ImportTarget, RegExp> = {
  headName: /(ho (va )?ten|ten) chu ho|^chu ho|^ho ten|^ho va ten|^ten$/,
  hamlet: /thon|xom|to dan pho|^to$|^to |ban|lang/,
  address: /dia chi|so nha/,
  members: /so (nhan )?khau|nhan khau|so nguoi|thanh vien/,
  poor: /^(ho )?ngheo$|ho ngheo(?! *can)/,
  nearPoor: /can ngheo/,
};

/** Guesses which column is which; a column is used once, the more specific targets first. */
export function guessMapping(headers: readonly string[]): Mapping {
  const folded = headers.map((h) => foldVietnamese(h));
  const mapping: Mapping = { headName: null, hamlet: null, address: null, members: null, poor: null, nearPoor: null };
  const taken = new Set<number>();
  for (const target of ['nearPoor', 'poor', 'headName', 'members', 'address', 'hamlet'] as const) {
    const i = folded.findIndex((h, k) => !taken.has(k) && HEADER_WORDS[target].test(h));
    if (i >= 0) (mapping[target] = i), taken.add(i);
  }
  return mapping;
}

const YES = /^(x|co|1|yes|true|dung|v|✓|ngheo|can ngheo)$/;

/**
 * A table row as the server's import takes it. Only what the file says is sent; a value the
 * server cannot take (a members cell "bốn") is sent as written, so the preview names its error.
 */
export function toImportRow(cells: readonly string[], m: Mapping): Record<string, unknown> {
  const cell = (t: ImportTarget) => (m[t] === null ? undefined : (cells[m[t]!] ?? '').trim());
  const out: Record<string, unknown> = {};
  const head = cell('headName');
  if (head) out.headName = head;
  const hamlet = cell('hamlet');
  if (hamlet) out.hamlet = hamlet;
  const address = cell('address');
  if (address) out.address = address;
  const members = cell('members');
  if (members) out.members = /^\d+$/.test(members) ? Number(members) : members;
  for (const flag of ['poor', 'nearPoor'] as const) {
    const v = cell(flag);
    if (v !== undefined) out[flag] = YES.test(foldVietnamese(v));
  }
  return out;
}
