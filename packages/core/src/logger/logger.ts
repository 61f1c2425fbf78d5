/** A log method: either an object of fields plus a message, or just a message. */
export interface LogMethod {
  (fields: Record<string, unknown>, message?: string): void;
  (message: string): void;
}

/** The scoped logger services and plugins get as `context.logger`. Secrets are redacted before output. */
export interface Logger {
  /** Very detailed tracing. */
  trace: LogMethod;
  /** Debug information. */
  debug: LogMethod;
  /** Normal operation. */
  info: LogMethod;
  /** Something unexpected that did not stop the flow. */
  warn: LogMethod;
  /** A failure. */
  error: LogMethod;
  /** Returns a logger that adds `bindings` to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

/** Log levels, least to most severe, plus `silent`. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
