import { describe, expect, it } from 'vitest';
import { replaceGenerated } from '../bench/support/doc-section';

const DOC = [
  '# Benchmarks', '',
  '## Small pushes (issue 11)', '',
  'Hand-written intro.', '',
  '<!-- bench:small -->', 'old table', '<!-- /bench:small -->', '',
  'Analysis that must survive.', '',
  '## Next section', '', 'Other text.', '',
].join('\n');

describe('replaceGenerated (the benches\' writer into docs/benchmarks.md)', () => {
  it('replaces only what is between the markers, keeping the prose before and after', () => {
    const out = replaceGenerated(DOC, 'small', '## Small pushes (issue 11)', 'new table\n');
    expect(out).toBe(DOC.replace('old table', 'new table'));
    // A second run gives the same document (no markers or blank lines pile up).
    expect(replaceGenerated(out, 'small', '## Small pushes (issue 11)', 'new table')).toBe(out);
  });

  it('puts a new block right under an existing heading and keeps what the section said', () => {
    const doc = '# B\n\n## Deadline evening (issue 11)\n\nOld analysis.\n\n## Other\n';
    const out = replaceGenerated(doc, 'deadline', '## Deadline evening (issue 11)', 'figures');
    expect(out).toBe('# B\n\n## Deadline evening (issue 11)\n\n<!-- bench:deadline -->\nfigures\n<!-- /bench:deadline -->\n\nOld analysis.\n\n## Other\n');
  });

  it('appends a new section when neither the block nor the heading exists', () => {
    const out = replaceGenerated('# B\n', 'x', '## X (issue 1)', 'figures');
    expect(out).toBe('# B\n\n## X (issue 1)\n\n<!-- bench:x -->\nfigures\n<!-- /bench:x -->\n');
  });

  it('does not mistake a heading that only starts the same for the section', () => {
    const doc = '## Server (issue 3) — notes\n\ntext\n';
    expect(replaceGenerated(doc, 'server', '## Server (issue 3)', 'f')).toBe(`${doc}\n## Server (issue 3)\n\n<!-- bench:server -->\nf\n<!-- /bench:server -->\n`);
  });

  it('refuses a block whose end marker is missing rather than eating the rest of the file', () => {
    expect(() => replaceGenerated('<!-- bench:a -->\nrest', 'a', '## A', 'f')).toThrow(/without/);
  });
});
