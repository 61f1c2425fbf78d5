import { finalizeRun } from './finalize-run.js';
import type { RunDependencies } from './run-dependencies.js';
import { RunErrorCodes } from './run-error.js';
import { iso } from './run-ids.js';
import type { QueuedRun } from './run-queue.js';

/**
 * Rebuilds the queue on start. `queued` runs are queued again (a retry keeps its `retryAt`).
 * A `running` run was interrupted by a stop or crash: its attempt is recorded as `interrupted`
 * and, when the task has retries left, the run is retried right away; otherwise it fails with
 * code `INTERRUPTED`.
 */
export async function recoverRuns(deps: RunDependencies, enqueue: (run: QueuedRun) => void): Promise<void> {
  const { clock, runs, context } = deps;
  for (const record of await runs.live()) {
    if (record.status === 'queued') {
      enqueue({ runId: record.id, taskId: record.taskId, notBefore: record.retryAt ? Date.parse(record.retryAt) : 0 });
      continue;
    }
    const now = clock.now();
    const error = { code: RunErrorCodes.INTERRUPTED, message: 'The agent stopped while this run was in progress.' };
    const attempts = record.attempts.map((entry) => (entry.status === 'running' ? { ...entry, status: 'interrupted' as const, finishedAt: iso(now), error } : entry));
    const task = deps.tasks.get(record.taskId);
    if (task && record.attempt < record.maxAttempts) {
      await runs.put({ ...record, attempts, status: 'queued', retryAt: iso(now), error });
      enqueue({ runId: record.id, taskId: record.taskId, notBefore: now });
      context.logger.info({ runId: record.id, attempt: record.attempt }, 'interrupted task run will be retried');
    } else {
      await finalizeRun(deps, task, { ...record, attempts }, { status: 'failed', error });
      context.logger.warn({ runId: record.id }, 'interrupted task run marked failed (no retries left)');
    }
  }
}
