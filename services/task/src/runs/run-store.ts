import type { Collection, Scalar } from '@downcity/core';
import { FINAL_STATUSES, type RunRecord, type RunStatus } from './run-record.js';

/** Filters for {@link RunStore.list}. */
export interface RunQuery {
  /** Only runs of this task. */
  taskId?: string;
  /** Only runs with this status. */
  status?: RunStatus;
  /** At most this many, newest first (default 50). */
  limit?: number;
}

/** Run records in the `task:runs` collection, keyed by run id. */
export class RunStore {
  readonly #collection: Collection<RunRecord>;

  /** Wraps the collection. */
  constructor(collection: Collection<RunRecord>) {
    this.#collection = collection;
  }

  /** Stores a new record; `false` when a record with that id exists (the slot already ran or is running). */
  insert(record: RunRecord): Promise<boolean> {
    return this.#collection.insert(record.id, record);
  }

  /** Replaces a record. */
  put(record: RunRecord): Promise<void> {
    return this.#collection.put(record.id, record);
  }

  /** Returns a record or `undefined`. */
  get(runId: string): Promise<RunRecord | undefined> {
    return this.#collection.get(runId);
  }

  /** Lists records, newest first. */
  async list(query: RunQuery = {}): Promise<RunRecord[]> {
    const where: Record<string, Scalar> = {};
    if (query.taskId !== undefined) where.taskId = query.taskId;
    if (query.status !== undefined) where.status = query.status;
    const entries = await this.#collection.list({ where, orderBy: { field: 'createdAt', direction: 'desc' }, limit: query.limit ?? 50 });
    return entries.map((entry) => entry.value);
  }

  /** Every live (`queued` or `running`) record, oldest first. */
  async live(): Promise<RunRecord[]> {
    const [queued, running] = await Promise.all([this.list({ status: 'queued', limit: 100_000 }), this.list({ status: 'running', limit: 100_000 })]);
    return [...queued, ...running].sort((left, right) => left.createdAt.localeCompare(right.createdAt));
  }

  /** Whether a run of the task other than `exceptId` is live (`queued` or `running`), as stored now. */
  async hasLive(taskId: string, exceptId: string): Promise<boolean> {
    for (const status of ['running', 'queued'] as const) {
      const entries = await this.#collection.list({ where: { taskId, status }, limit: 2 });
      if (entries.some((entry) => entry.id !== exceptId)) return true;
    }
    return false;
  }

  /** Deletes the oldest final records of a task beyond the newest `keep`. */
  async prune(taskId: string, keep: number): Promise<void> {
    const entries = await this.#collection.list({ where: { taskId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: keep + 100 });
    for (const entry of entries.slice(keep)) {
      if (FINAL_STATUSES.has(entry.value.status)) await this.#collection.delete(entry.id);
    }
  }
}
