/**
 * The `import-plan` command end to end: a real process, real files (.txt in UTF-8 and UTF-16,
 * a .docx built here with JSZip — mammoth's own zip library — so no binary fixture is needed),
 * JSON and only JSON on stdout, Vietnamese on stderr with exit code 1 for a missing file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../src/shared/plan-import';
import { PlanImportResult } from '../../src/shared/plan-import/schema';

const root = fileURLToPath(new URL('../../', import.meta.url));
const samplePath = join(root, 'test/fixtures/plans/xa-ia-dom-2024.txt');
const sample = readFileSync(samplePath, 'utf8');
let dir = '';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'import-plan', '--', ...args], { cwd: root, maxBuffer: 20_000_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The smallest .docx Word and mammoth accept: one paragraph per line of text. */
async function makeDocx(text: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const paragraphs = text
    .split('\n')
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(line)}</w:t></w:r></w:p>`)
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

const essentials = (r: PlanImportResult) => ({
  plan: r.plan,
  targets: r.targets.map((t) => [t.id, t.parentId, t.comparator, t.measure, t.value, t.valueMax, t.outOf, t.unit, t.assignee]),
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-plan-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run -s import-plan', () => {
  it('prints the draft of a .txt plan as JSON, and nothing else', async () => {
    const { code, stdout, stderr } = await run(samplePath);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const parsed = JSON.parse(stdout) as PlanImportResult;
    expect(PlanImportResult.safeParse(parsed).success).toBe(true);
    expect(parsed).toEqual(importPlan(sample));
    expect(stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed.targets.length).toBeGreaterThan(10);
  });

  it('reads UTF-16 text with a byte order mark', async () => {
    const path = join(dir, 'utf16.txt');
    const body = Buffer.from(sample, 'utf16le');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const { code, stdout } = await run(path);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(importPlan(sample));
  });

  it('reads a .docx with the same result as its text', async () => {
    const path = join(dir, 'ke-hoach.docx');
    writeFileSync(path, await makeDocx(sample));
    const { code, stdout, stderr } = await run(path);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as PlanImportResult;
    // Word paragraphs come back separated by blank lines, so line numbers differ; content does not.
    expect(essentials(parsed)).toEqual(essentials(importPlan(sample)));
  });

  it('reads a .pdf with a text layer: every target of the text is found', async () => {
    // Printed from the .txt by Chromium: wrapped paragraphs and one run per glyph cluster, as real PDFs have.
    const { code, stdout, stderr } = await run(join(root, 'test/fixtures/plans/xa-ia-dom-2024.pdf'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as PlanImportResult;
    expect(parsed.plan).toMatchObject({ year: 2024, issuer: 'Ủy ban nhân dân xã Ia Dom' });
    const key = (t: PlanImportResult['targets'][number]) => [t.value, t.valueMax, t.outOf, t.unit, t.comparator].join('|');
    const found = parsed.targets.map(key);
    for (const k of importPlan(sample).targets.map(key)) {
      expect(found).toContain(k);
      found.splice(found.indexOf(k), 1);
    }
  });

  it('says plainly that a scanned PDF has no text, with exit code 1', async () => {
    const { code, stdout, stderr } = await run(join(root, 'test/fixtures/plans/scanned-page.pdf'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bản chụp/);
  });

  it('says in Vietnamese on stderr when the file is missing or not a document, with exit code 1', async () => {
    const missing = await run(join(dir, 'khong-co.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/Không tìm thấy tệp/);

    const broken = join(dir, 'hong.docx');
    writeFileSync(broken, 'PK\u0003\u0004 không phải zip');
    const bad = await run(broken);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/không phải tệp Word/);

    const none = await run();
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Cách dùng/);
  });

  it('gives an empty draft with a warning, not an error, for an empty file', async () => {
    const path = join(dir, 'rong.txt');
    writeFileSync(path, '');
    const { code, stdout } = await run(path);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as PlanImportResult;
    expect(parsed.targets).toEqual([]);
    expect(parsed.warnings[0]!.message).toMatch(/Văn bản trống/);
  });
});
