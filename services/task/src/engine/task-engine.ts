import { DowncityError, ErrorCodes, type ActionCall, type ExecutionContext, type PackageCluster } from '@downcity/core';
import { CancelRequests, type CancelRequest } from '../cluster/cancel-requests.js';
import { ClusterSync } from '../cluster/cluster-sync.js';
import { Permits } from '../cluster/permits.js';
import { handleRunJob, RUN_JOB, runJob } from '../cluster/run-job.js';
import type { TaskServiceConfig } from '../config.js';
import type { Clock } from '../schedule/clock.js';
import { Scheduler, type DueSlot } from '../schedule/scheduler.js';
import type { ScheduleState } from '../schedule/schedule-state.js';
import { executeRun } from '../runs/execute-run.js';
import { finalizeRun } from '../runs/finalize-run.js';
import { recoverRuns } from '../runs/recover-runs.js';
import type { RunControl, RunDependencies } from '../runs/run-dependencies.js';
import { RunErrorCodes } from '../runs/run-error.js';
import { iso, manualRunId, scheduledRunId } from '../runs/run-ids.js';
import { newRunRecord, type NewRun } from '../runs/new-run-record.js';
import { RunQueue, type QueuedRun } from '../runs/run-queue.js';
import { FINAL_STATUSES, type RunRecord } from '../runs/run-record.js';
import { RunStore } from '../runs/run-store.js';
import type { ScriptHandler } from '../runs/script-handler.js';
import { toTaskView, type StoredTask, type TaskEntry, type TaskView } from '../tasks/task-entry.js';
import { TaskPauses, type Pause } from '../tasks/task-pauses.js';
import { TaskRegistry } from '../tasks/task-registry.js';
import { RunWaiters } from './run-waiters.js';
import { canSee } from './visibility.js';

/** Options for {@link TaskEngine}. */
export interface TaskEngineOptions {
  /** The task service's context. */
  context: ExecutionContext<TaskServiceConfig>;
  /** The clock. */
  clock: Clock;
  /** Script handlers by name. */
  scripts: Readonly<Record<string, ScriptHandler>>;
}

type Caller = Pick<ActionCall, 'caller' | 'principal'>;

/** What the engine uses when the agent is one worker of a cluster (decision 0021). */
interface Shared {
  cluster: PackageCluster;
  sync: ClusterSync;
  cancels: CancelRequests;
  permits: Permits;
}

/**
 * The task service's engine: owns the registry, scheduler, queue and run store, and implements
 * what the actions expose. One per agent start; everything it starts is stopped by {@link TaskEngine.stop}.
 *
 * Alone, runs wait in an in-memory queue and a restart recovers them. In a cluster (`context.cluster`), every
 * worker schedules every task, a due slot is stored together with its run's job (the slot's run id makes the
 * insert succeed on one worker only), and the job runs on whichever worker is free (decision 0021).
 */
export class TaskEngine {
  readonly #context: ExecutionContext<TaskServiceConfig>;
  readonly #clock: Clock;
  readonly #runs: RunStore;
  readonly #tasks: TaskRegistry;
  readonly #pauses: TaskPauses;
  /** Pause and resume, one at a time, so a pause record and the scheduler never disagree. */
  #pausing: Promise<unknown> = Promise.resolve();
  readonly #scheduler: Scheduler;
  readonly #queue: RunQueue;
  readonly #deps: RunDependencies;
  readonly #waiters = new RunWaiters();
  readonly #submitting = new Map<string, number>();
  /** Runs not yet final, by task: what the overlap policy looks at. */
  readonly #live = new Map<string, Set<string>>();
  readonly #shared: Shared | undefined;
  #stopped = false;

  /** Builds the engine; nothing runs until {@link TaskEngine.start}. */
  constructor(options: TaskEngineOptions) {
    const { context, clock } = options;
    this.#context = context;
    this.#clock = clock;
    this.#runs = new RunStore(context.storage.collection<RunRecord>('runs'));
    this.#tasks = new TaskRegistry({ collection: context.storage.collection<StoredTask>('tasks'), configTasks: context.config.tasks, logger: context.logger });
    this.#pauses = new TaskPauses({ collection: context.storage.collection<Pause>('pauses'), logger: context.logger });
    const controls = new Map<string, RunControl>();
    const cluster = context.cluster;
    this.#shared = cluster && {
      cluster,
      sync: new ClusterSync({
        cluster,
        logger: context.logger,
        tasks: this.#tasks,
        pauses: this.#pauses,
        scheduler: () => this.#scheduler,
        waiters: this.#waiters,
        runs: this.#runs,
        controls,
        oneAtATime: (work) => this.#oneAtATime(work),
      }),
      cancels: new CancelRequests(context.storage.collection<CancelRequest>('cancels')),
      permits: new Permits(context.config.maxConcurrency),
    };
    const cancels = this.#shared?.cancels;
    this.#deps = {
      context,
      clock,
      runs: this.#runs,
      tasks: this.#tasks,
      scripts: options.scripts,
      controls,
      view: (task) => this.view(task),
      settled: (record) => this.#settled(record),
      ...(cancels ? { shared: { cancelRequestedBy: (runId: string) => cancels.by(runId) } } : {}),
    };
    this.#queue = new RunQueue({
      maxConcurrency: context.config.maxConcurrency,
      clock,
      execute: async (run) => {
        const result = await executeRun(this.#deps, run);
        if (result.retryAt === undefined) this.#untrack(run.taskId, run.runId);
        return result;
      },
    });
    this.#scheduler = new Scheduler({
      clock,
      states: context.storage.collection<ScheduleState>('schedule'),
      lateToleranceMs: context.config.lateToleranceMs,
      logger: context.logger,
      onSlot: (due) => this.#onSlot(due),
      ...(this.#shared ? { shared: this.#shared.sync } : {}),
    });
  }

  /** The registry of tasks. */
  get tasks(): TaskRegistry {
    return this.#tasks;
  }

  /** The clock. */
  get clock(): Clock {
    return this.#clock;
  }

  /** The run store. */
  get runs(): RunStore {
    return this.#runs;
  }

  /**
   * Loads tasks and pauses, recovers runs left by the previous process, then schedules every task that is not
   * paused. In a cluster there is nothing to recover (a run's job outlives its worker): it registers the job
   * handler and listens to the other workers instead.
   */
  async start(): Promise<void> {
    await this.#tasks.load();
    await this.#pauses.load((taskId) => this.#tasks.get(taskId) !== undefined);
    const shared = this.#shared;
    if (shared) {
      const deps = { ...this.#deps, cluster: shared.cluster, permits: shared.permits, cancels: shared.cancels, refreshTask: async (taskId: string) => void (await this.#tasks.refresh(taskId)) };
      shared.cluster.handle(RUN_JOB, (payload, job) => handleRunJob(deps, payload, job));
      await shared.sync.start();
    } else {
      await recoverRuns(this.#deps, (run) => this.#enqueue(run));
    }
    for (const task of this.#tasks.list()) {
      if (!this.#pauses.get(task.spec.id)) await this.#scheduler.add(task);
    }
  }

  /** Cancels timers, lets live attempts settle (they stay `running` and are recovered on the next start), and rejects waiters. */
  async stop(): Promise<void> {
    await this.#scheduler.stop();
    this.#stopped = true;
    for (const control of this.#deps.controls.values()) control.controller.abort(new DowncityError(ErrorCodes.ABORTED, 'The agent is stopping.'));
    await this.#queue.stop();
    await this.#shared?.sync.stop();
    this.#waiters.failAll(new DowncityError(ErrorCodes.AGENT_STATE, 'The agent stopped before the run finished; it resumes on the next start.'));
  }

  /** The public view of a task. */
  view(task: TaskEntry): TaskView {
    return toTaskView(task, this.#scheduler.nextFireAt(task.spec.id), this.#pauses.get(task.spec.id));
  }

  /**
   * The task, if the caller may see it; otherwise a not-found error. In a cluster, a task this worker does not
   * know yet (just created on another worker) is looked up in the store.
   */
  async visibleTask(taskId: string, call: Caller): Promise<TaskEntry> {
    const task = this.#tasks.get(taskId) ?? (this.#shared ? await this.#tasks.refresh(taskId) : undefined);
    if (!task || !canSee(task, call)) {
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `No task ${JSON.stringify(taskId)}. Use task/list to see the tasks you can manage.`, { details: { field: 'taskId' } });
    }
    return task;
  }

  /** The run, if the caller may see its task; otherwise a not-found error. */
  async visibleRun(runId: string, call: Caller): Promise<RunRecord> {
    const record = await this.#runs.get(runId);
    const task = record ? this.#tasks.get(record.taskId) : undefined;
    if (!record || (call.caller === 'model' && (!task || !canSee(task, call)))) {
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `No run ${JSON.stringify(runId)}. Use task/runs to list runs.`, { details: { field: 'runId' } });
    }
    return record;
  }

  /** Starts scheduling a newly created task; on failure the task is removed again so nothing is half-stored. */
  async schedule(task: TaskEntry): Promise<void> {
    try {
      await this.#scheduler.add(task);
    } catch (error) {
      await this.#scheduler.remove(task.spec.id, { forget: true });
      await this.#tasks.remove(task.spec.id);
      throw error;
    }
    await this.#shared?.sync.tell('created', task.spec.id);
  }

  /** Deletes a runtime task: cancels its live runs, forgets its schedule state and definition. Run records are kept. */
  async delete(task: TaskEntry, call: Caller): Promise<number> {
    await this.#scheduler.remove(task.spec.id, { forget: true });
    let cancelled = 0;
    for (const record of await this.#runs.live()) {
      if (record.taskId !== task.spec.id) continue;
      if ((await this.cancel(record, call)).cancelled) cancelled++;
    }
    await this.#pauses.delete(task.spec.id);
    await this.#tasks.remove(task.spec.id);
    await this.#shared?.sync.tell('deleted', task.spec.id);
    return cancelled;
  }

  /**
   * Pauses a task's schedule: the pause is stored first, then the timer stops, so no slot fires while paused,
   * across restarts too. Runs already queued or running go on (cancel them with `task/cancel`), and `task/run`
   * still runs the task. `false` when it was already paused.
   */
  pause(task: TaskEntry, call: Caller): Promise<boolean> {
    return this.#oneAtATime(async () => {
      const taskId = task.spec.id;
      if (task.spec.schedule.kind === 'manual') {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `Task ${JSON.stringify(taskId)} has no schedule to pause (schedule kind "manual"); it runs only when triggered.`, { details: { field: 'taskId' } });
      }
      if (!task.spec.enabled) {
        throw new DowncityError(ErrorCodes.INPUT_INVALID, `Task ${JSON.stringify(taskId)} is disabled (enabled: false), so it never runs; there is nothing to pause.`, { details: { field: 'taskId' } });
      }
      if (this.#shared) await this.#pauses.refresh(taskId);
      if (this.#pauses.get(taskId)) return false;
      await this.#pauses.set(taskId, { at: new Date(this.#clock.now()).toISOString(), by: call.principal?.id ?? call.caller });
      await this.#scheduler.remove(taskId);
      await this.#shared?.sync.tell('paused', taskId);
      return true;
    });
  }

  /**
   * Resumes a paused task: its schedule starts over from now (the next cron match, one interval from now, or the
   * one-shot time if it is still ahead); slots that passed while paused are not run. `false` when it was not paused.
   */
  resume(task: TaskEntry): Promise<boolean> {
    return this.#oneAtATime(async () => {
      // In a cluster the pause may have been made (or lifted) on another worker a moment ago.
      if (this.#shared) await this.#pauses.refresh(task.spec.id);
      if (!(await this.#pauses.delete(task.spec.id))) return false;
      const current = this.#tasks.get(task.spec.id);
      if (current) await this.#scheduler.add(current, { fresh: true });
      await this.#shared?.sync.tell('resumed', task.spec.id);
      return true;
    });
  }

  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#pausing.then(work);
    this.#pausing = result.catch(() => undefined);
    return result;
  }

  /** Queues a manual run now. */
  trigger(task: TaskEntry, call: Caller): Promise<RunRecord> {
    if (!task.spec.enabled) {
      throw new DowncityError(ErrorCodes.INPUT_INVALID, `Task ${JSON.stringify(task.spec.id)} is disabled (enabled: false). Enable it to run it.`, { details: { field: 'taskId' } });
    }
    const now = this.#clock.now();
    return this.#submit({ task, runId: manualRunId(task.spec.id, now), trigger: 'manual', scheduledFor: now, principal: call.principal ?? task.owner });
  }

  /** Cancels a queued or running run; a final run is returned unchanged with `cancelled: false`. */
  async cancel(record: RunRecord, call: Caller & { signal?: AbortSignal }): Promise<{ run: RunRecord; cancelled: boolean }> {
    if (FINAL_STATUSES.has(record.status)) return { run: record, cancelled: false };
    const by = call.principal?.id ?? call.caller;
    if (this.#shared) return this.#cancelShared(this.#shared, record, by, call.signal);
    const control = this.#deps.controls.get(record.id);
    if (control) {
      const done = this.waitFor(record.id, call.signal);
      control.reason = 'cancel';
      control.cancelledBy = by;
      control.controller.abort(new DowncityError(ErrorCodes.ABORTED, `Cancelled by ${by}.`));
      return { run: await done, cancelled: true };
    }
    this.#queue.remove(record.id);
    const run = await finalizeRun(this.#deps, this.#tasks.get(record.taskId), record, { status: 'cancelled', error: { code: ErrorCodes.ABORTED, message: `Cancelled by ${by}.` } });
    return { run, cancelled: true };
  }

  /**
   * Resolves with the run's final record. In a cluster the run may end on another worker: its `settled` event
   * wakes the waiter, and the record is also read again every few seconds in case that event was missed.
   */
  waitFor(runId: string, signal?: AbortSignal): Promise<RunRecord> {
    const waiting = this.#waiters.wait(runId, () => this.#runs.get(runId), signal);
    this.#shared?.sync.recheckWhile(runId, waiting);
    return waiting;
  }

  #enqueue(run: QueuedRun): void {
    const runs = this.#live.get(run.taskId) ?? new Set<string>();
    runs.add(run.runId);
    this.#live.set(run.taskId, runs);
    this.#queue.add(run);
  }

  #untrack(taskId: string, runId: string): void {
    const runs = this.#live.get(taskId);
    runs?.delete(runId);
    if (runs?.size === 0) this.#live.delete(taskId);
  }

  #settled(record: RunRecord): void {
    this.#untrack(record.taskId, record.id);
    this.#waiters.settle(record);
    this.#shared?.sync.settled(record.id);
  }

  #onSlot(due: DueSlot): Promise<void> {
    const task = this.#tasks.get(due.task.spec.id) ?? due.task;
    return this.#submit({ task, runId: scheduledRunId(task.spec.id, due.slot), trigger: due.trigger, scheduledFor: due.slot, principal: task.owner }).then(() => undefined);
  }

  /** Records a run (idempotently, by id) and queues it, or records it as skipped under overlap "skip". */
  async #submit(run: NewRun): Promise<RunRecord> {
    if (this.#stopped || this.#context.signal.aborted) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The task service is stopping.');
    if (this.#shared) return this.#submitShared(this.#shared, run);
    const { task } = run;
    const taskId = task.spec.id;
    const busy = this.#live.has(taskId) || (this.#submitting.get(taskId) ?? 0) > 0;
    const record = newRunRecord(run, this.#clock.now());
    this.#submitting.set(taskId, (this.#submitting.get(taskId) ?? 0) + 1);
    try {
      if (busy && task.spec.overlap === 'skip') return await this.#skip(task, record);
      if (!(await this.#runs.insert(record))) return (await this.#runs.get(record.id)) ?? record;
      this.#enqueue({ runId: record.id, taskId, notBefore: 0 });
      return record;
    } finally {
      const left = (this.#submitting.get(taskId) ?? 1) - 1;
      if (left > 0) this.#submitting.set(taskId, left);
      else this.#submitting.delete(taskId);
    }
  }

  /** Records a run as skipped under overlap "skip" (idempotently, by id). */
  async #skip(task: TaskEntry, record: RunRecord): Promise<RunRecord> {
    const skipped: RunRecord = {
      ...record,
      status: 'skipped',
      finishedAt: record.createdAt,
      error: { code: RunErrorCodes.OVERLAP, message: 'The previous run of this task was still queued or running (overlap: "skip").' },
    };
    if (!(await this.#runs.insert(skipped))) return (await this.#runs.get(record.id)) ?? skipped;
    await this.#context.plugins.effect('task/after-run', { task: this.view(task), run: skipped });
    this.#settled(skipped);
    return skipped;
  }

  /**
   * Cluster: stores the run and its first attempt's job in one transaction. Every worker offers a due slot; its run
   * id makes the insert succeed once, so the slot fires once. The overlap policy reads the live runs in the store.
   */
  async #submitShared(shared: Shared, run: NewRun): Promise<RunRecord> {
    const { task } = run;
    const record = newRunRecord(run, this.#clock.now());
    if (task.spec.overlap === 'skip' && (await this.#runs.hasLive(task.spec.id, record.id))) return this.#skip(task, record);
    if (await shared.cluster.insertAndEnqueue({ collection: 'runs', id: record.id, value: record }, runJob(record, 1))) return record;
    return (await this.#runs.get(record.id)) ?? record;
  }

  /**
   * Cluster: the cancel is stored (a worker that takes the run up later reads it), the worker running the run
   * hears it and aborts the attempt, and a queued run is cancelled at once.
   */
  async #cancelShared(shared: Shared, record: RunRecord, by: string, signal: AbortSignal | undefined): Promise<{ run: RunRecord; cancelled: boolean }> {
    await shared.cancels.ask(record.id, { by, at: iso(this.#clock.now()) });
    await shared.sync.cancel(record.id, by);
    const current = await this.#runs.get(record.id);
    if (current?.status === 'queued') {
      const run = await finalizeRun(this.#deps, this.#tasks.get(current.taskId), current, { status: 'cancelled', error: { code: ErrorCodes.ABORTED, message: `Cancelled by ${by}.` } });
      return { run, cancelled: run.status === 'cancelled' };
    }
    // Running here or elsewhere (or on a worker that died: the worker taking it over reads the request). A run that
    // ended before the wait began is read as it is.
    const run = await this.waitFor(record.id, signal);
    return { run, cancelled: run.status === 'cancelled' };
  }
}
