/**
 * The walls between layers (docs/architecture.md "Walls"), enforced: the real tree has no
 * violation, and the checker finds each kind planted in a fixture tree (so a green run means
 * the rules ran, not that they match nothing).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importViolations, sourceViolations, stripComments } from './support/walls';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'walls');

describe('the walls hold in src/', () => {
  it('no import crosses a wall (dependency-cruiser, .dependency-cruiser.cjs)', async () => {
    expect(await importViolations()).toEqual([]);
  }, 60_000);

  it('no fetch or IndexedDB outside client/data, no SQL or transaction control outside server/db', () => {
    expect(sourceViolations()).toEqual([]);
  });
});

describe('the wall check catches what is planted', () => {
  it('finds every forbidden import in the fixture tree, and none of the allowed ones', async () => {
    const found = (await importViolations(FIXTURE)).map((v) => `${v.rule} ${v.file}`).sort();
    expect(found).toEqual([
      'only-client-data-reaches-dexie src/client/routes/Bad.tsx',
      'only-server-db-reaches-kysely src/server/routes/bad.ts',
      'only-server-db-reaches-kysely src/shared/impure.ts',
      'screens-never-hold-the-raw-database src/client/routes/Bad.tsx',
      'server-never-imports-client src/server/routes/bad.ts',
      'shared-is-pure src/shared/impure.ts',
      'shared-is-pure src/shared/impure.ts',
      'shared-no-node-builtins src/shared/impure.ts',
    ]);
  }, 60_000);

  it('finds fetch, IndexedDB, SQL and a hand-opened transaction in the wrong folders', () => {
    const found = sourceViolations(FIXTURE).map((v) => `${v.rule} ${v.file}`).sort();
    expect(found).toEqual([
      'indexeddb-only-in-client-data src/client/routes/Bad.tsx:4',
      'network-only-in-client-data src/client/routes/Bad.tsx:4',
      'sql-only-in-server-db src/server/routes/bad.ts:5',
      'sql-only-in-server-db src/server/routes/bad.ts:6',
      'transactions-only-in-server-db src/server/routes/bad.ts:5',
    ]);
  });

  it('ignores comments but keeps URLs in strings', () => {
    expect(stripComments("a(); // fetch('/x')\nconst u = 'https://x';")).toBe("a(); \nconst u = 'https://x';");
  });
});
