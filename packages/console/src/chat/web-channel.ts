import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, DeliveryResult, InboundMessage, InboundOutcome, InboundSink, ReplyStep } from '@downcity/chat';
import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';

/** The web chat's channel id: sessions are `chat:web:console:<chat id>:operator`. */
export const WEB_CHANNEL_ID = 'web';
/** The web chat's account. */
export const WEB_ACCOUNT = 'console';
/** The one sender of the web chat: the signed-in operator (principal `web:operator`). */
export const OPERATOR_SENDER_ID = 'operator';

/** Longest reply chunk the web chat takes (the browser shows any length; this only bounds one chunk). */
const MAX_TEXT_LENGTH = 100_000;

/** Someone waiting for the reply to one web chat message: an open browser request. */
export interface ReplyListener {
  /** A live text delta. */
  delta(text: string): void;
  /** A finished model step with its tool calls and results (already stored). */
  step(step: ReplyStep): void;
  /** The chat service is done with the message. */
  settled(outcome: InboundOutcome): void;
  /** The channel is disconnecting (the agent is stopping); the message stays stored and is answered after a restart. */
  closed(): void;
}

/** What happened to a message the operator sent. */
export type WebDelivery = DeliveryResult & { messageId: string };

/** The console's web chat: a real channel of the chat service, fed by the console's API. */
export interface WebChannel {
  /** The adapter the console contributes through `chat/channels`. */
  readonly adapter: ChannelAdapter;
  /** Whether the chat service connected it (false when `@downcity/chat` is not loaded). */
  readonly connected: boolean;
  /**
   * Delivers a message from the operator to the chat service (stored in its inbox before this resolves) and
   * reports the reply to `listener` until it is settled or `remove` is called.
   *
   * @throws `DowncityError` `AGENT_STATE` when the channel is not connected.
   */
  send(input: { text: string; chatId: string }, listener: ReplyListener): Promise<WebDelivery & { remove: () => void }>;
  /** Whether a reply is being written in this chat now. */
  replying(chatId: string): boolean;
  /** The session a chat's messages went to, as the chat service answered a delivery since the agent started. */
  sessionOf(chatId: string): string | undefined;
}

/** The message the chat service receives: from the operator, who the console's sign-in authenticated. */
function inboundMessage(text: string, chatId: string): InboundMessage {
  return {
    channel: WEB_CHANNEL_ID,
    account: WEB_ACCOUNT,
    messageId: randomUUID(),
    chat: { id: chatId, type: 'direct' },
    sender: { id: OPERATOR_SENDER_ID, displayName: 'Operator', authenticatedBy: 'operator' },
    text,
    attachments: [],
    mentions: { self: true, userIds: [] },
    sentAt: Date.now(),
  };
}

/**
 * Creates the web chat channel (id `web`, account `console`). Its only sender is the console's signed-in
 * operator, marked `authenticatedBy: 'operator'` (an owner to identity providers, see decision 0015). It streams
 * (text deltas and finished steps with tool calls) and its sessions are private (per sender). Replies reach the
 * browser through the listener of the request that sent the message; the text is stored in the session either
 * way, so a browser that left reads it from the history.
 */
export function createWebChannel(options: { logger: Logger }): WebChannel {
  let sink: InboundSink | undefined;
  const listeners = new Map<string, ReplyListener>();
  const pending = new Map<string, string>();
  const sessions = new Map<string, string>();

  const adapter: ChannelAdapter = {
    id: WEB_CHANNEL_ID,
    account: WEB_ACCOUNT,
    capabilities: { maxTextLength: MAX_TEXT_LENGTH, typing: false, attachments: false, streaming: true, privateSessions: true },
    async connect(given) {
      sink = given;
    },
    async disconnect() {
      sink = undefined;
      for (const listener of listeners.values()) listener.closed();
      listeners.clear();
      pending.clear();
    },
    async send(target) {
      // The text reaches the browser through settled(); it is stored in the session already.
      return { messageId: `${target.inboundMessageId ?? 'push'}:reply:${randomUUID()}` };
    },
    openStream(target) {
      const id = target.inboundMessageId;
      if (id === undefined || !listeners.has(id)) return undefined;
      return {
        write: (delta) => listeners.get(id)?.delta(delta),
        step: (step) => listeners.get(id)?.step(step),
        end: () => {},
      };
    },
    settled(outcome) {
      pending.delete(outcome.messageId);
      const listener = listeners.get(outcome.messageId);
      listeners.delete(outcome.messageId);
      try {
        listener?.settled(outcome);
      } catch (error) {
        options.logger.warn({ err: error }, 'a web chat listener failed');
      }
    },
  };

  return {
    adapter,
    get connected() {
      return sink !== undefined;
    },
    async send(input, listener) {
      if (!sink) throw new DowncityError(ErrorCodes.AGENT_STATE, 'The web chat is not connected: the chat service (@downcity/chat) is not loaded, or the agent is stopping.');
      const message = inboundMessage(input.text, input.chatId);
      const remove = (): void => {
        if (listeners.get(message.messageId) === listener) listeners.delete(message.messageId);
      };
      listeners.set(message.messageId, listener);
      pending.set(message.messageId, input.chatId);
      let result: DeliveryResult;
      try {
        result = await sink.deliver(message);
      } catch (error) {
        remove();
        pending.delete(message.messageId);
        throw error;
      }
      if (result.status !== 'accepted') {
        remove();
        pending.delete(message.messageId);
      } else if (result.sessionId !== undefined) sessions.set(input.chatId, result.sessionId);
      return { ...result, messageId: message.messageId, remove };
    },
    replying: (chatId) => [...pending.values()].includes(chatId),
    sessionOf: (chatId) => sessions.get(chatId),
  };
}
