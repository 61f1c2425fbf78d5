import { defineAction } from '@downcity/core';
import { z } from 'zod';
import type { ChatRuntime } from '../service/chat-runtime.js';

/** Input of `chat/channels`: nothing. */
export const ChannelsInputSchema = z.object({}).strict();

/** Output of `chat/channels`. */
export const ChannelsOutputSchema = z.object({
  channels: z.array(
    z.object({
      id: z.string(),
      account: z.string(),
      connected: z.boolean(),
      capabilities: z.record(z.string(), z.json()),
      info: z.record(z.string(), z.json()).describe('Runtime facts such as the bound URL; never secrets.'),
      sharedPrincipals: z
        .array(z.string())
        .describe('Principal ids the channel authenticates only by a shared credential (e.g. "http:shared"); never owners or admins.'),
      lastEventAt: z.iso.datetime().optional().describe('When the channel last delivered a message, since the agent started.'),
      connectionHeldHere: z
        .boolean()
        .optional()
        .describe('In a cluster, for a channel with one long-lived connection (long polling, a websocket): whether this worker holds it.'),
      lastError: z
        .object({ at: z.iso.datetime(), message: z.string() })
        .optional()
        .describe('The last failure answering one of its messages, since the agent started (registered secrets redacted).'),
    }),
  ),
});

/** Input of `chat/channels`. */
export type ChannelsInput = z.input<typeof ChannelsInputSchema>;
/** Output of `chat/channels`. */
export type ChannelsOutput = z.output<typeof ChannelsOutputSchema>;

/** `chat/channels`: the running channels, their accounts, capabilities, runtime facts (e.g. the HTTP URL), last message and last failure. */
export function channelsAction(runtime: ChatRuntime) {
  return defineAction({
    description: 'List the running chat channels.',
    input: ChannelsInputSchema,
    output: ChannelsOutputSchema,
    tool: false,
    run: () => ({ channels: runtime.hub.describe() }),
  });
}
