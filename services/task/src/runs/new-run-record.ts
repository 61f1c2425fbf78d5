import { injectTraceContext, type Principal } from '@downcity/core';
import type { TaskEntry } from '../tasks/task-entry.js';
import { iso, runSessionId } from './run-ids.js';
import type { RunRecord } from './run-record.js';

/** What a new run is. */
export interface NewRun {
  /** The task. */
  task: TaskEntry;
  /** The run id (the slot's idempotency key for scheduled runs). */
  runId: string;
  /** Why it runs. */
  trigger: RunRecord['trigger'];
  /** The slot, or the request time for manual runs, epoch ms. */
  scheduledFor: number;
  /** Who it runs for. */
  principal: Principal | undefined;
}

/** The `queued` record of a new run, created at `now`, carrying the active trace context (see `task.run` spans). */
export function newRunRecord(run: NewRun, now: number): RunRecord {
  const taskId = run.task.spec.id;
  const trace = injectTraceContext();
  return {
    id: run.runId,
    taskId,
    sessionId: runSessionId({ taskId, runId: run.runId, history: run.task.spec.history }),
    trigger: run.trigger,
    status: 'queued',
    scheduledFor: iso(run.scheduledFor),
    createdAt: iso(now),
    attempt: 0,
    maxAttempts: run.task.spec.retries.max + 1,
    attempts: [],
    ...(run.principal ? { principal: run.principal } : {}),
    ...(trace ? { trace } : {}),
  };
}
