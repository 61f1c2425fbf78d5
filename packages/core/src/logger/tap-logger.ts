import type { LogRing, TappedLevel } from './log-tap.js';
import type { LogMethod, Logger } from './logger.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const satisfies readonly TappedLevel[];

/**
 * Wraps a logger so every line also goes to `ring` (which records it only while enabled), with the bindings of the
 * wrapper's children. The wrapped logger still writes every line itself, unchanged.
 *
 * @param logger - the logger that writes the output
 * @param ring - where lines are also recorded
 * @param bindings - the fields `logger` adds to every line (children add theirs)
 */
export function tapLogger(logger: Logger, ring: LogRing, bindings: Record<string, unknown> = {}): Logger {
  const method = (level: (typeof LEVELS)[number]): LogMethod =>
    ((first: Record<string, unknown> | string, message?: string) => {
      if (typeof first === 'string') logger[level](first);
      else logger[level](first, message);
      ring.record(level, bindings, first, message);
    }) as LogMethod;
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    child: (more) => tapLogger(logger.child(more), ring, { ...bindings, ...more }),
  };
}
