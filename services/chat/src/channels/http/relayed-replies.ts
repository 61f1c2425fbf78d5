import type { JsonValue, Logger } from '@downcity/core';
import type { ChannelEvents, InboundOutcome, ReplyStream } from '../../channel/channel.js';
import type { PendingReplies } from './pending-replies.js';

/** The topic the HTTP channel's replies travel on between workers. */
const TOPIC = 'replies';

/** One reply event between workers: text deltas, then the outcome. */
type ReplyEvent = { messageId: string; delta: string } | { messageId: string; outcome: InboundOutcome };

/**
 * The HTTP channel's replies in a cluster: the worker that runs a turn publishes its text deltas and its outcome,
 * and the worker holding the client's request (whichever accepted it) writes them to that request. Every event
 * goes through the cluster, this worker's own requests included, so one path serves both. Deltas written in one
 * tick travel as one event; events of one message are published one after another, in order.
 */
export class RelayedReplies {
  readonly #events: ChannelEvents;
  readonly #pending: PendingReplies;
  readonly #logger: Logger;
  /** The last publish of each message with events in flight, so the next waits for it. */
  readonly #tails = new Map<string, Promise<void>>();
  #unsubscribe: (() => Promise<void>) | undefined;

  /** Relays between `events` and this worker's open requests. */
  constructor(options: { events: ChannelEvents; pending: PendingReplies; logger: Logger }) {
    this.#events = options.events;
    this.#pending = options.pending;
    this.#logger = options.logger;
  }

  /** Starts listening; call before the channel accepts requests. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.#events.subscribe(TOPIC, (message) => this.#receive(message));
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = undefined;
    await unsubscribe?.();
  }

  /** A stream whose deltas reach the request for `messageId` on whichever worker holds it. */
  openStream(messageId: string): ReplyStream {
    let queued = '';
    const flush = (): void => {
      const text = queued;
      queued = '';
      if (text !== '') this.#publish({ messageId, delta: text });
    };
    return {
      write: (delta) => {
        if (queued === '') setImmediate(flush);
        queued += delta;
      },
      end: flush,
    };
  }

  /** Publishes the outcome of `outcome.messageId` after its deltas. */
  settled(outcome: InboundOutcome): void {
    // Let a flush queued in this tick go first.
    setImmediate(() => this.#publish({ messageId: outcome.messageId, outcome }));
  }

  #publish(event: ReplyEvent): void {
    const previous = this.#tails.get(event.messageId) ?? Promise.resolve();
    const sent = previous
      .then(() => this.#events.publish(TOPIC, event as unknown as JsonValue))
      .catch((error: unknown) => this.#logger.warn({ err: error, messageId: event.messageId }, 'relaying an HTTP reply event to the other workers failed'));
    this.#tails.set(event.messageId, sent);
    void sent.then(() => {
      if (this.#tails.get(event.messageId) === sent) this.#tails.delete(event.messageId);
    });
  }

  #receive(message: JsonValue): void {
    const event = message as unknown as Partial<ReplyEvent> | null;
    if (typeof event?.messageId !== 'string') return;
    for (const waiter of this.#pending.get(event.messageId)) {
      if ('outcome' in event && event.outcome) waiter.settled(event.outcome);
      else if ('delta' in event && typeof event.delta === 'string' && waiter.streaming) waiter.delta(event.delta);
    }
  }
}
