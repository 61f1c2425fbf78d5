/**
 * Runs async work one at a time per key, in call order; different keys run concurrently. Used in front
 * of the session queue so messages of one conversation are stored and queued in the order they arrived,
 * even when resolving their session takes different times.
 */
export class SerialQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after earlier work for `key` settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    const result = previous ? previous.then(work, work) : work();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
