import { finalizeRun } from './finalize-run.js';
import type { RunDependencies } from './run-dependencies.js';
import { RunErrorCodes } from './run-error.js';
import { iso } from './run-ids.js';
import type { RunRecord } from './run-record.js';

/**
 * Records that a `running` run's attempt was interrupted (the process running it stopped or died): the attempt
 * becomes `interrupted` with code `INTERRUPTED`; when the task has retries left the run goes back to `queued`
 * with its next attempt due now, otherwise it fails with that error. Returns the stored record.
 *
 * @param deps - the run dependencies
 * @param record - the run, as stored with status `running`
 * @param message - why, for the run's error
 */
export async function interruptRun(deps: RunDependencies, record: RunRecord, message: string): Promise<RunRecord> {
  const { clock, runs } = deps;
  const now = clock.now();
  const error = { code: RunErrorCodes.INTERRUPTED, message };
  const attempts = record.attempts.map((entry) => (entry.status === 'running' ? { ...entry, status: 'interrupted' as const, finishedAt: iso(now), error } : entry));
  const task = deps.tasks.get(record.taskId);
  if (task && record.attempt < record.maxAttempts) {
    const queued: RunRecord = { ...record, attempts, status: 'queued', retryAt: iso(now), error };
    await runs.put(queued);
    return queued;
  }
  return finalizeRun(deps, task, { ...record, attempts }, { status: 'failed', error });
}
