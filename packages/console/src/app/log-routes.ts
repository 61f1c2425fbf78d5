import { atLeast, isTappedLevel, type LogRecord, type LogTap, type TappedLevel } from '@downcity/core';
import { HttpProblem, type RouteContext, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ConsoleVariables } from './console-variables.js';

/** Lines sent when a tail opens, before the live ones. */
export const TAIL_BACKLOG = 200;
/** Lines a slow reader may fall behind by before the oldest unsent ones are dropped. */
const MAX_QUEUED = 1_000;
/** A comment line keeps proxies and the browser from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

function levelOf(c: RouteContext<ConsoleVariables>): TappedLevel | undefined {
  const level = c.req.query('level')?.trim() || undefined;
  if (level === undefined || isTappedLevel(level)) return level;
  throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `level must be one of trace, debug, info, warn, error, fatal, not "${level.slice(0, 20)}".` });
}

function tapOf(logs: LogTap | undefined): LogTap {
  if (!logs) throw new HttpProblem({ status: 404, code: 'LOGS_UNAVAILABLE', message: 'This agent gives the console no log tap (the console manifest asks for permissions.logs).' });
  return logs;
}

/**
 * The log tail of the console's JSON API: `GET logs?level=` (`{ lines, capacity, minLevel }`, the newest
 * {@link TAIL_BACKLOG} kept lines at or above `level`) and `GET logs/stream?level=`, a server-sent event stream of
 * those lines and then every new one as it is logged (`event: log`, `id` = the line's seq, `data` = the line as JSON).
 * Lines come from the agent's log tap, redacted before they were kept (core's `LogTap`).
 */
export function addLogRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: { api: string; logs: LogTap | undefined }): void {
  const { api } = options;
  app.get(`${api}/logs`, (c) => {
    const logs = tapOf(options.logs);
    const level = levelOf(c);
    return c.json({ lines: logs.recent({ limit: TAIL_BACKLOG, ...(level ? { minLevel: level } : {}) }), capacity: logs.capacity, minLevel: logs.minLevel });
  });
  app.get(`${api}/logs/stream`, (c) => {
    const logs = tapOf(options.logs);
    const level = levelOf(c);
    c.header('cache-control', 'no-store');
    return streamSSE(c, async (stream) => {
      const queue: LogRecord[] = logs.recent({ limit: TAIL_BACKLOG, ...(level ? { minLevel: level } : {}) });
      let wake: () => void = () => {};
      let open = true;
      const stop = logs.subscribe((record) => {
        if (level !== undefined && !atLeast(record.level, level)) return;
        queue.push(record);
        if (queue.length > MAX_QUEUED) queue.shift();
        wake();
      });
      stream.onAbort(() => {
        open = false;
        stop();
        wake();
      });
      try {
        while (open) {
          for (let record = queue.shift(); record !== undefined && open; record = queue.shift()) {
            await stream.writeSSE({ event: 'log', id: String(record.seq), data: JSON.stringify(record) });
          }
          if (!open) break;
          const idle = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), KEEP_ALIVE_MS);
            wake = () => {
              clearTimeout(timer);
              resolve(false);
            };
          });
          if (idle && open) await stream.write(': keep-alive\n\n');
        }
      } finally {
        stop();
      }
    });
  });
}
