import { interruptRun } from './interrupt-run.js';
import type { RunDependencies } from './run-dependencies.js';
import type { QueuedRun } from './run-queue.js';

/**
 * Rebuilds the queue on start. `queued` runs are queued again (a retry keeps its `retryAt`).
 * A `running` run was interrupted by a stop or crash: its attempt is recorded as `interrupted`
 * and, when the task has retries left, the run is retried right away; otherwise it fails with
 * code `INTERRUPTED`. (Not used in a cluster: there a run's job survives its worker, see `runJob`.)
 */
export async function recoverRuns(deps: RunDependencies, enqueue: (run: QueuedRun) => void): Promise<void> {
  const { context } = deps;
  for (const record of await deps.runs.live()) {
    if (record.status === 'queued') {
      enqueue({ runId: record.id, taskId: record.taskId, notBefore: record.retryAt ? Date.parse(record.retryAt) : 0 });
      continue;
    }
    const after = await interruptRun(deps, record, 'The agent stopped while this run was in progress.');
    if (after.status === 'queued') {
      enqueue({ runId: record.id, taskId: record.taskId, notBefore: Date.parse(after.retryAt ?? '') || 0 });
      context.logger.info({ runId: record.id, attempt: record.attempt }, 'interrupted task run will be retried');
    } else {
      context.logger.warn({ runId: record.id }, 'interrupted task run marked failed (no retries left)');
    }
  }
}
