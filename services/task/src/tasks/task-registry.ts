import { DowncityError, ErrorCodes, type Collection, type Logger } from '@downcity/core';
import { StoredTaskSchema, type StoredTask, type TaskEntry } from './task-entry.js';
import type { TaskSpec } from './task-spec.js';

/** Options for {@link TaskRegistry}. */
export interface TaskRegistryOptions {
  /** Runtime tasks (`task:tasks`). */
  collection: Collection<StoredTask>;
  /** Tasks from config. */
  configTasks: readonly TaskSpec[];
  /** For stored tasks that no longer validate. */
  logger: Logger;
}

/** Every task the service knows: config tasks plus runtime tasks from the store. */
export class TaskRegistry {
  readonly #options: TaskRegistryOptions;
  readonly #entries = new Map<string, TaskEntry>();

  /** Creates an empty registry; call {@link TaskRegistry.load}. */
  constructor(options: TaskRegistryOptions) {
    this.#options = options;
  }

  /** Loads config tasks, then stored runtime tasks. A stored task that fails validation or collides with a config id is logged and left out. */
  async load(): Promise<void> {
    this.#entries.clear();
    for (const spec of this.#options.configTasks) this.#entries.set(spec.id, { spec, source: 'config' });
    for (const { id, value } of await this.#options.collection.list({ limit: 100_000 })) {
      const parsed = StoredTaskSchema.safeParse(value);
      if (!parsed.success) {
        this.#options.logger.error({ taskId: id, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'stored task no longer validates; it will not run until recreated');
        continue;
      }
      if (this.#entries.has(id)) {
        this.#options.logger.warn({ taskId: id }, 'a config task has the same id as a task created at runtime; the config task wins');
        continue;
      }
      const stored = parsed.data;
      this.#entries.set(id, { spec: stored.spec, source: 'runtime', createdBy: stored.createdBy, createdAt: stored.createdAt, ...(stored.owner ? { owner: stored.owner } : {}) });
    }
  }

  /**
   * Reads one task again from the store (in a cluster, another worker may have created or deleted it) and
   * returns it; config tasks are taken as they are.
   */
  async refresh(taskId: string): Promise<TaskEntry | undefined> {
    const known = this.#entries.get(taskId);
    if (known?.source === 'config') return known;
    const parsed = StoredTaskSchema.safeParse(await this.#options.collection.get(taskId));
    if (!parsed.success) {
      this.#entries.delete(taskId);
      return undefined;
    }
    const stored = parsed.data;
    const entry: TaskEntry = { spec: stored.spec, source: 'runtime', createdBy: stored.createdBy, createdAt: stored.createdAt, ...(stored.owner ? { owner: stored.owner } : {}) };
    this.#entries.set(taskId, entry);
    return entry;
  }

  /** Drops a runtime task from this process only (it was deleted on another worker). */
  forget(taskId: string): void {
    if (this.#entries.get(taskId)?.source === 'runtime') this.#entries.delete(taskId);
  }

  /** The task, or `undefined`. */
  get(taskId: string): TaskEntry | undefined {
    return this.#entries.get(taskId);
  }

  /** Every task, config tasks first. */
  list(): TaskEntry[] {
    return [...this.#entries.values()];
  }

  /** How many runtime tasks exist. */
  get runtimeCount(): number {
    let count = 0;
    for (const entry of this.#entries.values()) if (entry.source === 'runtime') count++;
    return count;
  }

  /** Stores a new runtime task; fails when the id is taken. */
  async add(entry: TaskEntry & { source: 'runtime'; createdBy: string; createdAt: string }): Promise<void> {
    const taken = (): DowncityError =>
      new DowncityError(ErrorCodes.INPUT_INVALID, `A task with id ${JSON.stringify(entry.spec.id)} already exists. Pick another id, or delete that task first.`, {
        details: { field: 'id' },
      });
    if (this.#entries.has(entry.spec.id)) throw taken();
    const stored: StoredTask = { spec: entry.spec, createdBy: entry.createdBy, createdAt: entry.createdAt, ...(entry.owner ? { owner: entry.owner } : {}) };
    if (!(await this.#options.collection.insert(entry.spec.id, stored))) throw taken();
    this.#entries.set(entry.spec.id, entry);
  }

  /** Removes a runtime task from the store and the registry. */
  async remove(taskId: string): Promise<void> {
    await this.#options.collection.delete(taskId);
    this.#entries.delete(taskId);
  }
}
