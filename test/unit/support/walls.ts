/**
 * The wall check: dependency-cruiser with the committed rules (.dependency-cruiser.cjs) for
 * what an import graph shows, and a source scan for what it cannot (a call to fetch, a SQL
 * template, a transaction opened by hand). Both take a root, so a fixture tree with planted
 * violations proves the checker catches them.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const REPO = join(import.meta.dirname, '..', '..', '..');

export interface WallViolation {
  rule: string;
  /** Relative to the root, with forward slashes. */
  file: string;
  detail: string;
}

export async function importViolations(root: string = REPO): Promise<WallViolation[]> {
  const config = require(join(REPO, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };
  const { tsConfig: _tsConfig, ...options } = config.options;
  const previous = process.cwd();
  // Rule paths are relative to the root (`^src/shared/`): cruise from inside it.
  process.chdir(root);
  try {
    const result = await cruise(['src'], { ...options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'json' } as never);
    const output = typeof result.output === 'string' ? (JSON.parse(result.output) as ICruiseResult) : result.output;
    return output.summary.violations.map((v) => ({ rule: v.rule.name, file: v.from, detail: v.to }));
  } finally {
    process.chdir(previous);
  }
}

interface SourceRule {
  name: string;
  /** Files (relative, forward slashes) the rule applies to. */
  applies: (file: string) => boolean;
  pattern: RegExp;
}

const inClientOutsideData = (f: string) => (f.startsWith('src/client/') && !f.startsWith('src/client/data/')) || f.startsWith('src/shared/');
const inServerOutsideDb = (f: string) => f.startsWith('src/server/') && !f.startsWith('src/server/db/');

export const SOURCE_RULES: SourceRule[] = [
  { name: 'network-only-in-client-data', applies: inClientOutsideData, pattern: /(?<![\w.])fetch\s*\(|\bXMLHttpRequest\b|\bnavigator\.sendBeacon\b/ },
  { name: 'indexeddb-only-in-client-data', applies: inClientOutsideData, pattern: /\bindexedDB\b|\bnew\s+Dexie\b|\bliveQuery\b/ },
  { name: 'sql-only-in-server-db', applies: inServerOutsideDb, pattern: /\bsql\s*`|\bsql\.(raw|ref|id|lit|join)\s*\(|\.kysely\b/ },
  {
    name: 'transactions-only-in-server-db',
    applies: inServerOutsideDb,
    pattern: /\.(transaction|startTransaction|savepoint|releaseSavepoint|rollbackToSavepoint)\s*\(|\b(BEGIN|COMMIT|ROLLBACK|SAVEPOINT)\b/,
  },
];

/** Drops comments (what they say is not what the code does), keeping line numbers. */
export function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[\s;{}(),])\/\/[^\n]*/g, '$1');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export function sourceViolations(root: string = REPO): WallViolation[] {
  const found: WallViolation[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const file = relative(root, path).split(sep).join('/');
    const rules = SOURCE_RULES.filter((r) => r.applies(file));
    if (rules.length === 0) continue;
    stripComments(readFileSync(path, 'utf8')).split('\n').forEach((line, i) => {
      for (const rule of rules) if (rule.pattern.test(line)) found.push({ rule: rule.name, file: `${file}:${i + 1}`, detail: line.trim() });
    });
  }
  return found;
}
