import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Serializes work per key in arrival order; different keys run concurrently. Re-entrant: work
 * already running for a key may run more work for the same key without deadlock.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #held = new AsyncLocalStorage<ReadonlySet<string>>();
  #active = 0;

  /** The number of keys with work queued or running. */
  get size(): number {
    return this.#tails.size;
  }

  /** The number of work items running or waiting. */
  get active(): number {
    return this.#active;
  }

  /** Runs `work` after all earlier work for `key` has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const held = this.#held.getStore();
    if (held?.has(key)) return work();
    const previous = this.#tails.get(key);
    const nextHeld = new Set(held ?? []).add(key);
    const execute = (): Promise<T> => this.#held.run(nextHeld, work);
    this.#active++;
    const result = previous ? previous.then(execute, execute) : execute();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      this.#active--;
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves when no work is running or queued. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}
