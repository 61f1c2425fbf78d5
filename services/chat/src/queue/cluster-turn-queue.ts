import { DowncityError, ErrorCodes, type JsonObject, type Logger, type PackageCluster, type SessionApi } from '@downcity/core';
import type { Inbox } from '../inbox/inbox.js';
import { isFinished, type InboxEntry } from '../inbox/inbox-entry.js';
import type { ProcessEntry, TurnQueue } from './turn-queue.js';

/** The chat service's cluster task that answers one inbox entry (`chat/turn`). */
export const TURN_TASK = 'turn';

/** The named queue of a session: its turns run one at a time, in the order they were added, on any worker. */
export const sessionQueue = (sessionId: string): string => `chat:${sessionId}`;

/** The job that answers the inbox entry `inboxId` of `sessionId`; its key makes a second add of it a no-op. */
export const turnJob = (inboxId: string, sessionId: string) => ({
  task: TURN_TASK,
  payload: { inboxId },
  queue: sessionQueue(sessionId),
  key: `turn:${inboxId}`,
});

/** What {@link ClusterTurnQueue} needs. */
export interface ClusterTurnQueueOptions {
  /** `context.cluster`. */
  cluster: PackageCluster;
  /** `context.session`. */
  session: SessionApi;
  /** The inbox the jobs load their entry from. */
  inbox: Inbox;
  /** Answers an entry. */
  process: ProcessEntry;
  /** The agent's signal: a turn cut short by a stop is tried again, on another worker or after a restart. */
  signal: AbortSignal;
  /** For unexpected failures. */
  logger: Logger;
}

/**
 * The turn queue of a cluster: each stored message is a durable job in its session's named queue (added in the
 * same transaction that stores it, see `Inbox.insertAndEnqueue`), so a session runs one turn at a time in arrival
 * order on whichever worker is free, and a worker that dies mid-turn leaves the job to another. The job loads the
 * entry and resumes from what the inbox recorded (decision 0005), so running it again never sends a part twice.
 * Nothing waits in this process, so `mergeQueued` finds nothing to merge.
 */
export class ClusterTurnQueue implements TurnQueue {
  readonly #options: ClusterTurnQueueOptions;

  /** Registers the `chat/turn` handler with the cluster. */
  constructor(options: ClusterTurnQueueOptions) {
    this.#options = options;
    options.cluster.handle(TURN_TASK, (payload, run) => this.#run(payload, run.attempt));
  }

  async #run(payload: JsonObject, attempt: number): Promise<void> {
    const { inbox, session, process, signal } = this.#options;
    const id = String(payload.inboxId);
    const entry = await inbox.get(id);
    // Pruned long after it was answered, or answered by an earlier attempt: nothing left to do.
    if (!entry || isFinished(entry)) return;
    await session.exclusive(entry.sessionId, () => process(id, entry, { recovered: attempt > 1 }));
    if (isFinished(entry)) return;
    // Left unfinished: the agent is stopping, or this worker cannot reach the message's channel. Throwing
    // returns the job to the queue (with backoff), for another worker or this one after a restart.
    throw new DowncityError(
      signal.aborted ? ErrorCodes.ABORTED : ErrorCodes.AGENT_STATE,
      signal.aborted ? `Stopped while answering ${id}; another worker answers it.` : `Could not answer ${id} on this worker yet (its channel is not connected); it is tried again.`,
    );
  }

  /** Stores the entry and adds its turn job in one transaction; `false` for a duplicate (stored by any worker). */
  admit(id: string, entry: InboxEntry): Promise<boolean> {
    return this.#options.inbox.insertAndEnqueue(this.#options.cluster, id, entry, turnJob(id, entry.sessionId));
  }

  /** Adds the turn job of an entry stored before (a job with its key already queued makes this a no-op). */
  enqueue(id: string, entry: InboxEntry): void {
    this.#options.cluster.enqueue(turnJob(id, entry.sessionId)).catch((error: unknown) =>
      this.#options.logger.error({ err: error, inboxId: id }, 'queueing a stored message failed; it stays in the inbox'),
    );
  }

  /** Entries are loaded by their job, never held here. */
  live(): InboxEntry | undefined {
    return undefined;
  }

  /** Nothing waits in this process: queued messages are jobs in the database. */
  waiting(): { id: string; entry: InboxEntry }[] {
    return [];
  }

  /** Nothing to claim (see {@link ClusterTurnQueue.waiting}). */
  claim(): void {}
}
