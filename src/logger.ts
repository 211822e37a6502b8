import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear in a log line. Secrets should
 * never reach a logger in the first place; this is the second wall.
 */
export const REDACT_PATHS = [
  'credentials',
  '*.credentials',
  'secrets',
  '*.secrets',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'clientSecret',
  '*.clientSecret',
  'consumerSecret',
  '*.consumerSecret',
  'privateKey',
  '*.privateKey',
  'passphrase',
  '*.passphrase',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'connectionParams',
  '*.connectionParams',
];

/**
 * Fields every log line written inside a request carries (its requestId),
 * whichever logger writes it: the request's middleware enters it, pino's
 * mixin reads it.
 */
export const logContext = new AsyncLocalStorage<Record<string, unknown>>();

export interface LoggerOptions {
  level?: string;
  /** Where lines go; tests pass a stream to read them back. Default stdout. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'tributary' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => logContext.getStore() ?? {},
    },
    // Synchronous, as Node's own stdout is for pipes and files: each line is written when
    // it is logged, in order. pino's default (asynchronous, minLength 0) lets exit() run
    // with a write still in flight: under load the shutdown's last lines came out of order
    // or not at all, which is what a crash or a shutdown leaves to read.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
