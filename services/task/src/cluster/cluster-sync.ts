import { DowncityError, ErrorCodes, type Logger, type PackageCluster } from '@downcity/core';
import type { RunWaiters } from '../engine/run-waiters.js';
import type { RunControl } from '../runs/run-dependencies.js';
import { FINAL_STATUSES, type RunRecord } from '../runs/run-record.js';
import type { RunStore } from '../runs/run-store.js';
import type { Scheduler } from '../schedule/scheduler.js';
import type { TaskPauses } from '../tasks/task-pauses.js';
import type { TaskRegistry } from '../tasks/task-registry.js';
import { TaskEvents, type TaskEvent } from './task-events.js';

/** A change to a task that the other workers follow. */
export type TaskChange = 'created' | 'deleted' | 'paused' | 'resumed';

/** In a cluster, how often a waited-for run is read again in case its `settled` event was missed. */
const RECHECK_WAITERS_MS = 3_000;

/** What {@link ClusterSync} keeps in line with the other workers. */
export interface ClusterSyncOptions {
  /** The package's cluster. */
  cluster: PackageCluster;
  /** For events it cannot follow. */
  logger: Logger;
  /** This worker's tasks. */
  tasks: TaskRegistry;
  /** This worker's view of the pauses. */
  pauses: TaskPauses;
  /** This worker's scheduler (set once it exists). */
  scheduler: () => Scheduler;
  /** Callers waiting for runs here. */
  waiters: RunWaiters;
  /** The run records. */
  runs: RunStore;
  /** Attempts running in this process, by run id. */
  controls: ReadonlyMap<string, RunControl>;
  /** Runs pause/resume-like work one at a time with this worker's own pauses and resumes. */
  oneAtATime<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Keeps one worker's task service in line with the others (decision 0021): announces its task changes, follows
 * theirs, aborts an attempt running here when a cancel is asked anywhere, and wakes callers waiting here for a
 * run that ended on another worker.
 */
export class ClusterSync {
  readonly #options: ClusterSyncOptions;
  readonly #events: TaskEvents;
  #unsubscribe: (() => Promise<void>) | undefined;
  #stopped = false;

  /** Wraps the cluster; nothing is heard until {@link ClusterSync.start}. */
  constructor(options: ClusterSyncOptions) {
    this.#options = options;
    this.#events = new TaskEvents(options.cluster, options.logger);
  }

  /** Starts listening to the other workers. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.#events.subscribe((event) => this.#onEvent(event));
  }

  /** Stops listening. The cluster closed first (agent stop), so an error giving up the subscription changes nothing. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#unsubscribe?.().catch(() => undefined);
  }

  /** Tells the other workers about a change to a task (stored already). */
  tell(kind: TaskChange, taskId: string): Promise<void> {
    return this.#events.publish({ kind, taskId, from: this.#options.cluster.workerId });
  }

  /** Asks every worker (this one included) to abort the run's attempt if it runs there. */
  async cancel(runId: string, by: string): Promise<void> {
    this.#abortLocal(runId, by);
    await this.#events.publish({ kind: 'cancel', runId, by });
  }

  /** Tells the workers that a run became final (callers may wait for it elsewhere). */
  settled(runId: string): void {
    void this.#events.publish({ kind: 'settled', runId });
  }

  /** Whether a task's due slot may fire here, as stored now: not when it was paused or deleted on another worker. */
  async confirm(taskId: string): Promise<boolean> {
    if (await this.#options.pauses.refresh(taskId)) return false;
    return (await this.#options.tasks.refresh(taskId)) !== undefined;
  }

  /** Reads a waited-for run again every few seconds until `waiting` settles, in case its `settled` event was missed. */
  recheckWhile(runId: string, waiting: Promise<RunRecord>): void {
    const { runs, waiters } = this.#options;
    let timer: NodeJS.Timeout | undefined;
    let waited = false;
    const recheck = (): void => {
      timer = setTimeout(() => {
        void runs.get(runId).then(
          (record) => {
            if (record && FINAL_STATUSES.has(record.status)) waiters.settle(record);
            else if (!waited) recheck();
          },
          () => !waited && recheck(),
        );
      }, RECHECK_WAITERS_MS);
      timer.unref();
    };
    const stop = (): void => {
      waited = true;
      clearTimeout(timer);
    };
    waiting.then(stop, stop);
    recheck();
  }

  #abortLocal(runId: string, by: string): void {
    const control = this.#options.controls.get(runId);
    if (!control || control.controller.signal.aborted) return;
    control.reason = 'cancel';
    control.cancelledBy = by;
    control.controller.abort(new DowncityError(ErrorCodes.ABORTED, `Cancelled by ${by}.`));
  }

  #onEvent(event: TaskEvent): void {
    const { logger, runs, waiters } = this.#options;
    switch (event.kind) {
      case 'cancel':
        this.#abortLocal(event.runId, event.by);
        return;
      case 'settled':
        if (!waiters.has(event.runId)) return;
        void runs.get(event.runId).then(
          (record) => record && FINAL_STATUSES.has(record.status) && waiters.settle(record),
          (error: unknown) => logger.warn({ err: error, runId: event.runId }, 'could not read a run another worker finished'),
        );
        return;
      default:
        if (event.from === this.#options.cluster.workerId || this.#stopped) return;
        void this.#options.oneAtATime(() => this.#follow(event.kind, event.taskId)).catch((error: unknown) =>
          logger.warn({ err: error, taskId: event.taskId }, 'could not follow a task change made on another worker; it is picked up before the task next fires'),
        );
    }
  }

  /** Brings this worker's registry, pauses and schedule in line with a change made on another worker. */
  async #follow(kind: TaskChange, taskId: string): Promise<void> {
    const { tasks, pauses } = this.#options;
    const scheduler = this.#options.scheduler();
    if (kind === 'deleted') {
      await scheduler.remove(taskId);
      tasks.forget(taskId);
      pauses.forget(taskId);
      return;
    }
    const task = await tasks.refresh(taskId);
    const paused = await pauses.refresh(taskId);
    if (!task || paused) await scheduler.remove(taskId);
    else await scheduler.add(task);
  }
}
