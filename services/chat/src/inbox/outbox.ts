import type { Collection, JsonObject, PackageStorage } from '@downcity/core';

/** One outbound chunk's record (`chat:outbox`, keyed `<inboxId>:<chunkIndex>`). */
export interface OutboxRecord {
  /** `sending` is written before the send, `sent` after it. */
  status: 'sending' | 'sent';
  /** The platform id of the sent chunk, once sent. */
  messageId?: string;
  /** Last change, epoch milliseconds. */
  at: number;
}

/**
 * The record of outbound chunks. A chunk is marked `sending` before it goes out and `sent` after, so a retry
 * after a crash never sends it twice: a chunk left `sending` may have reached the user and is not re-sent
 * (at most once, never twice).
 */
export class Outbox {
  readonly #collection: Collection<JsonObject>;

  /** Opens the outbox in the chat service's storage. */
  constructor(storage: PackageStorage) {
    this.#collection = storage.collection('outbox');
  }

  /** The record of a chunk, or `undefined` when it was never attempted. */
  async get(id: string): Promise<OutboxRecord | undefined> {
    return (await this.#collection.get(id)) as OutboxRecord | undefined;
  }

  /** Marks a chunk as about to be sent. */
  sending(id: string): Promise<void> {
    return this.#collection.put(id, { status: 'sending', at: Date.now() });
  }

  /** Marks a chunk as sent. */
  sent(id: string, messageId: string): Promise<void> {
    return this.#collection.put(id, { status: 'sent', messageId, at: Date.now() });
  }

  /** Forgets a chunk's record: after a failed send (so it may be tried again) or when pruning. */
  async forget(id: string): Promise<void> {
    await this.#collection.delete(id);
  }
}
