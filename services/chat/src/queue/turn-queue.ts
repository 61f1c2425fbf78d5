import type { InboxEntry } from '../inbox/inbox-entry.js';

/** Processes one queued inbox entry; runs while its session runs nothing else. */
export type ProcessEntry = (id: string, entry: InboxEntry, options: { recovered: boolean }) => Promise<void>;

/**
 * Where stored inbox entries wait for their turn: one turn at a time per session, in arrival order. In one
 * process that is {@link TurnScheduler} (in memory, re-filled from the inbox on start); in a cluster it is
 * {@link ClusterTurnQueue} (a durable job per message in the session's named queue).
 */
export interface TurnQueue {
  /**
   * Stores a new entry in the inbox and queues it, durably: `false` when an entry with this id is stored already
   * (a duplicate delivery), and then nothing is queued.
   */
  admit(id: string, entry: InboxEntry): Promise<boolean>;
  /** Queues a stored entry once; a second call for a queued id does nothing. */
  enqueue(id: string, entry: InboxEntry, options?: { recovered: boolean }): void;
  /** The entry of a queued or running message this process holds, if any. */
  live(id: string): InboxEntry | undefined;
  /** Messages queued on the session but not started yet, oldest first: the candidates `mergeQueued` merges. */
  waiting(sessionId: string): { id: string; entry: InboxEntry }[];
  /** Takes a waiting message out of the merge candidates (its own job still runs and sees it merged). */
  claim(sessionId: string, id: string): void;
}
