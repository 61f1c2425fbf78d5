import { defineAction } from '@downcity/core';
import { z } from 'zod';
import { readRoute } from '../inbound/route.js';
import type { ChatRuntime } from '../service/chat-runtime.js';
import { channelsOf } from '../session/open-chat-session.js';

/** Input of `chat/sessions`. */
export const SessionsInputSchema = z
  .object({
    channel: z.string().min(1).optional().describe('Only sessions that saw this channel.'),
    limit: z.number().int().min(1).max(500).default(50).describe('At most this many, newest first.'),
  })
  .strict();

/** Output of `chat/sessions`. */
export const SessionsOutputSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      channels: z.array(z.string()).describe('Channels the session saw.'),
      route: z.object({ channel: z.string(), account: z.string(), chatId: z.string(), threadId: z.string().optional() }).optional().describe('Where replies go.'),
      title: z.string().optional(),
      messages: z.number().int().describe('Stored messages.'),
      createdAt: z.number(),
      updatedAt: z.number(),
    }),
  ),
});

/** Input of `chat/sessions`. */
export type SessionsInput = z.input<typeof SessionsInputSchema>;
/** Output of `chat/sessions`. */
export type SessionsOutput = z.output<typeof SessionsOutputSchema>;

/** `chat/sessions`: lists chat sessions, most recently active first. */
export function sessionsAction(runtime: ChatRuntime) {
  return defineAction({
    description: 'List chat sessions, most recently active first.',
    input: SessionsInputSchema,
    output: SessionsOutputSchema,
    tool: false,
    run: async (input) => {
      const records = await runtime.context.session.list({ kind: 'chat', limit: input.channel ? 1_000 : input.limit });
      const sessions = records
        .filter((record) => input.channel === undefined || channelsOf(record).includes(input.channel))
        .slice(0, input.limit)
        .map((record) => {
          const route = readRoute(record.metadata);
          const title = record.metadata.title;
          return {
            id: record.id,
            channels: channelsOf(record),
            ...(route ? { route } : {}),
            ...(typeof title === 'string' ? { title } : {}),
            messages: record.lastSeq,
            createdAt: record.createdAt,
            updatedAt: record.updatedAt,
          };
        });
      return { sessions };
    },
  });
}
