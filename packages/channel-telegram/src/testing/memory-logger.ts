import type { Logger } from '@downcity/core';

/** One captured log line. */
export interface LogLine {
  /** Level name. */
  level: string;
  /** Structured fields. */
  fields: Record<string, unknown>;
  /** Message. */
  message: string;
}

/** A logger that keeps every line in memory, unredacted, so tests can check nothing secret is logged at all. */
export interface MemoryLogger extends Logger {
  /** Every line, children included. */
  readonly lines: LogLine[];
}

/** Creates a {@link MemoryLogger}. */
export function memoryLogger(lines: LogLine[] = [], bindings: Record<string, unknown> = {}): MemoryLogger {
  const method = (level: string) => (fieldsOrMessage: Record<string, unknown> | string, message?: string): void => {
    if (typeof fieldsOrMessage === 'string') lines.push({ level, fields: { ...bindings }, message: fieldsOrMessage });
    else lines.push({ level, fields: { ...bindings, ...fieldsOrMessage }, message: message ?? '' });
  };
  return {
    lines,
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    child: (more) => memoryLogger(lines, { ...bindings, ...more }),
  };
}
