/**
 * `npm run -s import-plan -- FILE`: reads a plan document (.docx, .pdf with a text layer, or text in UTF-8 or UTF-16)
 * and prints the importer's draft as JSON on stdout — and nothing else, so scripts and checks
 * can pipe it. Problems with the file go to stderr in Vietnamese, with exit code 1; problems in
 * the text are warnings inside the JSON, as on the office screen.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { importPlan } from '../../shared/plan-import';
import { pdfText, type PdfRun } from '../../shared/plan-import/pdf-lines';

export class PlanFileError extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // Word 97-2003 .doc
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF

/** The text layer of a PDF (pdfjs-dist's Node build, loaded only for a .pdf). */
async function readPdf(bytes: Uint8Array, path: string): Promise<string> {
  let read: { text: string; scanned: boolean };
  try {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    const pages: PdfRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.flatMap((item) => ('str' in item ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height }] : [])));
    }
    await doc.destroy();
    read = pdfText(pages);
  } catch {
    throw new PlanFileError(`Tệp “${path}” không phải tệp PDF đọc được (hỏng hoặc có mật khẩu).`);
  }
  if (read.scanned) throw new PlanFileError(`Tệp “${path}” là bản chụp (ảnh các trang), không có chữ để đọc. Hãy dùng bản Word (.docx) hoặc PDF có chữ.`);
  return read.text;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Text from bytes: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes); // strips a UTF-8 BOM
}

/** The text of a plan file, whatever its kind; throws PlanFileError with a Vietnamese message. */
export async function readPlanFile(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlanFileError(`Không tìm thấy tệp “${path}”.`);
    if (code === 'EISDIR') throw new PlanFileError(`“${path}” là một thư mục, không phải tệp.`);
    if (code === 'EACCES' || code === 'EPERM') throw new PlanFileError(`Không có quyền đọc tệp “${path}”.`);
    throw new PlanFileError(`Không đọc được tệp “${path}”.`);
  }
  if (startsWith(bytes, OLE)) {
    throw new PlanFileError('Tệp .doc (Word 97-2003) chưa đọc được. Hãy mở trong Word và lưu lại thành .docx.');
  }
  if (startsWith(bytes, PDF) || extname(path).toLowerCase() === '.pdf') return readPdf(bytes, path);
  if (startsWith(bytes, ZIP) || extname(path).toLowerCase() === '.docx') {
    try {
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      return value;
    } catch {
      throw new PlanFileError(`Tệp “${path}” không phải tệp Word (.docx) đọc được, hoặc đã bị hỏng.`);
    }
  }
  return decodeText(bytes);
}

async function main(argv: string[]): Promise<number> {
  const path = argv.find((a) => a !== '--');
  if (!path) {
    process.stderr.write('Cách dùng: npm run -s import-plan -- TỆP (.docx, .pdf hoặc .txt)\n');
    return 1;
  }
  try {
    const text = await readPlanFile(path);
    process.stdout.write(`${JSON.stringify(importPlan(text), null, 2)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof PlanFileError ? e.message : 'Lỗi không mong đợi khi đọc kế hoạch.'}\n`);
    return 1;
  }
}

// Run only as a command, not when a test imports decodeText/readPlanFile.
if (process.argv[1] && /import-plan\.[cm]?[jt]s$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
