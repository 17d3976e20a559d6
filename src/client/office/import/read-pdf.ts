/**
 * A PDF's text in the office browser, through pdfjs-dist — fetched only when a .pdf is chosen
 * (the library and its worker are ~1.5 MB). The runs pdfjs reads become lines in
 * `shared/plan-import/pdf-lines.ts`; a scan (pages that are pictures) is said plainly.
 */
import { pdfText, type PdfRun, type PdfText } from '../../../shared/plan-import/pdf-lines';

interface TextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export async function readPdfText(data: ArrayBuffer): Promise<PdfText> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // No eval (our CSP forbids it) and no font loading: only the text is wanted.
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: PdfRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.filter((item): item is TextRun & typeof item => 'str' in item).map((item) => ({
        str: item.str,
        x: item.transform[4]!,
        y: item.transform[5]!,
        width: item.width,
        height: item.height,
      })));
    }
    return pdfText(pages);
  } finally {
    void doc.destroy();
  }
}
