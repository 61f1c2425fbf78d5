import { z } from 'zod';

/** How calls to servers with `approval: true` wait for the chat user's answer. */
export const McpApprovalsConfigSchema = z
  .object({
    expiresMs: z
      .number()
      .int()
      .min(1_000)
      .max(86_400_000)
      .default(600_000)
      .describe('How long a tool call waits for /approve before it is refused, in milliseconds (default 600,000: 10 minutes).'),
    maxPending: z.number().int().positive().max(1_000).default(50).describe('How many tool calls may wait for approval at once (default 50); more are denied.'),
  })
  .strict()
  .default({ expiresMs: 600_000, maxPending: 50 })
  .describe('Tool calls of servers with "approval": true wait for the chat user\'s /approve <id> or /deny <id>.');

/** The parsed `approvals` config. */
export type McpApprovalsConfig = z.output<typeof McpApprovalsConfigSchema>;
