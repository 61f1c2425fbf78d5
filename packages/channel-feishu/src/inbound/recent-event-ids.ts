/**
 * A bounded set of recently handled event_ids (oldest evicted first). Feishu redelivers an event
 * it did not see acknowledged, and the long connection may replay after a reconnect; this stops
 * the cheap repeats here, while the stable `messageId` lets the chat service dedupe durably.
 */
export class RecentEventIds {
  readonly #ids = new Set<string>();
  readonly #capacity: number;

  /** Remembers at most `capacity` ids. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Whether `id` was handled recently. */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Records `id` as handled. */
  add(id: string): void {
    this.#ids.delete(id);
    this.#ids.add(id);
    while (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next();
      if (oldest.done) break;
      this.#ids.delete(oldest.value);
    }
  }
}
