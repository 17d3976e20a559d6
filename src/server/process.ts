/**
 * The server as a process: open and migrate the database, serve, and stop cleanly. On SIGTERM
 * (systemd stop, a redeploy) or SIGINT it stops accepting connections, lets every request in
 * flight finish — a batch being written commits and gets its receipts — then closes the
 * database and exits 0. If that takes longer than SHUTDOWN_TIMEOUT_S, the remaining
 * connections are cut and it exits 1: a phone whose push was cut resends it (reports are
 * idempotent by id), and systemd records that the stop was not clean.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { createApp } from './app';
import type { Lifecycle } from './context';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type ServerSettings } from './main';
import { pinoLogger } from './log';
import { holdServerLock } from './ops/server-lock';

export interface RunOptions {
  siteRoot?: string;
  /** Lines to log once the logger exists (e.g. "sources newer than the build"). */
  notes?: string[];
}

export interface RunningServer {
  port: number;
  stop(reason: string): Promise<number>;
}

export async function runServer(settings: ServerSettings, options: RunOptions = {}): Promise<RunningServer> {
  const logger = pinoLogger(settings.logLevel);
  for (const note of options.notes ?? []) logger.warn(note);
  // One server per SQLite file: a second one (or `npm run restore`) must not open it.
  const lock = settings.databaseUrl ? null : holdServerLock(settings.sqliteFile);
  const db = openDatabase(settings);
  try {
    await migrateToLatest(db);
  } catch (error) {
    lock?.release();
    await db.close().catch(() => {});
    throw error;
  }
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = createApp({ db, clock: () => new Date(), config: settings.app, logger, lifecycle }, { siteRoot: options.siteRoot ?? settings.siteRoot });
  const port = settings.port;
  const server: ServerType = await new Promise((ok, fail) => {
    const s = serve({ fetch: app.fetch, port }, () => ok(s));
    s.once('error', fail);
  });
  logger.info('listening', { port, db: db.dialect.name, version: settings.app.version, url: `http://localhost:${port}` });

  let stopping: Promise<number> | null = null;
  const stop = (reason: string): Promise<number> => {
    stopping ??= (async () => {
      lifecycle.shuttingDown = true;
      logger.info('stopping', { reason, timeoutS: settings.shutdownTimeoutMs / 1000 });
      const http = server as Server;
      const closed = new Promise<void>((ok) => http.close(() => ok()));
      // Keep-alive connections with no request in flight would hold close() open forever.
      http.closeIdleConnections?.();
      const idleSweep = setInterval(() => http.closeIdleConnections?.(), 100);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((ok) => { timer = setTimeout(() => ok(true), settings.shutdownTimeoutMs); }),
      ]);
      clearInterval(idleSweep);
      clearTimeout(timer);
      if (timedOut) {
        logger.error('stop timed out: cutting the remaining connections', { timeoutS: settings.shutdownTimeoutMs / 1000 });
        http.closeAllConnections?.();
      }
      await db.close().catch((error) => logger.error('closing the database failed', { error: String(error) }));
      lock?.release();
      logger.info('stopped', { clean: !timedOut });
      return timedOut ? 1 : 0;
    })();
    return stopping;
  };
  return { port, stop };
}

/** For a CLI: run until SIGTERM/SIGINT, then exit with stop()'s code. */
export async function runServerUntilSignalled(settings: ServerSettings, options: RunOptions = {}): Promise<void> {
  const running = await runServer(settings, options);
  const onSignal = (signal: NodeJS.Signals) => {
    void running.stop(signal).then((code) => process.exit(code));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
