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
  /** Stops taking jobs and waits for running ones (given up after {@link GRACEFUL_SHUTDOWN_ABORT_MS}). */
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

/** Graphile's task list: each handler gets the payload and its {@link ClusterJobRun}. */
function taskList(handlers: ReadonlyMap<string, ClusterJobHandler>, workerId: string): TaskList {
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
      // abort timeout the attempt fails (and is retried elsewhere) even though the handler still runs.
      const work = handler(payload as JsonObject, attempt);
      const abandoned = abandonment(helpers.abortSignal, task);
      try {
        await Promise.race([work, abandoned.promise]);
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
 * its database failed is started again after a second.
 *
 * @param options - see {@link JobRunnerOptions}
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  let stopping = false;
  let current: Runner | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  const tasks = taskList(options.handlers, options.workerId);

  const plugin: GraphileConfig.Plugin = {
    name: 'DowncityLivenessPlugin' as keyof GraphileConfig.Plugins,
    version: '0.0.0',
    description: 'Registers the id a Graphile worker pool locks jobs with before the pool takes a job.',
    worker: {
      hooks: {
        startWorker: async (_context, event) => {
          await options.registerLocker(event.worker.workerPool.id);
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
      if (runner === undefined) return;
      try {
        await runner.stop();
      } catch (error) {
        options.logger.warn({ workerId: options.workerId, error: (error as Error).message }, 'The job runner did not stop cleanly');
      }
    },
  };
}
