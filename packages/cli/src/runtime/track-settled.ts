import type { ChannelAdapter, ChannelDefinition, InboundSink } from '@downcity/chat';

/** A channel definition whose accepted messages are counted until the chat service settles them. */
export interface TrackedChannel {
  /** The wrapped definition. */
  definition: ChannelDefinition;
  /** Resolves once every message accepted so far has been answered (or otherwise settled). */
  idle(): Promise<void>;
}

/**
 * Wraps a channel so its caller can wait until every message it delivered is settled, e.g. so
 * `echo "/help" | downcity chat` prints the answer before the agent stops at the end of input.
 * Uses only the public channel contract.
 */
export function trackSettled(inner: ChannelDefinition): TrackedChannel {
  const open = new Set<string>();
  let waiters: (() => void)[] = [];
  const release = (): void => {
    if (open.size > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  const settle = (messageId: string): void => {
    open.delete(messageId);
    release();
  };
  const wrap = (adapter: ChannelAdapter): ChannelAdapter => ({
    get id() {
      return adapter.id;
    },
    get account() {
      return adapter.account;
    },
    get capabilities() {
      return adapter.capabilities;
    },
    connect: (sink: InboundSink) =>
      adapter.connect({
        deliver: async (message) => {
          open.add(message.messageId);
          try {
            const result = await sink.deliver(message);
            if (result.status !== 'accepted' || result.sessionId === undefined) settle(message.messageId);
            return result;
          } catch (error) {
            settle(message.messageId);
            throw error;
          }
        },
      }),
    disconnect: () => adapter.disconnect(),
    send: (target, message) => adapter.send(target, message),
    ...(adapter.typing ? { typing: adapter.typing.bind(adapter) } : {}),
    ...(adapter.download ? { download: adapter.download.bind(adapter) } : {}),
    ...(adapter.openStream ? { openStream: adapter.openStream.bind(adapter) } : {}),
    ...(adapter.info ? { info: adapter.info.bind(adapter) } : {}),
    settled: (outcome) => {
      adapter.settled?.(outcome);
      settle(outcome.messageId);
    },
  });
  return {
    definition: { id: inner.id, config: inner.config, create: async (setup) => wrap(await inner.create(setup)) },
    idle: () => (open.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}
