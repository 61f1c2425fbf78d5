import { DowncityError, ErrorCodes, type ClusterJobRun, type JsonObject, type PackageCluster } from '@downcity/core';
import { z } from 'zod';
import { executeRun } from '../runs/execute-run.js';
import { finalizeRun } from '../runs/finalize-run.js';
import { interruptRun } from '../runs/interrupt-run.js';
import type { RunDependencies } from '../runs/run-dependencies.js';
import { FINAL_STATUSES, type RunRecord } from '../runs/run-record.js';
import type { CancelRequests } from './cancel-requests.js';
import type { Permits } from './permits.js';

/** The cluster task (`task/run`) that runs one attempt of a run. */
export const RUN_JOB = 'run';

/**
 * Tries of one job before the queue gives up on it. A try is used up only when a worker stops or dies during the
 * job, or its bookkeeping fails; the task's own `retries` are separate (each retry is a new job).
 */
export const RUN_JOB_MAX_ATTEMPTS = 25;

/** The payload of a `task/run` job: start attempt `attempt` of run `runId`. */
export const RunJobPayloadSchema = z.object({ runId: z.string().min(1), attempt: z.number().int().min(1) });

/** A `task/run` job payload. */
export type RunJobPayload = z.output<typeof RunJobPayloadSchema>;

/** The job's de-duplication key: one job per attempt of a run. */
export const runJobKey = (runId: string, attempt: number): string => `task/run/${runId}/${attempt}`;

/** The named queue of a task's jobs: its runs run one at a time, in order, across the cluster. */
export const taskQueue = (taskId: string): string => `task/${taskId}`;

/** The job that starts attempt `attempt` of `record`, no earlier than `runAt` (epoch ms). */
export function runJob(record: RunRecord, attempt: number, runAt?: number) {
  return {
    task: RUN_JOB,
    payload: { runId: record.id, attempt } satisfies RunJobPayload,
    key: runJobKey(record.id, attempt),
    queue: taskQueue(record.taskId),
    maxAttempts: RUN_JOB_MAX_ATTEMPTS,
    ...(runAt === undefined ? {} : { runAt }),
  };
}

/** What {@link handleRunJob} needs besides the run dependencies. */
export interface RunJobDependencies {
  /** The package's cluster. */
  cluster: PackageCluster;
  /** This worker's `maxConcurrency`. */
  permits: Permits;
  /** Cancels asked on any worker. */
  cancels: CancelRequests;
  /** Loads a task this worker does not know yet (created on another worker). */
  refreshTask(taskId: string): Promise<void>;
}

/**
 * Runs a `task/run` job: attempt `attempt` of the run, under this worker's `maxConcurrency`, with the task's
 * timeout; then, when the attempt failed and retries are left, the job of the next attempt at its backoff time.
 * Jobs of one task share a named queue, so no two of them run at once anywhere in the cluster; with that, the
 * stored run record says what to do, which makes the handler safe to run again (decision 0021):
 *
 * - the run is final, or a later attempt owns it: nothing;
 * - `queued` after attempt `attempt - 1`: attempt `attempt` starts (the `task/before-run` guard first when it is the first);
 * - `running` attempt `attempt`: this job's earlier try died with its worker; the attempt is recorded `interrupted`,
 *   as a restart does alone, and the run is retried (or fails `INTERRUPTED` without retries left);
 * - `queued` after attempt `attempt`: the next attempt's job may be missing (the worker died before adding it): it is added.
 *
 * Throws, so the job is tried again (on another worker when this one stops), when the agent stops mid-attempt.
 */
export async function handleRunJob(deps: RunDependencies & RunJobDependencies, payload: JsonObject, job: ClusterJobRun): Promise<void> {
  const { context } = deps;
  const parsed = RunJobPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.error({ jobId: job.jobId, payload }, 'dropping a task/run job with a malformed payload');
    return;
  }
  const { runId, attempt } = parsed.data;
  const release = await deps.permits.acquire(context.signal);
  try {
    let record = await deps.runs.get(runId);
    if (!record || FINAL_STATUSES.has(record.status)) {
      await deps.cancels.forget(runId);
      return;
    }
    if (!deps.tasks.get(record.taskId)) await deps.refreshTask(record.taskId);
    if (record.status === 'running') {
      if (record.attempt !== attempt) return;
      record = await takeOver(deps, record, job);
      if (FINAL_STATUSES.has(record.status)) return;
    }
    if (record.attempt === attempt) {
      await deps.cluster.enqueue(runJob(record, attempt + 1, retryTime(record)));
      return;
    }
    if (record.attempt !== attempt - 1) return;
    const result = await executeRun(deps, { runId, taskId: record.taskId, notBefore: 0 });
    if (result.unsettled) throw stopping(runId, context.signal);
    if (result.retryAt !== undefined) {
      await deps.cluster.enqueue(runJob(record, attempt + 1, result.retryAt));
      return;
    }
    await deps.cancels.forget(runId);
  } finally {
    release();
  }
}

/** This job's earlier try was running the attempt when its worker went away: cancel it if asked, else record it interrupted. */
async function takeOver(deps: RunDependencies & RunJobDependencies, record: RunRecord, job: ClusterJobRun): Promise<RunRecord> {
  const by = await deps.cancels.by(record.id);
  if (by !== undefined) {
    const at = new Date(deps.clock.now()).toISOString();
    const attempts = record.attempts.map((entry) => (entry.status === 'running' ? { ...entry, status: 'cancelled' as const, finishedAt: at } : entry));
    return finalizeRun(deps, deps.tasks.get(record.taskId), { ...record, attempts }, { status: 'cancelled', error: { code: ErrorCodes.ABORTED, message: `Cancelled by ${by}.` } });
  }
  deps.context.logger.info({ runId: record.id, attempt: record.attempt, jobAttempt: job.attempt }, 'a task run was interrupted on another worker; taking it over');
  return interruptRun(deps, record, 'The worker running this attempt stopped or died while it was in progress.');
}

const retryTime = (record: RunRecord): number | undefined => (record.retryAt === undefined ? undefined : Date.parse(record.retryAt));

const stopping = (runId: string, signal: AbortSignal): Error =>
  signal.aborted
    ? new DowncityError(ErrorCodes.AGENT_STATE, `The agent stopped while run ${JSON.stringify(runId)} was in progress; another worker takes it over.`)
    : new DowncityError(ErrorCodes.INTERNAL, `The bookkeeping of run ${JSON.stringify(runId)} failed; its job is tried again.`);
