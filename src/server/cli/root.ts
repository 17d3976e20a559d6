/** The checkout (or install) directory: where package.json is, from the sources or from dist-server/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function projectRoot(from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'so-thi-dua') return dir;
    if (dirname(dir) === dir) throw new Error(`package.json of so-thi-dua not found above ${from}`);
  }
}
