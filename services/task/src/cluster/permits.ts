import { DowncityError, ErrorCodes } from '@downcity/core';

/**
 * A counting limit for work in this process: at most `size` holders at once, the others wait in arrival
 * order. In a cluster, each worker keeps its own `maxConcurrency` with one of these.
 */
export class Permits {
  readonly #size: number;
  #held = 0;
  readonly #waiting: { grant: () => void; fail: (error: unknown) => void }[] = [];

  /** A limit of `size` holders. */
  constructor(size: number) {
    this.#size = size;
  }

  /** Waits for a permit; resolves with the function that gives it back (call it once). Rejects when `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason ?? new DowncityError(ErrorCodes.ABORTED, 'Stopped waiting for a run slot.'));
    if (this.#held < this.#size) {
      this.#held++;
      return Promise.resolve(this.#release());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.#release());
        },
        fail: reject,
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal.reason ?? new DowncityError(ErrorCodes.ABORTED, 'Stopped waiting for a run slot.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The permit passes straight to the next waiter, so the count stays the same.
      if (next) next.grant();
      else this.#held--;
    };
  }
}
