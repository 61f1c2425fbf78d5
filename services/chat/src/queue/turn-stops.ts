import { randomUUID } from 'node:crypto';
import type { Collection, JsonObject, JsonValue, Logger, PackageCluster } from '@downcity/core';
import type { RunningTurns } from './running-turns.js';

/** How long `chat/stop` waits for the worker running a turn to say it stopped it. */
const ANSWER_WITHIN_MS = 2_000;

/** A stop request between workers. */
interface StopRequest {
  /** Set when the asker waits for an answer. */
  requestId?: string;
  sessionId: string;
  /** Who stops it: `operator` or a principal id. */
  by: string;
  /** Only stop a turn answering this principal (a `/stop` message stops only its sender's reply). */
  principalId?: string;
  /** The inbox id of the `/stop` message that asked. */
  stopper?: string;
}

/**
 * Stopping model turns, wherever they run. In one process that is {@link RunningTurns} alone. In a cluster a turn
 * runs on whichever worker took its job, so a stop that finds nothing running here is published to every worker,
 * and the one running the turn stops it; a `/stop` message that stopped a turn is remembered in the store, so its
 * command (which may run on yet another worker) knows.
 */
export class TurnStops {
  readonly #turns: RunningTurns;
  readonly #cluster: PackageCluster | undefined;
  readonly #stoppers: Collection<JsonObject>;
  readonly #logger: Logger;
  readonly #answers = new Map<string, (stopped: boolean) => void>();
  #unsubscribe: (() => Promise<void>)[] = [];

  /** Stops turns of `turns`, and in a cluster of every worker. */
  constructor(options: { turns: RunningTurns; cluster: PackageCluster | undefined; stoppers: Collection<JsonObject>; logger: Logger }) {
    this.#turns = options.turns;
    this.#cluster = options.cluster;
    this.#stoppers = options.stoppers;
    this.#logger = options.logger;
  }

  /** In a cluster, starts answering other workers' stop requests. */
  async start(): Promise<void> {
    const cluster = this.#cluster;
    if (!cluster) return;
    this.#unsubscribe.push(await cluster.subscribe('turns/stop', (message) => void this.#onRequest(message as unknown as StopRequest)));
    this.#unsubscribe.push(
      await cluster.subscribe('turns/stopped', (message) => {
        const answer = message as unknown as { requestId: string; stopped: boolean };
        this.#answers.get(answer.requestId)?.(answer.stopped);
      }),
    );
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = [];
    await Promise.all(unsubscribe.map((stop) => stop()));
  }

  /**
   * A `/stop` message arrived: stops its sender's running reply in the session, here or on another worker.
   * Does not wait.
   */
  stopOnArrival(request: { sessionId: string; principalId: string; stopper: string }): void {
    if (this.#stopHere({ ...request, by: request.principalId })) return;
    this.#cluster?.publish('turns/stop', { ...request, by: request.principalId }).catch((error: unknown) => this.#logger.warn({ err: error }, 'asking the other workers to stop a reply failed'));
  }

  /**
   * `chat/stop`: stops the session's running turn here, or asks the other workers; whether one was stopped. A
   * principal (`principalId`) stops only a turn answering its own message.
   */
  async stopSession(sessionId: string, by: string, principalId?: string): Promise<boolean> {
    if (this.#turns.get(sessionId)) return this.#stopHere({ sessionId, by, ...(principalId === undefined ? {} : { principalId }) });
    const cluster = this.#cluster;
    if (!cluster) return false;
    const requestId = randomUUID();
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ANSWER_WITHIN_MS);
      this.#answers.set(requestId, (stopped) => {
        clearTimeout(timer);
        resolve(stopped);
      });
    });
    try {
      await cluster.publish('turns/stop', { requestId, sessionId, by, ...(principalId === undefined ? {} : { principalId }) });
      return await answered;
    } finally {
      this.#answers.delete(requestId);
    }
  }

  /** Whether the `/stop` message with this inbox id stopped a turn (here or on another worker); forgets it. */
  async takeStopper(inboxId: string): Promise<boolean> {
    if (this.#turns.takeStopper(inboxId)) return true;
    return this.#cluster ? this.#stoppers.delete(inboxId) : false;
  }

  #matches(request: StopRequest): boolean {
    const running = this.#turns.get(request.sessionId);
    return running !== undefined && running.stoppedBy === undefined && (request.principalId === undefined || running.principalId === request.principalId);
  }

  #stopHere(request: StopRequest): boolean {
    if (!this.#matches(request)) return false;
    return this.#turns.stop(request.sessionId, request.by, request.stopper === undefined ? {} : { stopper: request.stopper }) !== undefined;
  }

  async #onRequest(request: StopRequest): Promise<void> {
    if (typeof request?.sessionId !== 'string' || typeof request.by !== 'string' || !this.#matches(request)) return;
    try {
      // Remembered before the turn stops: the /stop command runs right after the stopped turn, maybe elsewhere.
      if (request.stopper !== undefined) await this.#stoppers.put(request.stopper, { at: Date.now() });
      const stopped = this.#stopHere(request);
      if (request.requestId !== undefined) await this.#cluster?.publish('turns/stopped', { requestId: request.requestId, stopped } as JsonValue);
    } catch (error) {
      this.#logger.warn({ err: error }, 'answering a stop request from another worker failed');
    }
  }
}
