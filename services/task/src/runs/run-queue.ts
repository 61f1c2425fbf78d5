import type { Clock } from '../schedule/clock.js';

/** A run waiting for a free slot. */
export interface QueuedRun {
  /** The run id. */
  runId: string;
  /** The task, for per-task ordering. */
  taskId: string;
  /** Not before this time, epoch ms (a retry waiting out its backoff); 0 for now. */
  notBefore: number;
}

/** What an execution asks the queue to do next. */
export interface ExecutionResult {
  /** Run the same run again at this time (a retry). */
  retryAt?: number;
  /**
   * The run was left neither final nor queued for a retry: the agent stopped mid-attempt, or its bookkeeping
   * failed. Alone, the next start recovers it; in a cluster its job is tried again on another worker.
   */
  unsettled?: true;
}

/** Options for {@link RunQueue}. */
export interface RunQueueOptions {
  /** Runs executing at once, across tasks. */
  maxConcurrency: number;
  /** For retry waits. */
  clock: Clock;
  /** Executes one attempt of a run. Never rejects. */
  execute(run: QueuedRun): Promise<ExecutionResult>;
}

/**
 * The in-memory queue in front of execution: at most `maxConcurrency` runs at once, at most one
 * run per task at once, runs of one task in order (a retry keeps its place ahead of later runs).
 * Its contents are rebuilt from `queued` run records on start.
 */
export class RunQueue {
  readonly #options: RunQueueOptions;
  readonly #waiting: QueuedRun[] = [];
  readonly #active = new Map<string, { run: QueuedRun; done: Promise<void> }>();
  #cancelTimer: (() => void) | undefined;
  #stopped = false;

  /** Creates an empty queue. */
  constructor(options: RunQueueOptions) {
    this.#options = options;
  }

  /** Runs executing now. */
  get activeCount(): number {
    return this.#active.size;
  }

  /** Adds a run at the back (or, for a retry, the front) and starts what can start. */
  add(run: QueuedRun, options: { front?: boolean } = {}): void {
    if (this.#stopped || this.#active.has(run.runId) || this.#waiting.some((entry) => entry.runId === run.runId)) return;
    if (options.front) this.#waiting.unshift(run);
    else this.#waiting.push(run);
    this.#pump();
  }

  /** Removes a waiting run; `false` when it is not waiting (running, or unknown). */
  remove(runId: string): boolean {
    const index = this.#waiting.findIndex((entry) => entry.runId === runId);
    if (index < 0) return false;
    this.#waiting.splice(index, 1);
    this.#pump();
    return true;
  }

  /** Stops starting runs and waits for executing ones to settle. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#waiting.length = 0;
    await Promise.all([...this.#active.values()].map((entry) => entry.done));
  }

  #pump(): void {
    if (this.#stopped) return;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    const now = this.#options.clock.now();
    const blocked = new Set<string>();
    for (const { run } of this.#active.values()) blocked.add(run.taskId);
    let wakeAt: number | undefined;
    // A copy: starting a run removes it from the waiting list.
    for (const run of this.#waiting.slice()) {
      if (this.#active.size >= this.#options.maxConcurrency) break;
      if (blocked.has(run.taskId)) continue;
      blocked.add(run.taskId);
      if (run.notBefore > now) {
        wakeAt = Math.min(wakeAt ?? run.notBefore, run.notBefore);
        continue;
      }
      this.#waiting.splice(this.#waiting.indexOf(run), 1);
      this.#start(run);
    }
    if (wakeAt !== undefined) this.#cancelTimer = this.#options.clock.setTimer(wakeAt, () => this.#pump());
  }

  #start(run: QueuedRun): void {
    const done = this.#options.execute(run).then((result) => {
      this.#active.delete(run.runId);
      if (result.retryAt !== undefined) this.add({ ...run, notBefore: result.retryAt }, { front: true });
      else this.#pump();
    });
    this.#active.set(run.runId, { run, done });
  }
}
