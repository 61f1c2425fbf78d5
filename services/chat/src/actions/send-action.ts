import { randomUUID } from 'node:crypto';
import { defineAction, DowncityError, ErrorCodes, type JsonObject } from '@downcity/core';
import { z } from 'zod';
import { readRoute, type SessionRoute } from '../inbound/route.js';
import { deliverReply } from '../reply/deliver-reply.js';
import { splitText } from '../reply/split-text.js';
import type { ChatRuntime } from '../service/chat-runtime.js';
import { openChatSession } from '../session/open-chat-session.js';
import { sessionIdFor } from '../session/session-key.js';

/** Input of `chat/send`. */
export const SendInputSchema = z
  .object({
    text: z.string().min(1).max(100_000).describe('The text to send; split to the channel limit.'),
    sessionId: z.string().min(1).optional().describe('Send to the conversation of this chat session (its latest route).'),
    target: z
      .object({
        channel: z.string().min(1).describe('Channel id, e.g. "telegram".'),
        account: z.string().min(1).optional().describe('Bot account, when the channel runs more than one.'),
        chatId: z.string().min(1).describe('Platform chat id.'),
        threadId: z.string().min(1).optional().describe('Thread / topic id.'),
      })
      .strict()
      .optional()
      .describe('Send to a channel conversation directly.'),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Makes retries safe: a second call with the same key stores and sends nothing new.'),
  })
  .strict()
  .refine((input) => (input.sessionId === undefined) !== (input.target === undefined), { message: 'give exactly one of sessionId or target', path: ['sessionId'] });

/** Output of `chat/send`. */
export const SendOutputSchema = z.object({
  sessionId: z.string().describe('The session the text was stored in.'),
  seq: z.number().int().describe('The seq of the stored assistant message.'),
  messageIds: z.array(z.string()).describe('Platform ids of the sent chunks.'),
});

/** Input of `chat/send`. */
export type SendInput = z.input<typeof SendInputSchema>;
/** Output of `chat/send`. */
export type SendOutput = z.output<typeof SendOutputSchema>;

async function routeFor(runtime: ChatRuntime, input: z.output<typeof SendInputSchema>): Promise<{ sessionId: string; route: SessionRoute }> {
  const { session } = runtime.context;
  if (input.sessionId !== undefined) {
    const record = await session.get(input.sessionId);
    if (!record) throw new DowncityError(ErrorCodes.SESSION_NOT_FOUND, `Session "${input.sessionId}" does not exist. List chat sessions with chat/sessions.`);
    const route = readRoute(record.metadata);
    if (!route) throw new DowncityError(ErrorCodes.INPUT_INVALID, `Session "${input.sessionId}" has no chat route (no message arrived in it through a channel). Send to a target instead.`);
    return { sessionId: input.sessionId, route };
  }
  const target = input.target as NonNullable<typeof input.target>;
  const adapter = runtime.hub.find(target.channel, target.account);
  if (!adapter) throw noChannel(runtime, target.channel);
  const route: SessionRoute = { channel: adapter.id, account: adapter.account, chatId: target.chatId, ...(target.threadId ? { threadId: target.threadId } : {}) };
  const scope = runtime.config.scope === 'user' ? 'chat' : runtime.config.scope;
  return { sessionId: sessionIdFor(route, scope), route };
}

function noChannel(runtime: ChatRuntime, channel: string): DowncityError {
  const running = runtime.hub.describe().map((entry) => entry.id);
  return new DowncityError(ErrorCodes.INPUT_INVALID, `No connected channel "${channel}" (running: ${running.join(', ') || 'none'}). Enable it under services.chat.channels.`);
}

/** `chat/send`: sends text to a session or channel target and stores it in the session as an assistant message. */
export function sendAction(runtime: ChatRuntime) {
  return defineAction({
    description: 'Send a message to a chat session or a channel conversation, and store it as an assistant message in that session.',
    input: SendInputSchema,
    output: SendOutputSchema,
    tool: false,
    run: async (input, call) => {
      const { context, config, outbox } = runtime;
      const { sessionId, route } = await routeFor(runtime, input);
      const adapter = runtime.hub.find(route.channel, route.account);
      if (!adapter) throw noChannel(runtime, route.channel);
      return context.session.exclusive(sessionId, async () => {
        await openChatSession(context.session, sessionId, route, undefined, runtime.knownRoutes);
        const sends = context.storage.collection<JsonObject>('sends');
        const key = input.idempotencyKey ?? randomUUID();
        const previous = input.idempotencyKey === undefined ? undefined : (await sends.get(key))?.seq;
        let seq = typeof previous === 'number' ? previous : undefined;
        if (seq === undefined) {
          const metadata: JsonObject = { source: 'chat/send', caller: call.caller };
          const [stored] = await context.session.append(sessionId, [{ role: 'assistant', content: [{ type: 'text', text: input.text }], metadata }]);
          seq = stored?.seq ?? 0;
          if (input.idempotencyKey !== undefined) await sends.put(key, { sessionId, seq });
        }
        const messageIds = await deliverReply({
          adapter,
          target: { chatId: route.chatId, ...(route.threadId ? { threadId: route.threadId } : {}) },
          chunks: splitText(input.text, adapter.capabilities.maxTextLength),
          key: `send:${key}`,
          outbox,
          retries: config.sendRetries,
          logger: context.logger,
          signal: call.signal,
        });
        return { sessionId, seq, messageIds };
      });
    },
  });
}
