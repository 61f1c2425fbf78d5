import { DowncityError, ErrorCodes } from '@downcity/core';
import { FINAL_STATUSES, type RunRecord } from '../runs/run-record.js';

interface Waiter {
  done(record: RunRecord): void;
  fail(error: unknown): void;
}

/** Callers waiting for runs to become final (`task/run` with `wait`, `task/cancel`). */
export class RunWaiters {
  readonly #waiters = new Map<string, Set<Waiter>>();

  /**
   * Resolves with the run's final record. `current` reads the record now, so a run that became
   * final before the wait began resolves at once. Rejects when `signal` aborts.
   */
  wait(runId: string, current: () => Promise<RunRecord | undefined>, signal?: AbortSignal): Promise<RunRecord> {
    return new Promise<RunRecord>((resolve, reject) => {
      const waiters = this.#waiters.get(runId) ?? new Set<Waiter>();
      this.#waiters.set(runId, waiters);
      const onAbort = (): void => waiter.fail(signal?.reason ?? new DowncityError(ErrorCodes.ABORTED, 'Stopped waiting for the run.'));
      const waiter: Waiter = {
        done: (record) => {
          signal?.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          resolve(record);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          reject(error);
        },
      };
      waiters.add(waiter);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      current().then((record) => {
        if (record && FINAL_STATUSES.has(record.status)) waiter.done(record);
      }, waiter.fail);
    });
  }

  /** Whether anyone waits for this run. */
  has(runId: string): boolean {
    return (this.#waiters.get(runId)?.size ?? 0) > 0;
  }

  /** Resolves everyone waiting for this run. */
  settle(record: RunRecord): void {
    const waiters = this.#waiters.get(record.id);
    this.#waiters.delete(record.id);
    for (const waiter of waiters ?? []) waiter.done(record);
  }

  /** Rejects every waiter (the agent is stopping). */
  failAll(error: unknown): void {
    for (const waiters of this.#waiters.values()) for (const waiter of waiters) waiter.fail(error);
    this.#waiters.clear();
  }
}
