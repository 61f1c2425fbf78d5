import { DowncityError, ErrorCodes } from '@downcity/core';
import { finalizeRun, type RunOutcome } from './finalize-run.js';
import { backoffDelay, isRetryable } from './retry-policy.js';
import { raceAbort } from './race-abort.js';
import { runBody } from './run-body.js';
import type { RunControl, RunDependencies } from './run-dependencies.js';
import { RunErrorCodes, toRunError } from './run-error.js';
import { iso } from './run-ids.js';
import type { ExecutionResult, QueuedRun } from './run-queue.js';
import type { RunRecord } from './run-record.js';
import type { TaskSpec } from '../tasks/task-spec.js';
import { noteOutcome, noteRun, traceRun } from '../telemetry/trace-run.js';

/**
 * Executes one attempt of a queued run: the `task/before-run` guard (first attempt only), the
 * work under the task's timeout, then either a retry (status back to `queued` with `retryAt`) or
 * the final status. When the agent stops mid-attempt nothing more is written: the record stays
 * `running` and the next start treats it as interrupted. Never rejects. The attempt runs in a `task.run` span.
 */
export async function executeRun(deps: RunDependencies, queued: QueuedRun): Promise<ExecutionResult> {
  const control: RunControl = { controller: new AbortController() };
  deps.controls.set(queued.runId, control);
  try {
    return await traceRun(queued, () => attempt(deps, queued, control));
  } catch (error) {
    deps.context.logger.error({ err: error, runId: queued.runId }, 'task run bookkeeping failed; the run is retried after a restart');
    return { unsettled: true };
  } finally {
    deps.controls.delete(queued.runId);
  }
}

async function attempt(deps: RunDependencies, queued: QueuedRun, control: RunControl): Promise<ExecutionResult> {
  const { context, clock, runs } = deps;
  let record = await runs.get(queued.runId);
  if (context.signal.aborted) return { unsettled: true };
  if (!record || record.status !== 'queued') return {};
  noteRun(record);
  const task = deps.tasks.get(record.taskId);
  if (!task) {
    await finalizeRun(deps, undefined, record, { status: 'failed', error: { code: RunErrorCodes.TASK_MISSING, message: `Task "${record.taskId}" no longer exists.` } });
    return {};
  }
  // In a cluster, a cancel asked on another worker before this attempt started (read after the control is registered,
  // so a cancel asked later reaches the control instead).
  const cancelledBy = await deps.shared?.cancelRequestedBy(record.id);
  if (cancelledBy !== undefined) {
    control.cancelledBy = cancelledBy;
    return finish(deps, record, cancelled(control));
  }
  if (record.attempt === 0) {
    const verdict = await context.plugins.guard('task/before-run', { task: deps.view(task), run: record, ...(record.principal ? { principal: record.principal } : {}) });
    if (context.signal.aborted) return { unsettled: true };
    if (control.reason === 'cancel') return finish(deps, record, cancelled(control));
    if (!verdict.allow) {
      const by = verdict.by ? ` by "${verdict.by}"` : '';
      await finalizeRun(deps, task, record, { status: 'denied', error: { code: ErrorCodes.DENIED, message: `Denied${by}: ${verdict.reason}` } });
      return {};
    }
  }

  const number = record.attempt + 1;
  const startedAt = iso(clock.now());
  const { retryAt: _retryAt, ...waiting } = record;
  record = {
    ...waiting,
    status: 'running',
    attempt: number,
    startedAt: record.startedAt ?? startedAt,
    attempts: [...record.attempts, { attempt: number, startedAt, status: 'running' }],
  };
  await runs.put(record);

  const { controller } = control;
  const cancelTimeout = clock.setTimer(clock.now() + task.spec.timeoutMs, () => {
    control.reason ??= 'timeout';
    controller.abort(new DowncityError(ErrorCodes.TIMEOUT, `The run took longer than the task's timeoutMs (${task.spec.timeoutMs} ms).`));
  });
  const onStop = (): void => controller.abort(context.signal.reason);
  context.signal.addEventListener('abort', onStop, { once: true });
  let outcome: RunOutcome;
  try {
    const output = await raceAbort(runBody(deps, { task, record, signal: controller.signal }), controller.signal);
    outcome = { status: 'succeeded', output };
  } catch (error) {
    if (control.reason === 'cancel') outcome = cancelled(control);
    else if (control.reason === 'timeout') outcome = { status: 'timed_out', error: toRunError(controller.signal.reason) };
    else if (context.signal.aborted) return { unsettled: true };
    else outcome = { status: 'failed', error: toRunError(error) };
  } finally {
    cancelTimeout();
    context.signal.removeEventListener('abort', onStop);
  }

  const ended = { finishedAt: iso(clock.now()), status: attemptStatus(outcome), ...(outcome.error ? { error: outcome.error } : {}) };
  record = { ...record, attempts: record.attempts.map((entry) => (entry.attempt === number ? { ...entry, ...ended } : entry)) };
  const retry = retryAt(deps, record, outcome, task.spec.retries);
  noteOutcome(outcome, retry !== undefined);
  if (retry !== undefined) {
    await runs.put({ ...record, status: 'queued', retryAt: iso(retry), ...(outcome.error ? { error: outcome.error } : {}) });
    return { retryAt: retry };
  }
  return finish(deps, record, outcome);
}

/** The time of the next attempt, or `undefined` when the outcome is final. */
function retryAt(deps: RunDependencies, record: RunRecord, outcome: RunOutcome, retries: TaskSpec['retries']): number | undefined {
  if (outcome.status !== 'failed' && outcome.status !== 'timed_out') return undefined;
  if (!outcome.error || !isRetryable(outcome.error) || record.attempt >= record.maxAttempts) return undefined;
  return deps.clock.now() + backoffDelay(retries, record.attempt);
}

function attemptStatus(outcome: RunOutcome): 'succeeded' | 'failed' | 'timed_out' | 'cancelled' {
  return outcome.status === 'succeeded' || outcome.status === 'timed_out' || outcome.status === 'cancelled' ? outcome.status : 'failed';
}

function cancelled(control: RunControl): RunOutcome {
  return { status: 'cancelled', error: { code: ErrorCodes.ABORTED, message: `Cancelled${control.cancelledBy ? ` by ${control.cancelledBy}` : ''}.` } };
}

async function finish(deps: RunDependencies, record: RunRecord, outcome: RunOutcome): Promise<ExecutionResult> {
  await finalizeRun(deps, deps.tasks.get(record.taskId), record, outcome);
  return {};
}
