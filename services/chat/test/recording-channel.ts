import { z } from 'zod';
import {
  defineChannel,
  type ChannelAdapter,
  type DeliveryResult,
  type InboundMessage,
  type InboundOutcome,
  type InboundSink,
  type OutboundMessage,
  type OutboundTarget,
  type ReplyStep,
} from '../src/index.js';

/** A message as a test writes it: everything optional but the text. */
export type TestMessage = Partial<Omit<InboundMessage, 'chat' | 'sender'>> & {
  text: string;
  chatId?: string;
  chatType?: 'direct' | 'group';
  threadId?: string;
  userId?: string;
  displayName?: string;
};

/** Options for {@link recordingChannel}. */
export interface RecordingChannelOptions {
  id?: string;
  account?: string;
  maxTextLength?: number;
  streaming?: boolean;
  typing?: boolean;
  /** Fail this many sends before succeeding. */
  failSends?: number;
}

let counter = 0;

/** A channel adapter that records what the chat service sends, for tests. */
export function recordingChannel(options: RecordingChannelOptions = {}) {
  const id = options.id ?? 'test';
  const account = options.account ?? 'bot';
  const sent: { target: OutboundTarget; message: OutboundMessage }[] = [];
  const outcomes: InboundOutcome[] = [];
  const deltas: string[] = [];
  const steps: ReplyStep[] = [];
  let typingCalls = 0;
  let failSends = options.failSends ?? 0;
  let sink: InboundSink | undefined;
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };

  const adapter: ChannelAdapter = {
    id,
    account,
    capabilities: { maxTextLength: options.maxTextLength ?? 4096, typing: options.typing ?? false, attachments: false, streaming: options.streaming ?? false },
    async connect(given) {
      sink = given;
    },
    async disconnect() {
      sink = undefined;
    },
    async send(target, message) {
      if (failSends > 0) {
        failSends--;
        throw new Error('platform unavailable');
      }
      sent.push({ target, message });
      changed();
      return { messageId: `out-${sent.length}` };
    },
    async typing() {
      typingCalls++;
    },
    openStream: options.streaming
      ? () => ({
          write: (delta) => {
            deltas.push(delta);
            changed();
          },
          step: (step) => {
            steps.push(step);
            changed();
          },
          end: () => {},
        })
      : undefined,
    settled(outcome) {
      outcomes.push(outcome);
      changed();
    },
  };
  if (!options.streaming) delete adapter.openStream;

  const definition = defineChannel({ id, config: z.object({}).strict(), create: () => adapter });

  return {
    definition,
    adapter,
    sent,
    outcomes,
    deltas,
    steps,
    get typingCalls() {
      return typingCalls;
    },
    /** The texts sent, in order. */
    texts: () => sent.map((entry) => entry.message.text),
    /** Builds a full inbound message. */
    message(input: TestMessage): InboundMessage {
      const { chatId, chatType, threadId, userId, displayName, ...rest } = input;
      return {
        channel: id,
        account,
        messageId: `m${++counter}`,
        chat: { id: chatId ?? 'c1', type: chatType ?? 'direct', ...(threadId ? { threadId } : {}) },
        sender: { id: userId ?? 'u1', ...(displayName ? { displayName } : {}) },
        attachments: [],
        mentions: { self: false, userIds: [] },
        sentAt: Date.now(),
        ...rest,
      };
    },
    /** Delivers a message as the platform would. */
    deliver(input: TestMessage | InboundMessage): Promise<DeliveryResult> {
      if (!sink) throw new Error('the channel is not connected');
      return sink.deliver('channel' in input && 'chat' in input ? input : this.message(input as TestMessage));
    },
    /** Resolves once `predicate` holds (checked after every send and outcome), or rejects after `timeoutMs`. */
    until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const listener = (): void => {
          if (!predicate()) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out; sent so far: ${JSON.stringify(sent.map((entry) => entry.message.text))}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        listeners.add(listener);
      });
    },
  };
}
