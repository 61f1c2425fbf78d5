import { z } from 'zod';
import type { ChannelDefinition } from './channel/channel.js';

/** The chat service settings other than channels. */
const settings = {
  scope: z
    .enum(['chat', 'user', 'thread'])
    .default('chat')
    .describe('One session per chat, per user in a chat, or per thread. Decides the session id (see the README).'),
  mergeQueued: z
    .boolean()
    .default(false)
    .describe('Merge messages that arrived while a turn was running into the next turn (one reply), instead of one turn each.'),
  groups: z
    .object({
      requireMention: z.boolean().default(true).describe('In groups, answer only when the bot is mentioned or replied to.'),
    })
    .strict()
    .default({ requireMention: true }),
  ignoreBots: z.boolean().default(true).describe('Ignore messages sent by other bots (prevents bot loops).'),
  maxInboundTextLength: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(16_000)
    .describe('Longer inbound texts are rejected with a reason and not stored.'),
  maxAttachments: z.number().int().min(0).max(100).default(10).describe('More attachments than this on one message are rejected.'),
  quoteReplies: z
    .enum(['never', 'group', 'always'])
    .default('group')
    .describe('When replies quote the message they answer: never, in groups only, or always.'),
  tools: z
    .union([z.enum(['all', 'none']), z.array(z.string().min(1))])
    .default('all')
    .describe('Which actions the model may call in chat turns: all tool actions, none, or a list of action names.'),
  instructions: z.string().optional().describe('Extra system instructions for chat turns.'),
  errorReply: z
    .string()
    .min(1)
    .default('Sorry, I could not answer that just now. Please try again in a moment.')
    .describe('Sent when the model fails (after retries). Never contains error details.'),
  noModelReply: z
    .string()
    .min(1)
    .default(
      'No model is configured yet, so I can only run commands (try /help). Set `model` in the agent config, e.g. { provider: "openai", model: "gpt-4o-mini" } with OPENAI_API_KEY set.',
    )
    .describe('Sent for ordinary messages while no model is configured.'),
  stoppedReply: z
    .string()
    .min(1)
    .default('Stopped.')
    .describe('Sent when a reply is stopped (/stop, or the chat/stop action such as the console\'s Stop button).'),
  typingIntervalMs: z.number().int().min(500).max(60_000).default(4_000).describe('How often the typing indicator is renewed while the model runs.'),
  sendRetries: z.number().int().min(0).max(10).default(2).describe('How often a failed chunk send is retried before the message is marked failed.'),
  inboxRetentionHours: z
    .number()
    .min(1)
    .max(24 * 365)
    .default(72)
    .describe('How long answered messages stay in the inbox, so platform redeliveries are recognised as duplicates.'),
};

/** A channel's entry under `channels`: its config, `true` for its defaults, or `false` to turn it off. */
function channelEntry(definition: ChannelDefinition): z.ZodType {
  return z.union([z.boolean(), definition.config]).optional().describe(`The "${definition.id}" channel: its config, true for defaults, false (or absent) to turn it off.`);
}

/**
 * Builds the config schema of `services.chat` for a set of channels. `channels` accepts exactly the
 * given channel ids; an unknown id is an error naming the channels that are installed.
 */
export function chatConfigSchema(channels: readonly ChannelDefinition[]) {
  const known = channels.map((channel) => channel.id);
  const shape = Object.fromEntries(channels.map((channel) => [channel.id, channelEntry(channel)]));
  const channelsSchema = z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `no channel named ${issue.keys.map((key) => `"${key}"`).join(', ')} is installed; pass its definition to createChatService({ channels: [...] }) (installed: ${known.join(', ') || 'none'})`
          : undefined,
    })
    .default({})
    .describe('Channels to run, by channel id. A channel runs only when its key is present and not false.');
  return z.object({ ...settings, channels: channelsSchema }).strict();
}

/** The `services.chat` config as validated. Channel entries stay `unknown` here; each channel validates its own. */
export type ChatConfig = Omit<z.output<ReturnType<typeof chatConfigSchema>>, 'channels'> & { channels: Record<string, unknown> };

/** The `services.chat` config as written. */
export type ChatConfigInput = Omit<z.input<ReturnType<typeof chatConfigSchema>>, 'channels'> & { channels?: Record<string, unknown> };
