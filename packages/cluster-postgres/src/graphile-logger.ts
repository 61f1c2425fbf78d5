import type { Logger } from '@downcity/core';
import { Logger as GraphileLogger, type LogLevel } from 'graphile-worker';

/**
 * Graphile Worker's log lines in the agent's logger. Only the scope's label, worker, task and job id are kept.
 * Its `info` lines (a worker connected, a job completed)
 * are routine for an agent, so they become `debug`; warnings and errors stay. Only the message, the scope and
 * an error's message are passed on: a job's payload is user data and stays out of the log.
 *
 * @param logger - the agent's logger
 */
export function graphileLogger(logger: Logger): GraphileLogger {
  const levels: Record<LogLevel, 'error' | 'warn' | 'debug' | 'trace'> = { error: 'error', warning: 'warn', info: 'debug', debug: 'trace' };
  return new GraphileLogger((scope) => (level, message, meta) => {
    const error = meta.error instanceof Error ? meta.error.message : undefined;
    const fields: Record<string, unknown> = { graphile: scope.label ?? 'worker' };
    if (scope.workerId !== undefined) fields.graphileWorkerId = scope.workerId;
    if (scope.taskIdentifier !== undefined) fields.task = scope.taskIdentifier;
    if (scope.jobId !== undefined) fields.jobId = scope.jobId;
    if (error !== undefined) fields.error = error;
    logger[levels[level]](fields, message);
  });
}
