import type { InboundOutcome } from '../../channel/channel.js';

/** Someone waiting for the reply to an inbound message: an open HTTP request. */
export interface ReplyWaiter {
  /** Whether it wants live deltas (SSE). */
  readonly streaming: boolean;
  /** A live text delta. */
  delta(text: string): void;
  /** The chat service is done with the message. */
  settled(outcome: InboundOutcome): void;
  /** The channel is shutting down. */
  abort(): void;
}

/** Open requests by inbound message id. */
export class PendingReplies {
  readonly #byMessage = new Map<string, Set<ReplyWaiter>>();

  /** Adds a waiter; returns its removal. */
  add(messageId: string, waiter: ReplyWaiter): () => void {
    let waiters = this.#byMessage.get(messageId);
    if (!waiters) this.#byMessage.set(messageId, (waiters = new Set()));
    waiters.add(waiter);
    return () => {
      waiters.delete(waiter);
      if (waiters.size === 0 && this.#byMessage.get(messageId) === waiters) this.#byMessage.delete(messageId);
    };
  }

  /** The waiters for a message. */
  get(messageId: string | undefined): ReplyWaiter[] {
    const waiters = messageId === undefined ? undefined : this.#byMessage.get(messageId);
    return waiters ? [...waiters] : [];
  }

  /** Aborts and forgets every waiter. */
  abortAll(): void {
    for (const waiters of this.#byMessage.values()) for (const waiter of waiters) waiter.abort();
    this.#byMessage.clear();
  }
}
