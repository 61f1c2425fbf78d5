import type { Logger } from '../logger/logger.js';

interface Entry {
  owner: string;
  dispose: () => void | Promise<void>;
}

/** Disposers run last-in, first-out. A failing disposer is logged and the rest still run. */
export class DisposerStack {
  #entries: Entry[] = [];

  /** The number of registered disposers. */
  get size(): number {
    return this.#entries.length;
  }

  /** Registers a disposer; returns a function that runs and removes it early. */
  push(owner: string, dispose: () => void | Promise<void>): () => Promise<void> {
    const entry: Entry = { owner, dispose };
    this.#entries.push(entry);
    return async () => {
      const index = this.#entries.indexOf(entry);
      if (index === -1) return;
      this.#entries.splice(index, 1);
      await entry.dispose();
    };
  }

  /** Runs every disposer in reverse order of registration. */
  async disposeAll(logger: Logger): Promise<void> {
    while (this.#entries.length > 0) {
      const entry = this.#entries.pop() as Entry;
      try {
        await entry.dispose();
      } catch (error) {
        logger.error({ err: error, package: entry.owner }, 'disposer failed; continuing shutdown');
      }
    }
  }
}
