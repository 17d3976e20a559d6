/** pino's levels, apart from log.ts so reading the settings does not load the logger (CLI start-up time). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
