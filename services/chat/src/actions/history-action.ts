import { defineAction, textOf } from '@downcity/core';
import { z } from 'zod';
import type { ChatRuntime } from '../service/chat-runtime.js';
import { messageUsageOf } from '../message/message-usage.js';

const MessageUsageSchema = z.object({
  model: z.string().optional(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number(),
  reasoningTokens: z.number(),
  totalTokens: z.number(),
  cost: z.number().nullable(),
  currency: z.string().optional(),
});

/** Input of `chat/history`. */
export const HistoryInputSchema = z
  .object({
    sessionId: z.string().min(1).describe('The session id (see chat/sessions).'),
    limit: z.number().int().min(1).max(500).default(50).describe('The newest this many messages.'),
    beforeSeq: z.number().int().min(1).optional().describe('Only messages before this seq (paging backwards).'),
  })
  .strict();

/** Output of `chat/history`. */
export const HistoryOutputSchema = z.object({
  sessionId: z.string(),
  messages: z.array(
    z.object({
      seq: z.number().int(),
      role: z.enum(['system', 'user', 'assistant', 'tool']),
      text: z.string().describe('Text parts joined; empty for tool calls and results.'),
      createdAt: z.number(),
      metadata: z.record(z.string(), z.json()),
      usage: MessageUsageSchema.optional().describe("For an assistant message that opened a model step: the step's tokens, model and cost (null without a price)."),
    }),
  ),
});

/** Input of `chat/history`. */
export type HistoryInput = z.input<typeof HistoryInputSchema>;
/** Output of `chat/history`. */
export type HistoryOutput = z.output<typeof HistoryOutputSchema>;

/** `chat/history`: a session's messages, oldest first. An unknown session id is a `SESSION_NOT_FOUND` error. */
export function historyAction(runtime: ChatRuntime) {
  return defineAction({
    description: "Read a chat session's messages, oldest first.",
    input: HistoryInputSchema,
    output: HistoryOutputSchema,
    tool: false,
    run: async (input) => {
      const messages = await runtime.context.session.history(input.sessionId, {
        limit: input.limit,
        ...(input.beforeSeq === undefined ? {} : { beforeSeq: input.beforeSeq }),
      });
      return {
        sessionId: input.sessionId,
        messages: messages.map((message) => {
          const usage = message.role === 'assistant' ? messageUsageOf(message.metadata) : undefined;
          return { seq: message.seq, role: message.role, text: textOf(message.content), createdAt: message.createdAt, metadata: message.metadata, ...(usage ? { usage } : {}) };
        }),
      };
    },
  });
}
