/**
 * A chosen file's text in the browser: .txt (UTF-8, or UTF-16 by its BOM), .docx through
 * mammoth's browser build, fetched only when a .docx is chosen (it is ~400 KB), or .pdf with a
 * text layer through pdfjs-dist, fetched only when a .pdf is chosen.
 */
import { t } from '../messages';

export class FileReadError extends Error {}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

interface MammothBrowser {
  extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<{ value: string }>;
}

export async function readPlanFile(file: File): Promise<string> {
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new FileReadError(t('import.docOld'));
  const isPdf = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46; // %PDF
  if (isPdf || /\.pdf$/i.test(file.name)) {
    let read: { text: string; scanned: boolean };
    try {
      read = await (await import('./read-pdf')).readPdfText(buffer);
    } catch {
      throw new FileReadError(t('import.pdfError'));
    }
    if (read.scanned) throw new FileReadError(t('import.pdfScanned'));
    return read.text;
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.docx$/i.test(file.name)) {
    try {
      const mod = (await import('mammoth/mammoth.browser.js')) as unknown as { default?: MammothBrowser } & MammothBrowser;
      const mammoth = mod.default ?? mod;
      return (await mammoth.extractRawText({ arrayBuffer: buffer })).value;
    } catch {
      throw new FileReadError(t('import.fileError'));
    }
  }
  return decodeText(bytes);
}
