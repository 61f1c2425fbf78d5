import { HttpProblem, limitBody, requireJson, type RouteEnv } from '@downcity/http';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { ConsoleChat } from '../api/chat-data.js';
import { createSseReply } from '../chat/sse-reply.js';
import { viaAction } from './action-problem.js';
import { readBody } from './read-body.js';
import type { ConsoleVariables } from './console-variables.js';

/** What the chat routes need. */
export interface ChatRoutesOptions {
  /** The API prefix, e.g. `/console/api`. */
  api: string;
  /** The web chat; absent when `services.console.chat` is false. */
  chat: ConsoleChat | undefined;
}

const ChatIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')
  .default('main')
  .describe('The conversation; each has its own session. Default "main".');

const MessageBodySchema = z
  .object({
    text: z.string().refine((text) => text.trim() !== '', 'must not be empty').describe('What the operator says.'),
    chatId: ChatIdSchema,
  })
  .strict();

const StopBodySchema = z.object({ chatId: ChatIdSchema }).strict();

const REJECTED = { 'too-large': [413, 'MESSAGE_TOO_LARGE'], invalid: [400, 'INPUT_INVALID'], unavailable: [503, 'CHAT_UNAVAILABLE'] } as const;

/** The web chat, or 503 saying why there is none. */
function available(chat: ConsoleChat | undefined): ConsoleChat {
  if (!chat) throw new HttpProblem({ status: 503, code: 'CHAT_OFF', message: 'The Chat page is off: set services.console.chat to true.' });
  if (!chat.available) {
    throw new HttpProblem({ status: 503, code: 'CHAT_UNAVAILABLE', message: 'The chat service is not running: add @downcity/chat to the agent\'s services (or wait until the agent has started).' });
  }
  return chat;
}

/**
 * The Chat page's API (behind the session and CSRF checks): `POST chat/messages {text, chatId?}` answers with
 * the reply as server-sent events (see `ChatEvent`), `POST chat/stop {chatId?}` stops it, `GET chat/history`
 * reads the stored conversation.
 */
export function addChatRoutes(app: Hono<RouteEnv<ConsoleVariables>>, options: ChatRoutesOptions): void {
  const { api } = options;
  app.post(`${api}/chat/messages`, limitBody({ maxBytes: 262_144 }), requireJson(), async (c) => {
    const chat = available(options.chat);
    const body = await readBody(c, MessageBodySchema);
    const reply = createSseReply();
    const delivery = await viaAction(() => chat.send({ text: body.text, chatId: body.chatId }, reply.listener));
    if (delivery.status === 'duplicate') throw new HttpProblem({ status: 409, code: 'DUPLICATE', message: 'This message was already received.' });
    if (delivery.status === 'rejected') {
      const [status, code] = REJECTED[delivery.code ?? 'invalid'];
      throw new HttpProblem({ status, code, message: delivery.reason });
    }
    return reply.open(c, { messageId: delivery.messageId, sessionId: delivery.sessionId ?? '' }, delivery.remove);
  });
  app.post(`${api}/chat/stop`, limitBody({ maxBytes: 4_096 }), requireJson(), async (c) => {
    const chat = available(options.chat);
    const { chatId } = await readBody(c, StopBodySchema);
    return c.json(await viaAction(() => chat.stop(chatId)));
  });
  app.get(`${api}/chat/history`, async (c) => {
    const chat = available(options.chat);
    const chatId = ChatIdSchema.safeParse(c.req.query('chatId') || undefined);
    if (!chatId.success) throw new HttpProblem({ status: 400, code: 'INPUT_INVALID', message: `Invalid chatId: ${chatId.error.issues[0]?.message ?? 'malformed'}.` });
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 200) || 200, 1), 500);
    return c.json(await viaAction(() => chat.history(chatId.data, limit)));
  });
}
