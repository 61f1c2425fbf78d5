import type { TaskEntry } from '../tasks/task-entry.js';
import { deliverResult, deliveryText } from './deliver-result.js';
import type { RunDependencies } from './run-dependencies.js';
import { iso } from './run-ids.js';
import { FINAL_STATUSES, type RunError, type RunRecord, type RunStatus } from './run-record.js';

/** How a run ended. */
export interface RunOutcome {
  /** A final status. */
  status: Exclude<RunStatus, 'queued' | 'running'>;
  /** The output text, on success. */
  output?: string;
  /** Why it did not succeed. */
  error?: RunError;
}

/**
 * Records a run's final status and wakes whoever waits for it, then delivers the result, then
 * runs the `task/after-run` effect. The final status is stored before delivery (with delivery
 * `pending`), so a crash during delivery never makes the run execute, or deliver, twice; and
 * waiters are woken before delivery, so a caller waiting from inside the destination chat session
 * cannot deadlock with the delivery into it.
 */
export async function finalizeRun(deps: RunDependencies, task: TaskEntry | undefined, record: RunRecord, outcome: RunOutcome): Promise<RunRecord> {
  const { runs, clock, context } = deps;
  if (deps.shared) {
    // Another worker may have finalized it meanwhile (a cancel of a run that was just starting): keep the first.
    const stored = await runs.get(record.id);
    if (stored && FINAL_STATUSES.has(stored.status)) {
      deps.settled(stored);
      return stored;
    }
  }
  const { retryAt: _retryAt, error: _error, ...rest } = record;
  let final: RunRecord = {
    ...rest,
    status: outcome.status,
    finishedAt: iso(clock.now()),
    ...(outcome.output === undefined ? {} : { output: outcome.output }),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
  const text = task ? deliveryText(task, final) : undefined;
  if (text !== undefined) final = { ...final, delivery: { status: 'pending', at: iso(clock.now()) } };
  await runs.put(final);
  deps.settled(final);
  if (!task) return final;
  if (text !== undefined) {
    final = { ...final, delivery: await deliverResult(deps, task, final, text) };
    await runs.put(final);
  }
  await context.plugins.effect('task/after-run', { task: deps.view(task), run: final });
  await runs.prune(task.spec.id, context.config.keepRuns).catch((error: unknown) => context.logger.warn({ err: error, taskId: task.spec.id }, 'could not prune old run records'));
  return final;
}
