/**
 * Structured logs: one JSON object per line on stdout (pino), which journald, Docker and any
 * log shipper read as is. The app itself sees only the small Logger interface of context.ts,
 * so tests can pass their own and stay quiet. What must never appear in a line (tokens,
 * passwords, enrollment codes, household names) is kept out by what the callers log — paths
 * without query strings, no bodies, no headers — and by pino's redaction as a second fence.
 */
import pino from 'pino';
import type { Logger } from './context';
import type { LogLevel } from './log-levels';

/** Field names whose values are replaced by "[redacted]" wherever a caller put them by mistake. */
const REDACT = ['password', 'token', 'code', 'authorization', 'headers.authorization', '*.password', '*.token', '*.authorization'];

export interface PinoLogger extends Logger {
  pino: pino.Logger;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export function pinoLogger(level: LogLevel, destination?: pino.DestinationStream): PinoLogger {
  const p = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    pino: p,
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
  };
}
