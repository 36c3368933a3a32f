import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from '../context/correlation';
import type { LogLevelName } from '../config/service-env';

export type { Logger } from 'pino';

/** Injection token of the service's pino Logger. */
export const PLATFORM_LOGGER = Symbol('PLATFORM_LOGGER');

const REDACTED = [
  'authorization',
  'password',
  'token',
  'secret',
  '*.authorization',
  '*.password',
  '*.token',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * A JSON logger for one service: every line carries `service`, ISO `time`, a textual `level`
 * and the current `correlationId`. Log ids and codes, never request bodies or personal data.
 */
export function createLogger(service: string, level: LogLevelName = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );
}

const NEST_TO_PINO: Record<LogLevel, LogLevelName> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Nest's LoggerService over pino, so `new Logger(Context)` in any provider writes the same JSON lines. */
export class PlatformLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    this.pino.level = lowest ? NEST_TO_PINO[lowest] : 'silent';
  }

  /** Nest calls `log(message, context)` and `error(message, stack, context)`. */
  private write(level: Exclude<LogLevelName, 'silent'>, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? rest.find((param): param is string => typeof param === 'string') : undefined;
    const fields: Record<string, unknown> = { context, stack };
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
