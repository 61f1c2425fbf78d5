import type { DeliveryResult, InboundMessage, InboundSink } from '@downcity/chat';
import { TelegramAdapter } from '../adapter/telegram-adapter.js';
import { TelegramConfigSchema, type TelegramConfigInput } from '../config/telegram-config.js';
import { FakeTelegram } from './fake-telegram.js';
import { memoryLogger, type MemoryLogger } from './memory-logger.js';

/** A syntactically real-looking bot token used by the tests. */
export const TEST_TOKEN = '7000001:AAH-downcity_test_token_4f9c2e81b7';

/** A private chat user. */
export const ALICE = { id: 4242, is_bot: false, first_name: 'Alice', last_name: 'Liddell', username: 'alice' };

/** Builds a `message` update in a private chat with Alice; `message` fields override. */
export function privateMessage(message: Record<string, unknown>, updateId?: number): Record<string, unknown> {
  return {
    ...(updateId === undefined ? {} : { update_id: updateId }),
    message: { message_id: 11, date: 1_760_000_000, from: ALICE, chat: { id: ALICE.id, type: 'private', first_name: 'Alice', username: 'alice' }, ...message },
  };
}

/** Builds a `message` update in a supergroup; `message` fields override. */
export function groupMessage(message: Record<string, unknown>, updateId?: number): Record<string, unknown> {
  return {
    ...(updateId === undefined ? {} : { update_id: updateId }),
    message: { message_id: 31, date: 1_760_000_000, from: ALICE, chat: { id: -1001234567890, type: 'supergroup', title: 'Wonderland' }, ...message },
  };
}

/** A sink that records deliveries; its behaviour can be scripted per call. */
export interface RecordingSink extends InboundSink {
  /** Every message handed to `deliver`, including failed attempts. */
  readonly attempts: InboundMessage[];
  /** Messages whose delivery resolved. */
  readonly stored: InboundMessage[];
  /** Makes the next `deliver` calls run `behaviour` instead of resolving at once. */
  next(...behaviours: ((message: InboundMessage) => Promise<DeliveryResult>)[]): void;
}

/** Creates a {@link RecordingSink} that deduplicates by messageId, like the chat service. */
export function recordingSink(): RecordingSink {
  const attempts: InboundMessage[] = [];
  const stored: InboundMessage[] = [];
  const scripted: ((message: InboundMessage) => Promise<DeliveryResult>)[] = [];
  return {
    attempts,
    stored,
    next: (...behaviours) => scripted.push(...behaviours),
    async deliver(message) {
      attempts.push(message);
      const behaviour = scripted.shift();
      const result = behaviour ? await behaviour(message) : undefined;
      if (result && result.status !== 'accepted') return result;
      if (stored.some((known) => known.messageId === message.messageId)) return { status: 'duplicate' };
      stored.push(message);
      return { status: 'accepted' };
    },
  };
}

/** A started fake plus an adapter configured against it. */
export interface TelegramHarness {
  /** The fake Bot API. */
  fake: FakeTelegram;
  /** The adapter under test. */
  adapter: TelegramAdapter;
  /** Unredacted log lines. */
  logger: MemoryLogger;
  /** Disconnects the adapter and stops the fake. */
  close(): Promise<void>;
}

/** Starts a fake and creates (not connects) an adapter pointed at it; the config goes through the real schema. */
export async function startHarness(config: Partial<TelegramConfigInput> = {}): Promise<TelegramHarness> {
  const fake = await FakeTelegram.start({ token: TEST_TOKEN });
  const logger = memoryLogger();
  const parsed = TelegramConfigSchema.parse({ token: TEST_TOKEN, apiRoot: fake.apiRoot, pollingTimeoutSeconds: 5, reconnectDelayMs: 20, reconnectMaxDelayMs: 100, ...config });
  const adapter = new TelegramAdapter({ config: parsed, logger, signal: new AbortController().signal, dataDir: '/tmp', env: {} });
  return {
    fake,
    adapter,
    logger,
    async close() {
      await adapter.disconnect();
      await fake.close();
    },
  };
}
