/**
 * A PDF's text layer → the plain lines the importer reads. A PDF has no lines, only runs of
 * text placed on the page; runs whose baselines are within half a line of each other form one
 * line, read left to right, and a wide gap between runs (a table's column) becomes a tab, as
 * in a .txt table. Pure: the office (pdfjs-dist in the browser) and the `import-plan` command
 * (pdfjs-dist in Node) both feed it the runs pdfjs gives.
 */

/** One run of text as pdfjs-dist's getTextContent gives it (transform[4], transform[5] = x, y). */
export interface PdfRun {
  str: string;
  x: number;
  /** The baseline, in PDF units from the bottom of the page. */
  y: number;
  width: number;
  /** The font size, roughly. */
  height: number;
}

/** Below this many letters per page a PDF is a scan (pictures of pages), not text. */
const SCAN_LETTERS_PER_PAGE = 20;

export interface PdfText {
  text: string;
  /** True when the file holds no text to read: scanned pages. */
  scanned: boolean;
}

/** Lines of one page, top to bottom. */
export function pageLines(runs: readonly PdfRun[]): string[] {
  const items = runs.filter((r) => r.str !== '').slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfRun[][] = [];
  for (const run of items) {
    const row = rows.at(-1);
    const tolerance = Math.max(2, (row?.[0]?.height ?? run.height) * 0.5);
    if (row && Math.abs(row[0]!.y - run.y) <= tolerance) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let line = '';
    let end: number | null = null;
    for (const run of row) {
      if (end !== null) {
        const gap = run.x - end;
        const em = Math.max(1, run.height);
        if (gap > 2 * em) line += '\t';
        else if (gap > 0.15 * em && !/\s$/.test(line) && !/^\s/.test(run.str)) line += ' ';
      }
      line += run.str;
      end = run.x + run.width;
    }
    return line.replace(/[ \u00a0]+/g, ' ').trimEnd();
  });
}

/** A list item or a heading starts a line of its own: "- ", "+ ", "a) ", "2. ", "II.", a capital. */
const STARTS_ITEM = /^\s*([-–+•*]|\(?[a-zđ]\)|\d+(\.\d+)*[.)]\s|[IVXLC]+[.)]|\p{Lu}|[“"«])/u;

/**
 * Paragraphs that the page wrapped are put back together: a line that does not end a sentence,
 * followed by one that does not start an item ("… tỷ lệ hộ dùng nước sạch đạt" / "95%."), is one line.
 */
export function joinWrapped(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    const continues = prev !== undefined && prev.trim() !== '' && line.trim() !== '' && !prev.includes('\t') && !line.includes('\t')
      && !/[.;:!?…]\s*$/u.test(prev) && !STARTS_ITEM.test(line);
    if (continues) out[out.length - 1] = `${prev.trimEnd()} ${line.trimStart()}`;
    else out.push(line);
  }
  return out;
}

/** The whole document's text, pages joined by a blank line, and whether it is a scan. */
export function pdfText(pages: readonly (readonly PdfRun[])[]): PdfText {
  const lines = pages.map((runs) => joinWrapped(pageLines(runs)).join('\n'));
  const text = lines.join('\n').normalize('NFC');
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return { text, scanned: letters < SCAN_LETTERS_PER_PAGE * Math.max(1, pages.length) };
}
