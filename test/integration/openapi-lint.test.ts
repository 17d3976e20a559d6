/**
 * The OpenAPI document the server serves passes Redocly's recommended rules with no errors
 * (and no warnings), linted by the installed @redocly/cli on the document written to a temp
 * file. A new route that breaks a rule (e.g. a public operation without `security: []`, a
 * path parameter not declared) fails here, in `npm test`.
 */
import { afterAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildOpenApi } from '../../src/server/http/openapi';
import { allRoutes } from '../../src/server/routes';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sothidua-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LintProblem { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer?: string }[] }

it('passes Redocly\'s recommended rules with no errors and no warnings', { timeout: 120_000 }, () => {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(buildOpenApi(allRoutes(), '1.0.0')));
  const res = spawnSync(join(ROOT, 'node_modules/.bin/redocly'), ['lint', file, '--extends', 'recommended', '--format', 'json'], {
    cwd: dir, encoding: 'utf8', timeout: 110_000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const start = res.stdout.indexOf('{');
  expect(start, `redocly printed no JSON:\n${res.stdout}\n${res.stderr}`).toBeGreaterThanOrEqual(0);
  const report = JSON.parse(res.stdout.slice(start)) as { totals: { errors: number; warnings: number }; problems: LintProblem[] };
  const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
  expect(problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});
