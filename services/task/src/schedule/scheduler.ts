import { DowncityError, ErrorCodes, type Collection, type Logger } from '@downcity/core';
import type { TaskEntry } from '../tasks/task-entry.js';
import type { Clock } from './clock.js';
import { firstFire, scheduleKey } from './next-fire.js';
import { planDue } from './plan-due.js';
import { ScheduleStateSchema, type ScheduleState } from './schedule-state.js';

/** A slot the scheduler hands over to be run. */
export interface DueSlot {
  /** The task. */
  task: TaskEntry;
  /** The slot time, epoch ms; with the task id, the run's idempotency key. */
  slot: number;
  /** On time, or a catch-up for a slot missed while the agent was down. */
  trigger: 'schedule' | 'catch-up';
}

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  /** The clock timers are set on. */
  clock: Clock;
  /** Persisted state per task (`task:schedule`). */
  states: Collection<ScheduleState>;
  /** How late a slot may be and still run as on time. */
  lateToleranceMs: number;
  /** For missed slots and failures. */
  logger: Logger;
  /** Records and queues a due slot. Must be idempotent per (task, slot). */
  onSlot(due: DueSlot): Promise<void>;
  /**
   * Set when this scheduler is one of several (one per worker of a cluster) sharing `states`: before it acts
   * on a due slot it re-reads the stored state and follows it when another worker already moved past the slot,
   * and it first asks `confirm` whether the task is still scheduled (not paused or deleted on another worker).
   */
  shared?: {
    /** `false` when the task must no longer fire here: the entry is dropped and nothing is stored. */
    confirm(taskId: string): Promise<boolean>;
  };
}

interface Entry {
  task: TaskEntry;
  nextFireAt: number | undefined;
  lastSlot: number | undefined;
  key: string;
  cancelTimer?: () => void;
}

/**
 * Arms one timer per scheduled task and hands due slots to `onSlot`. The timer is re-armed
 * synchronously when it fires; persistence for one task is serialized: the run record is written
 * before the state that moves past its slot, so a crash in between re-offers the slot and the
 * run record's id makes the second offer a no-op.
 *
 * With `shared` (a cluster), every worker runs one of these on the same state: the first state of a task is
 * inserted (the first worker's wins, so an interval has one phase across workers), and a worker that finds the
 * stored state already past the slot it woke up for follows it instead of acting (decision 0021).
 */
export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #chains = new Map<string, Promise<void>>();
  #stopped = false;

  /** Creates a scheduler with no tasks. */
  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  /**
   * Schedules a task: restores or creates its state, handles slots that passed while down, arms its timer.
   * With `fresh`, the stored next slot is ignored and the schedule starts over from now (a resumed task:
   * slots that passed while it was paused are neither run nor caught up).
   */
  async add(task: TaskEntry, options: { fresh?: boolean } = {}): Promise<void> {
    if (this.#stopped || !task.spec.enabled || task.spec.schedule.kind === 'manual') return;
    const { clock, states, logger } = this.#options;
    const id = task.spec.id;
    const key = scheduleKey(task.spec.schedule);
    const raw = await states.get(id);
    const stored = ScheduleStateSchema.safeParse(raw);
    let state = stored.success ? stored.data : undefined;
    let entry: Entry;
    if (state && state.scheduleKey === key && !options.fresh) {
      entry = { task, key, nextFireAt: state.nextFireAt ?? undefined, lastSlot: state.lastSlot ?? undefined };
    } else {
      const now = clock.now();
      const first = firstFire(task.spec.schedule, now);
      if (first === undefined && task.spec.schedule.kind === 'at') {
        logger.warn({ taskId: id, at: task.spec.schedule.at }, 'one-shot task time is already in the past; it will not run');
      }
      entry = { task, key, nextFireAt: first, lastSlot: state?.lastSlot ?? undefined };
      if (raw !== undefined || options.fresh) await states.put(id, this.#stateOf(entry));
      else if (!(await states.insert(id, this.#stateOf(entry)))) {
        // Another worker stored the first state meanwhile: follow it, so the schedule has one phase.
        const theirs = ScheduleStateSchema.safeParse(await states.get(id));
        state = theirs.success ? theirs.data : undefined;
        if (state && state.scheduleKey === key) entry = { task, key, nextFireAt: state.nextFireAt ?? undefined, lastSlot: state.lastSlot ?? undefined };
      }
    }
    this.#remove(id);
    this.#entries.set(id, entry);
    this.#evaluate(entry);
  }

  /** Stops scheduling a task; with `forget`, its persisted state is deleted too. */
  async remove(taskId: string, options: { forget?: boolean } = {}): Promise<void> {
    this.#remove(taskId);
    await this.#chains.get(taskId);
    if (options.forget) await this.#options.states.delete(taskId);
  }

  /** The next slot of a task, epoch ms, or `undefined`. */
  nextFireAt(taskId: string): number | undefined {
    return this.#entries.get(taskId)?.nextFireAt;
  }

  /** Cancels every timer and waits for pending persistence. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const id of this.#entries.keys()) this.#remove(id);
    await Promise.all(this.#chains.values());
  }

  #remove(taskId: string): void {
    const entry = this.#entries.get(taskId);
    entry?.cancelTimer?.();
    this.#entries.delete(taskId);
  }

  #stateOf(entry: Entry): ScheduleState {
    return { scheduleKey: entry.key, nextFireAt: entry.nextFireAt ?? null, lastSlot: entry.lastSlot ?? null, updatedAt: this.#options.clock.now() };
  }

  #arm(entry: Entry): void {
    entry.cancelTimer?.();
    delete entry.cancelTimer;
    if (entry.nextFireAt !== undefined) entry.cancelTimer = this.#options.clock.setTimer(entry.nextFireAt, () => this.#evaluate(entry));
  }

  #evaluate(entry: Entry): void {
    if (this.#stopped || this.#entries.get(entry.task.spec.id) !== entry) return;
    const { clock, logger } = this.#options;
    const previous = entry.nextFireAt;
    const plan = planDue({
      schedule: entry.task.spec.schedule,
      nextFireAt: previous,
      now: clock.now(),
      lateToleranceMs: this.#options.lateToleranceMs,
      missed: entry.task.spec.missed,
    });
    entry.nextFireAt = plan.next;
    this.#arm(entry);
    if (previous === plan.next) return;
    const taskId = entry.task.spec.id;
    const lastSlot = entry.lastSlot;
    entry.lastSlot = plan.run?.slot ?? (previous === undefined ? entry.lastSlot : previous);
    const state = this.#stateOf(entry);
    const run = plan.run;
    this.#serial(taskId, async () => {
      if (this.#options.shared && !(await this.#stillOurs(entry, previous, lastSlot))) return;
      if (plan.dropped) {
        logger.info({ taskId, policy: entry.task.spec.missed, firstMissed: new Date(previous ?? 0).toISOString() }, 'slots missed while the agent was down');
      }
      if (run) await this.#options.onSlot({ task: entry.task, slot: run.slot, trigger: run.trigger });
      await this.#options.states.put(taskId, state);
    });
  }

  /**
   * Shared mode: whether this worker should act on the slot `previous` it woke up for. Not when the task was
   * paused or deleted on another worker (the entry is dropped), nor when the stored state is already past
   * `previous` (another worker handled it: this entry follows the stored state and re-arms its timer).
   */
  async #stillOurs(entry: Entry, previous: number | undefined, lastSlot: number | undefined): Promise<boolean> {
    const taskId = entry.task.spec.id;
    if (!(await this.#options.shared?.confirm(taskId))) {
      if (this.#entries.get(taskId) === entry) this.#remove(taskId);
      return false;
    }
    const stored = ScheduleStateSchema.safeParse(await this.#options.states.get(taskId));
    if (!stored.success || stored.data.scheduleKey !== entry.key || previous === undefined) return true;
    const theirs = stored.data.nextFireAt;
    if (theirs !== null && theirs <= previous) return true;
    const ours = entry.nextFireAt;
    if (this.#entries.get(taskId) === entry && !this.#stopped && (theirs === null || ours === undefined || theirs > ours)) {
      entry.nextFireAt = theirs ?? undefined;
      entry.lastSlot = stored.data.lastSlot ?? lastSlot;
      this.#arm(entry);
    }
    return false;
  }

  #serial(taskId: string, work: () => Promise<void>): void {
    const previous = this.#chains.get(taskId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => {
        // Stopping: the slot stays due (its state is not moved past it) for the next start or another worker.
        if (DowncityError.is(error, ErrorCodes.AGENT_STATE)) this.#options.logger.debug({ taskId }, 'a due slot was left for the next start: the agent is stopping');
        else this.#options.logger.error({ err: error, taskId }, 'could not record a due slot; it is offered again after a restart');
      });
    this.#chains.set(taskId, next);
    void next.finally(() => {
      if (this.#chains.get(taskId) === next) this.#chains.delete(taskId);
    });
  }
}
