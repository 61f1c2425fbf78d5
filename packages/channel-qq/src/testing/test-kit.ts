import type { ChannelSetup, DeliveryResult, InboundMessage, InboundSink } from '@downcity/chat';
import { createLogger, type Logger } from '@downcity/core';
import { QqConfigSchema, type QqConfig, type QqConfigInput } from '../config.js';
import { createQqAdapter, type QqChannelAdapter } from '../qq-adapter.js';
import type { FakeQq } from './fake-qq.js';

/** A sink that stores messages and deduplicates on channel + account + messageId, as the chat service does. */
export interface MemorySink extends InboundSink {
  /** Stored messages. */
  readonly messages: InboundMessage[];
  /** Every deliver call, duplicates included. */
  readonly deliveries: InboundMessage[];
  /** Makes the next deliveries wait until the returned function is called. */
  hold(): () => void;
  /** Makes the next delivery throw (a store failure). */
  failNext(): void;
  /** Resolves when `count` messages are stored. */
  waitFor(count: number): Promise<InboundMessage[]>;
}

/** Creates a {@link MemorySink}. */
export function createMemorySink(): MemorySink {
  const messages: InboundMessage[] = [];
  const deliveries: InboundMessage[] = [];
  const waiters: { count: number; resolve: (messages: InboundMessage[]) => void }[] = [];
  let gate: Promise<void> | undefined;
  let failures = 0;
  return {
    messages,
    deliveries,
    async deliver(message): Promise<DeliveryResult> {
      deliveries.push(message);
      if (gate) await gate;
      if (failures > 0) {
        failures -= 1;
        throw new Error('store is down');
      }
      if (messages.some((stored) => stored.channel === message.channel && stored.account === message.account && stored.messageId === message.messageId)) {
        return { status: 'duplicate' };
      }
      messages.push(message);
      const ready = waiters.filter((waiter) => messages.length >= waiter.count);
      for (const waiter of ready) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(messages.slice());
      }
      return { status: 'accepted' };
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    failNext() {
      failures += 1;
    },
    waitFor(count) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** A logger whose JSON lines are kept for assertions (secrets redacted by core). */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

/** Test credentials. */
export const APP_ID = '102000001';
/** Test secret (the docs' example secret, so doc signatures can be compared). */
export const APP_SECRET = 'DG5g3B4j9X2KOErG';

/** Parses a config pointed at the fake. */
export function configFor(fake: FakeQq, overrides: Partial<QqConfigInput> = {}): QqConfig {
  return QqConfigSchema.parse({
    appId: APP_ID,
    appSecret: APP_SECRET,
    apiBaseUrl: fake.baseUrl,
    tokenUrl: fake.tokenUrl,
    webhook: { host: '127.0.0.1', port: 0 },
    gateway: { reconnectDelayMs: 50 },
    ...overrides,
  });
}

/** Creates an adapter the way the chat service does (`create(setup)`), with a captured logger. */
export function adapterFor(config: QqConfig, logger: Logger, signal: AbortSignal = new AbortController().signal): QqChannelAdapter {
  const setup: ChannelSetup<QqConfig> = { config, logger, signal, dataDir: '/tmp', env: {} };
  return createQqAdapter(setup);
}

/** Resolves after `ms` milliseconds. */
export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` is true (10 ms steps, up to `timeoutMs`). */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await delay(10);
  }
}
