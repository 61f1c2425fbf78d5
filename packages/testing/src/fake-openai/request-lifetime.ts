/**
 * Waits that end early when the request's client goes away or the server closes,
 * so a closing server never leaves a timer or a hanging promise behind.
 */
export class RequestLifetime {
  readonly #signal: AbortSignal;

  /**
   * @param signal - Aborted when the client disconnects or the server closes.
   */
  constructor(signal: AbortSignal) {
    this.#signal = signal;
  }

  /** Whether the client disconnected or the server closed. */
  get ended(): boolean {
    return this.#signal.aborted;
  }

  /**
   * Waits for `milliseconds` unless the request ends first.
   *
   * @param milliseconds - How long to wait; zero or less returns at once.
   * @returns `true` when the full time passed, `false` when the request ended.
   */
  sleep(milliseconds: number): Promise<boolean> {
    if (this.#signal.aborted) return Promise.resolve(false);
    if (milliseconds <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onEnd = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.#signal.removeEventListener('abort', onEnd);
        resolve(true);
      }, milliseconds);
      this.#signal.addEventListener('abort', onEnd, { once: true });
    });
  }

  /**
   * Waits until the request ends (client disconnect or server close).
   */
  untilEnded(): Promise<void> {
    if (this.#signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.#signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}
