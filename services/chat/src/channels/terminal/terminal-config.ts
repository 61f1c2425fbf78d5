import { z } from 'zod';

/** Config of the terminal channel (`services.chat.channels.terminal`). */
export const TerminalChannelConfigSchema = z
  .object({
    user: z.string().min(1).default('local').describe('The sender id of everything typed (principal "terminal:<user>").'),
    displayName: z.string().min(1).optional().describe('The sender display name.'),
    chatId: z.string().min(1).default('local').describe('The conversation id; the session is chat:terminal:<account>:<chatId>.'),
    account: z.string().min(1).default('local').describe('The account id in session ids.'),
    prompt: z.string().default('> ').describe('The input prompt.'),
  })
  .strict();

/** The terminal channel config as validated. */
export type TerminalChannelConfig = z.output<typeof TerminalChannelConfigSchema>;
