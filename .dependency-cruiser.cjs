/**
 * The walls between the layers (docs/architecture.md), checked on every `npm test` by
 * test/unit/walls.test.ts. A rule here is a promise the code keeps: say why in `comment`.
 * What an import graph cannot see (a call to fetch, a SQL template) is the same test's
 * source scan.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared runs on the phone and the server alike: no server, client, node:*, Dexie or Kysely.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|client)/|(^|/)node_modules/(dexie|kysely)/' },
    },
    {
      name: 'shared-no-node-builtins',
      comment: 'src/shared must load in a browser: no Node built-in modules.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-client-data-reaches-dexie',
      comment: 'IndexedDB is the data layer\'s (src/client/data/): screens read through its facade.',
      severity: 'error',
      from: { path: '^src/client/', pathNot: '^src/client/data/' },
      to: { path: '(^|/)node_modules/dexie/' },
    },
    {
      name: 'screens-never-hold-the-raw-database',
      comment: 'Outside src/client/data/ the database module is imported for its types only (data/field-data.ts is the way in).',
      severity: 'error',
      from: { path: '^src/client/', pathNot: '^src/client/data/' },
      to: { path: '^src/client/data/db\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-server-db-reaches-kysely',
      comment: 'SQL and transaction control live in src/server/db/ only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/db/' },
      to: { path: '(^|/)node_modules/(kysely|better-sqlite3|pg)/' },
    },
    {
      name: 'server-never-imports-client',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/client/' },
    },
    {
      name: 'client-never-imports-server',
      comment: 'The phone talks to the server over HTTP only; what both need lives in src/shared.',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: '^src/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
