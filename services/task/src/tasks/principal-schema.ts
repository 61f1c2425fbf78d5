import { z } from 'zod';

/** A principal as stored with a task or run: who it runs on behalf of (see `Principal` in core). */
export const PrincipalSchema = z
  .object({
    id: z.string().min(1).describe('Stable id across the agent, e.g. "telegram:123456".'),
    channel: z.string().optional(),
    account: z.string().optional(),
    displayName: z.string().optional(),
    conversation: z.enum(['direct', 'group']).optional(),
    authenticatedBy: z
      .enum(['platform', 'user-credential', 'shared-credential', 'operator'])
      .optional()
      .describe('How the channel authenticated it; kept so access checks at run time weigh it as they did when the task was made.'),
  })
  .describe('Who the task runs on behalf of.');
