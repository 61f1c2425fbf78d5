import { pino, type DestinationStream } from 'pino';
import { redactSecretKeys } from '../secrets/secret-keys.js';
import { redactSecrets } from '../secrets/secret-registry.js';
import { logTraceFields } from '../telemetry/log-trace-fields.js';
import type { LogLevel, Logger } from './logger.js';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level (default `info`, or `DOWNCITY_LOG_LEVEL`). */
  level?: LogLevel;
  /** Where JSON lines go (default: standard error, so standard output stays free for the terminal channel). */
  destination?: DestinationStream;
  /** Fields on every line. */
  base?: Record<string, unknown>;
}

/**
 * Creates a pino-backed JSON logger. Values of secret-looking keys (token, apiKey, secret,
 * password, authorization...) and every value registered with `registerSecret` or declared with
 * `secret()` are replaced by `[redacted]` before a line is written. A line written inside an active span
 * carries its `trace_id` and `span_id`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.DOWNCITY_LOG_LEVEL as LogLevel | undefined) ?? 'info';
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  return pino(
    {
      level,
      base: options.base ?? {},
      mixin: logTraceFields,
      formatters: { log: (fields) => redactSecretKeys(fields) as Record<string, unknown> },
      hooks: { streamWrite: (line) => redactSecrets(line) },
    },
    destination,
  ) as unknown as Logger;
}

let shared: Logger | undefined;

/** The process-wide default logger, created on first use. */
export function defaultLogger(): Logger {
  shared ??= createLogger();
  return shared;
}
