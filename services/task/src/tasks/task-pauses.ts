import type { Collection, Logger } from '@downcity/core';
import { z } from 'zod';

/** Why a task is paused: when and by whom. Stored in the `task:pauses` collection under the task id. */
export const PauseSchema = z
  .object({
    at: z.string().describe('When the task was paused, ISO.'),
    by: z.string().describe('Who paused it: a principal id, or the calling package (`console`, `agent`, ...).'),
  })
  .describe('Set while the task is paused: its schedule does not fire; task/run still runs it.');

/** A task's pause. */
export type Pause = z.output<typeof PauseSchema>;

/**
 * Paused tasks, persisted so a pause outlives restarts. Works for config and runtime tasks alike:
 * the pause is runtime state next to the definition, not part of it (unlike `enabled`).
 */
export class TaskPauses {
  readonly #collection: Collection<Pause>;
  readonly #logger: Logger;
  readonly #paused = new Map<string, Pause>();

  /** Wraps the collection; call {@link TaskPauses.load}. */
  constructor(options: { collection: Collection<Pause>; logger: Logger }) {
    this.#collection = options.collection;
    this.#logger = options.logger;
  }

  /** Loads the pauses of `known` tasks; pauses of tasks that no longer exist are deleted, so a task defined again later starts unpaused. */
  async load(known: (taskId: string) => boolean): Promise<void> {
    this.#paused.clear();
    for (const { id, value } of await this.#collection.list({ limit: 100_000 })) {
      const parsed = PauseSchema.safeParse(value);
      if (parsed.success && known(id)) {
        this.#paused.set(id, parsed.data);
        continue;
      }
      this.#logger.info({ taskId: id }, 'dropping the pause of a task that no longer exists');
      await this.#collection.delete(id);
    }
  }

  /** Reads the task's pause again from the store (in a cluster, another worker may have changed it) and returns it. */
  async refresh(taskId: string): Promise<Pause | undefined> {
    const parsed = PauseSchema.safeParse(await this.#collection.get(taskId));
    if (parsed.success) this.#paused.set(taskId, parsed.data);
    else this.#paused.delete(taskId);
    return parsed.success ? parsed.data : undefined;
  }

  /** The task's pause, or `undefined` when it runs on schedule. */
  get(taskId: string): Pause | undefined {
    return this.#paused.get(taskId);
  }

  /** Stores a pause (before the caller stops the schedule, so a crash in between leaves the task paused). */
  async set(taskId: string, pause: Pause): Promise<void> {
    await this.#collection.put(taskId, pause);
    this.#paused.set(taskId, pause);
  }

  /** Drops a pause from this process only (its task was deleted on another worker). */
  forget(taskId: string): void {
    this.#paused.delete(taskId);
  }

  /** Forgets a pause; `false` when the task was not paused. */
  async delete(taskId: string): Promise<boolean> {
    if (!this.#paused.has(taskId)) return false;
    await this.#collection.delete(taskId);
    this.#paused.delete(taskId);
    return true;
  }
}
