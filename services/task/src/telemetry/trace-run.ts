import { SpanStatusCode, trace } from '@opentelemetry/api';
import { linksFrom, withSpan } from '@downcity/core';
import type { RunOutcome } from '../runs/finalize-run.js';
import type { ExecutionResult, QueuedRun } from '../runs/run-queue.js';
import type { RunRecord } from '../runs/run-record.js';

/** The task service's span attributes (names under `downcity.task.`). */
export const TaskAttributes = {
  /** The task id. */
  taskId: 'downcity.task.id',
  /** The run id. */
  runId: 'downcity.task.run_id',
  /** `schedule`, `catch-up` or `manual`. */
  trigger: 'downcity.task.trigger',
  /** The attempt number, from 1. */
  attempt: 'downcity.task.attempt',
  /** The session the run executes in. */
  sessionId: 'downcity.task.session_id',
  /** How the attempt ended: a final run status, or `retrying`. */
  status: 'downcity.task.status',
} as const;

/**
 * Runs one attempt of a queued run inside a `task.run` span. The model turn of an instructions task (an
 * `invoke_agent` span) and a script's actions nest under it.
 */
export function traceRun(queued: QueuedRun, work: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  return withSpan('task.run', { attributes: { [TaskAttributes.taskId]: queued.taskId, [TaskAttributes.runId]: queued.runId } }, work);
}

/**
 * Describes the attempt on the active `task.run` span once its record is loaded: trigger, attempt, session,
 * and a link to the span that asked for the run (a `task/run` call), whose trace context the record carries.
 */
export function noteRun(record: RunRecord): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.setAttributes({
    [TaskAttributes.trigger]: record.trigger,
    [TaskAttributes.attempt]: record.attempt + 1,
    [TaskAttributes.sessionId]: record.sessionId,
  });
  for (const link of linksFrom(record.trace)) span.addLink(link);
}

/** Records how the attempt ended on the active `task.run` span; a failed or timed-out run is an error. */
export function noteOutcome(outcome: RunOutcome, retrying: boolean): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.setAttribute(TaskAttributes.status, retrying ? 'retrying' : outcome.status);
  if (outcome.status === 'failed' || outcome.status === 'timed_out') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error?.message ?? outcome.status });
    span.setAttribute('error.type', outcome.error?.code ?? outcome.status);
  }
}
