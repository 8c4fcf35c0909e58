import type { Clock } from '../platform/clock';
import type { Redactor } from './redactor';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

/**
 * One JSON line per event, scrubbed by the redactor at the last moment so a
 * careless field can never put a token on disk. Fields are flat scalars on
 * purpose: whole request or error objects are not loggable.
 */
export function createLogger(sink: (line: string) => void, redactor: Redactor, clock: Clock): Logger {
  const write = (level: LogLevel, message: string, fields: LogFields = {}) => {
    const line = JSON.stringify({ at: new Date(clock.now()).toISOString(), level, message, ...fields });
    sink(redactor.redact(line));
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
