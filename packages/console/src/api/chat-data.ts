import type {} from '@downcity/chat';
import type { ExecutionContext } from '@downcity/core';
import { WEB_ACCOUNT, WEB_CHANNEL_ID, type ReplyListener, type WebChannel, type WebDelivery } from '../chat/web-channel.js';
import { messageView, type MessageView } from './message-view.js';

/** The body of `GET <console>/api/chat/history`. */
export interface ChatHistoryView {
  /** The conversation, e.g. `main`. */
  chatId: string;
  /** Its chat session; `null` before the first message. */
  sessionId: string | null;
  /** The newest messages, oldest first: the operator's, the agent's, tool calls and results. */
  messages: MessageView[];
  /** Whether a reply is being written now (the page then offers Stop). */
  replying: boolean;
}

/** The console's Chat page: the operator talks to the agent through the web chat channel. */
export interface ConsoleChat {
  /** Whether the chat service runs the web channel (false when `@downcity/chat` is not loaded, or while stopping). */
  readonly available: boolean;
  /** Sends a message from the operator; the reply goes to `listener`. */
  send(input: { text: string; chatId: string }, listener: ReplyListener): Promise<WebDelivery & { remove: () => void }>;
  /** The stored conversation. */
  history(chatId: string, limit: number): Promise<ChatHistoryView>;
  /** Stops the reply being written in the conversation, as the operator (`chat/stop`). */
  stop(chatId: string): Promise<{ stopped: boolean }>;
}

/** The session of a web chat conversation: the one a delivery answered, else the chat session routed to it. */
async function sessionOf(context: ExecutionContext, web: WebChannel, chatId: string): Promise<string | undefined> {
  const known = web.sessionOf(chatId);
  if (known) return known;
  const { sessions } = await context.invoke('chat/sessions', { channel: WEB_CHANNEL_ID, limit: 500 });
  return sessions.find(({ route }) => route?.channel === WEB_CHANNEL_ID && route.account === WEB_ACCOUNT && route.chatId === chatId)?.id;
}

/** {@link ConsoleChat} over the web channel and the console's execution context (history, `chat/stop` as the operator). */
export function chatData(context: ExecutionContext, web: WebChannel): ConsoleChat {
  return {
    get available() {
      return web.connected;
    },
    send: (input, listener) => web.send(input, listener),
    async history(chatId, limit) {
      const sessionId = await sessionOf(context, web, chatId);
      const messages = sessionId ? await context.session.history(sessionId, { limit }) : [];
      return { chatId, sessionId: sessionId ?? null, messages: messages.map(messageView), replying: web.replying(chatId) };
    },
    async stop(chatId) {
      const sessionId = await sessionOf(context, web, chatId);
      if (!sessionId) return { stopped: false };
      return context.invoke('chat/stop', { sessionId });
    },
  };
}
