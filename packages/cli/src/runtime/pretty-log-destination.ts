import { displayText, type LoggerOptions } from '@downcity/core';
import type { OutputStream } from '../cli/cli-io.js';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function describe(record: Record<string, unknown>): string {
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now()).toTimeString().slice(0, 8);
  const level = LEVELS[record.level as number] ?? String(record.level);
  const scope = typeof record.package === 'string' ? ` [${record.package}]` : '';
  const error = record.err as { message?: unknown } | undefined;
  const reason = error && typeof error.message === 'string' ? `: ${error.message}` : '';
  return displayText(`${time} ${level}${scope} ${String(record.msg ?? '')}${reason}`);
}

/**
 * A log destination for people at a terminal: one short line per record (`12:00:01 warn [shell] ...`)
 * instead of JSON, escaped with `displayText` so a message carrying outside text stays one line. Lines
 * arrive already redacted by the logger.
 */
export function prettyLogDestination(stream: OutputStream): NonNullable<LoggerOptions['destination']> {
  return {
    write(line: string) {
      try {
        stream.write(`${describe(JSON.parse(line) as Record<string, unknown>)}\n`);
      } catch {
        stream.write(line.endsWith('\n') ? line : `${line}\n`);
      }
    },
  };
}
