import type { Logger, SessionApi } from '@downcity/core';
import type { Inbox } from '../inbox/inbox.js';
import type { InboxEntry } from '../inbox/inbox-entry.js';
import type { ProcessEntry, TurnQueue } from './turn-queue.js';

/** What the scheduler needs. */
export interface TurnSchedulerOptions {
  /** `context.session`. */
  session: SessionApi;
  /** Where entries are stored. */
  inbox: Inbox;
  /** Processes an entry. */
  process: ProcessEntry;
  /** For unexpected failures. */
  logger: Logger;
}

/**
 * Queues inbox entries on their session: one turn at a time per session in arrival order (through
 * `context.session.exclusive`), different sessions concurrently. Keeps the entries that are queued but not
 * started so a turn can merge them (`mergeQueued`).
 */
export class TurnScheduler implements TurnQueue {
  readonly #options: TurnSchedulerOptions;
  readonly #live = new Map<string, InboxEntry>();
  readonly #waiting = new Map<string, string[]>();

  /** Creates the scheduler. */
  constructor(options: TurnSchedulerOptions) {
    this.#options = options;
  }

  /** Stores the entry, then queues it; `false` (nothing queued) for a duplicate id. */
  async admit(id: string, entry: InboxEntry): Promise<boolean> {
    if (!(await this.#options.inbox.insert(id, entry))) return false;
    this.enqueue(id, entry);
    return true;
  }

  /** Queues an entry once; a second call for a queued id does nothing. */
  enqueue(id: string, entry: InboxEntry, options: { recovered: boolean } = { recovered: false }): void {
    if (this.#live.has(id)) return;
    this.#live.set(id, entry);
    const waiting = this.#waiting.get(entry.sessionId);
    if (waiting) waiting.push(id);
    else this.#waiting.set(entry.sessionId, [id]);
    this.#options.session
      .exclusive(entry.sessionId, async () => {
        this.#unwait(entry.sessionId, id);
        try {
          await this.#options.process(id, entry, options);
        } finally {
          this.#live.delete(id);
        }
      })
      .catch((error: unknown) => this.#options.logger.error({ err: error, inboxId: id }, 'processing an inbound message failed; it stays in the inbox for the next start'));
  }

  /** The entry of a queued or running message, if any. */
  live(id: string): InboxEntry | undefined {
    return this.#live.get(id);
  }

  /** Messages queued on the session but not started yet, oldest first. */
  waiting(sessionId: string): { id: string; entry: InboxEntry }[] {
    return (this.#waiting.get(sessionId) ?? []).map((id) => ({ id, entry: this.#live.get(id) as InboxEntry }));
  }

  /** Takes a waiting message out of the merge candidates (its own job still runs and sees it merged). */
  claim(sessionId: string, id: string): void {
    this.#unwait(sessionId, id);
  }

  #unwait(sessionId: string, id: string): void {
    const waiting = this.#waiting.get(sessionId);
    if (!waiting) return;
    const index = waiting.indexOf(id);
    if (index !== -1) waiting.splice(index, 1);
    if (waiting.length === 0) this.#waiting.delete(sessionId);
  }
}
