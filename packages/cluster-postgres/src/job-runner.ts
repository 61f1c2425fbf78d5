import type { ClusterJobHandler, ClusterJobRun, JsonObject, Logger } from '@downcity/core';
import { type Logger as GraphileLogger, type JobHelpers, run, type Runner, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import { clusterError, clusterErrorCodes } from './cluster-error.js';
import type { ClusterNames } from './names.js';

/** How long after a stop running jobs are given up (their handler's promise is no longer awaited). */
export const GRACEFUL_SHUTDOWN_ABORT_MS = 3000;
/** The wait before a runner that died (its database failed) is started again. */
const RESTART_DELAY_MS = 1000;

/** What {@link startJobRunner} needs. */
export interface JobRunnerOptions {
  /** The pool Graphile Worker uses (the store's). */
  pool: pg.Pool;
  /** The cluster's names. */
  names: ClusterNames;
  /** Jobs run at once. */
  concurrency: number;
  /** This cluster's worker id, given to handlers. */
  workerId: string;
  /** The handlers by task. */
  handlers: ReadonlyMap<string, ClusterJobHandler>;
  /** Where the runner's troubles are logged. */
  logger: Logger;
  /** Graphile Worker's own log lines. */
  graphileLogger: GraphileLogger;
  /**
   * Records the id Graphile Worker locks jobs with (its worker pool's id) as this worker's, so a sweeper can
   * release them when this process dies. Awaited before the pool takes its first job; retries until it works.
   */
  registerLocker(lockerId: string): Promise<void>;
}

/** A running Graphile Worker runner, started again when it dies. */
export interface JobRunner {
  /**
   * Stops taking jobs and waits for running ones (given up after {@link GRACEFUL_SHUTDOWN_ABORT_MS}). A job
   * whose attempt fails or is given up from the moment this is called is handed back once the runner has
   * stopped: unlocked with its place in its queue kept, for another worker to run next. If this process dies
   * before that, the sweeper of another worker releases it (its parked locker id is registered too).
   */
  stop(): Promise<void>;
}

/** A promise that rejects when `signal` aborts; `dispose` removes its listener. */
function abandonment(signal: AbortSignal, task: string): { promise: Promise<never>; dispose: () => void } {
  let dispose = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    const onAbort = (): void =>
      reject(clusterError(clusterErrorCodes.stopping, `The ${task} job was given up because this worker is stopping; another worker runs it again.`));
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  return { promise, dispose };
}

/** The locker id a job given back on stop is parked under until its runner has stopped (see {@link JobRunner.stop}). */
export function givenBackLocker(lockerId: string): string {
  return `${lockerId}:given-back`;
}

/** What the task wrappers need from their runner. */
interface TaskContext {
  /** Whether the runner is stopping (set synchronously when `stop()` is called). */
  stopping(): boolean;
  /** Parks a job this runner gave up while stopping, to hand it back once the runner has stopped. */
  park(jobId: string, lockerId: string, reason: string): Promise<void>;
}

/** Graphile's task list: each handler gets the payload and its {@link ClusterJobRun}. */
function taskList(handlers: ReadonlyMap<string, ClusterJobHandler>, workerId: string, context: TaskContext, logger: Logger): TaskList {
  const tasks: TaskList = {};
  for (const [task, handler] of handlers) {
    tasks[task] = async (payload: unknown, helpers: JobHelpers) => {
      const { job } = helpers;
      const attempt: ClusterJobRun = {
        jobId: String(job.id),
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        runnableAt: job.run_at.getTime(),
        workerId,
      };
      // A handler that ignores the agent's stop signal must not hold the shutdown forever: after Graphile's
      // abort timeout the attempt is given up even though the handler still runs.
      const work = handler(payload as JsonObject, attempt);
      const abandoned = abandonment(helpers.abortSignal, task);
      try {
        await Promise.race([work, abandoned.promise]);
      } catch (error) {
        // Failing while this worker stops (the agent aborts its signal and closes the cluster in one tick) is
        // no fault of the job: it is handed back with its place in its queue kept, instead of Graphile's
        // backoff, which would let the session's next jobs overtake it.
        if (context.stopping() && job.locked_by !== null) {
          const reason = `Given back: worker ${workerId} stopped during attempt ${job.attempts} (${(error as Error).message})`;
          await context.park(String(job.id), job.locked_by, reason).catch((parkError: unknown) => {
            logger.warn({ task, jobId: String(job.id), error: (parkError as Error).message }, 'Could not hand a job back; it is retried after a backoff');
          });
        }
        throw error;
      } finally {
        abandoned.dispose();
        work.catch(() => undefined);
      }
    };
  }
  return tasks;
}

/**
 * Starts Graphile Worker in library mode on the store's pool: the given handlers, `concurrency` jobs at once,
 * no signal handlers (the agent stops it), no crontab, and no local queue (Graphile's local queue breaks the
 * one-at-a-time order of named queues, graphile/worker#621). Before a Graphile worker pool takes its first
 * job, its locker id is registered (see {@link JobRunnerOptions.registerLocker}). A runner that dies because
 * its database failed is started again after a second. Jobs that fail while it stops are handed back (see
 * {@link JobRunner.stop}).
 *
 * @param options - see {@link JobRunnerOptions}
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  let stopping = false;
  let current: Runner | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  const { pool, names } = options;
  /** The lockers (Graphile pool ids) with jobs parked for hand-back, and how many. */
  const parked = new Map<string, number>();

  // Graphile fails a job the task threw on with a backoff, but only while the job is locked by its pool: moved
  // to the pool's given-back locker first, the job stays locked (and its queue too) and Graphile leaves it
  // alone. Graphile has no public function for one job, so this writes its `_private_jobs` table: the version
  // is pinned exactly and the tests cover it.
  const park = async (jobId: string, lockerId: string, reason: string): Promise<void> => {
    const { rowCount } = await pool.query(
      `UPDATE ${names.quotedSchema}._private_jobs SET locked_by = $3, last_error = $4 WHERE id = $1::bigint AND locked_by = $2`,
      [jobId, lockerId, givenBackLocker(lockerId), reason],
    );
    if ((rowCount ?? 0) > 0) parked.set(lockerId, (parked.get(lockerId) ?? 0) + 1);
  };

  /** Unlocks the parked jobs (and their queues) once their pool takes no more jobs: their place is kept. */
  const handBack = async (): Promise<void> => {
    for (const [lockerId, count] of parked) {
      await pool.query(`SELECT ${names.quotedSchema}.force_unlock_workers($1::text[]), pg_notify('jobs:insert', $2)`, [
        [lockerId, givenBackLocker(lockerId)],
        JSON.stringify({ count }),
      ]);
      parked.delete(lockerId);
      options.logger.info({ workerId: options.workerId, jobs: count }, 'Handed jobs given up on stop back; other workers run them next');
    }
  };

  const tasks = taskList(options.handlers, options.workerId, { stopping: () => stopping, park }, options.logger);

  const plugin: GraphileConfig.Plugin = {
    name: 'DowncityLivenessPlugin' as keyof GraphileConfig.Plugins,
    version: '0.0.0',
    description: 'Registers the id a Graphile worker pool locks jobs with before the pool takes a job.',
    worker: {
      hooks: {
        startWorker: async (_context, event) => {
          const lockerId = event.worker.workerPool.id;
          await options.registerLocker(lockerId);
          await options.registerLocker(givenBackLocker(lockerId));
        },
      },
    },
  };

  const restartLater = (): void => {
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      start().catch((error: unknown) => {
        options.logger.error({ workerId: options.workerId, error: (error as Error).message }, 'Could not start the job runner again; retrying');
        restartLater();
      });
    }, RESTART_DELAY_MS);
  };

  const start = async (): Promise<void> => {
    const runner = await run({
      pgPool: options.pool,
      schema: options.names.schema,
      concurrency: options.concurrency,
      noHandleSignals: true,
      taskList: tasks,
      parsedCronItems: [],
      logger: options.graphileLogger,
      gracefulShutdownAbortTimeout: GRACEFUL_SHUTDOWN_ABORT_MS,
      preset: { plugins: [plugin] },
    });
    current = runner;
    // The promise settles when the runner stops: asked to, or because its database failed.
    void runner.promise.then(() => {
      if (stopping || current !== runner) return;
      current = undefined;
      options.logger.error({ workerId: options.workerId }, 'The job runner stopped on a database failure; starting it again');
      restartLater();
    });
  };

  await start();
  return {
    async stop() {
      stopping = true;
      if (restartTimer !== undefined) clearTimeout(restartTimer);
      const runner = current;
      current = undefined;
      try {
        await runner?.stop();
      } catch (error) {
        options.logger.warn({ workerId: options.workerId, error: (error as Error).message }, 'The job runner did not stop cleanly');
      }
      await handBack();
    },
  };
}
