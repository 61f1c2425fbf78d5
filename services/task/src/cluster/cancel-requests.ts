import type { Collection } from '@downcity/core';

/** A cancel asked for a run (`task:cancels`, keyed by run id). */
export type CancelRequest = {
  /** Who asked: a principal id or the calling package. */
  by: string;
  /** When, ISO. */
  at: string;
};

/**
 * Cancels asked in a cluster, stored so they reach a run whatever worker takes it up: the worker running it hears
 * the `cancel` event, and a worker that starts (or takes over) the run later reads the request first.
 */
export class CancelRequests {
  readonly #collection: Collection<CancelRequest>;

  /** Wraps the collection. */
  constructor(collection: Collection<CancelRequest>) {
    this.#collection = collection;
  }

  /** Stores a request (a later request for the same run replaces it). */
  ask(runId: string, request: CancelRequest): Promise<void> {
    return this.#collection.put(runId, request);
  }

  /** Who asked to cancel the run, or `undefined`. */
  async by(runId: string): Promise<string | undefined> {
    return (await this.#collection.get(runId))?.by;
  }

  /** Forgets the request once the run is final. */
  async forget(runId: string): Promise<void> {
    await this.#collection.delete(runId);
  }
}
