import type { LogMethod, Logger } from '@downcity/core';

/** One line a {@link RecordingLogger} received. */
export interface RecordedLine {
  /** The level. */
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** The message (empty when only fields were logged). */
  message: string;
  /** The fields, with the bindings of child loggers. */
  fields: Record<string, unknown>;
}

/** A logger that keeps every line in memory, unredacted, so tests can assert on warnings and check that nothing secret is logged at all. */
export interface RecordingLogger extends Logger {
  /** Every line so far, from this logger and its children. */
  readonly lines: RecordedLine[];
}

/**
 * Creates a {@link RecordingLogger}. Pass it as the agent's `logger` (or a channel's) in tests.
 *
 * @param lines - where lines go (shared with children)
 * @param bindings - fields added to every line
 */
export function recordingLogger(lines: RecordedLine[] = [], bindings: Record<string, unknown> = {}): RecordingLogger {
  const method =
    (level: RecordedLine['level']): LogMethod =>
    (first: Record<string, unknown> | string, message?: string) => {
      if (typeof first === 'string') lines.push({ level, message: first, fields: { ...bindings } });
      else lines.push({ level, message: message ?? '', fields: { ...bindings, ...first } });
    };
  return {
    lines,
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
