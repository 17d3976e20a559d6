/**
 * The server: serves the built client (dist/, or SITE_ROOT) and /api on one port. `npm start`
 * reaches it through scripts/start.mjs, which first builds what is missing (or stale, when the
 * build tools are installed) and otherwise serves the build as it is and says so; browser
 * tests run this file directly under tsx with their own SITE_ROOT.
 */
import { join } from 'node:path';
import { settingsFromEnv } from '../main';
import { runServerUntilSignalled } from '../process';
import { projectRoot } from './root';
import { isMainModule, runCommand } from './run';

export async function start(options: { notes?: string[] } = {}): Promise<void> {
  const settings = settingsFromEnv();
  await runServerUntilSignalled(settings, { siteRoot: settings.siteRoot ?? join(projectRoot(), 'dist'), notes: options.notes ?? [] });
}

if (isMainModule(import.meta.url)) runCommand(() => start());
