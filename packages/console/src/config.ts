import { z } from 'zod';

/** The config of the console service (`services.console`). */
export const ConsoleConfigSchema = z
  .object({
    path: z
      .string()
      .regex(/^\/[a-z0-9-]+$/, 'must be one path segment such as "/console"')
      .default('/console')
      .describe('Where the console is served on the agent\'s HTTP surface; the session cookie is scoped to this path.'),
    allowRemote: z
      .boolean()
      .default(false)
      .describe('Whether clients other than this machine (loopback) may reach the console. Off by default; put TLS in front before turning it on.'),
    linkTtlSeconds: z.number().int().min(10).max(3_600).default(300).describe('How long a one-time sign-in link stays valid.'),
    sessionTtlMinutes: z.number().int().min(1).max(10_080).default(720).describe('How long a console sign-in lasts before it expires.'),
    chat: z
      .boolean()
      .default(true)
      .describe('Serve the Chat page: a web chat channel ("web") of the chat service through which the signed-in operator talks to the agent. Needs @downcity/chat.'),
  })
  .strict();

/** The parsed console config. */
export type ConsoleConfig = z.output<typeof ConsoleConfigSchema>;
