import { z } from 'zod';

/**
 * A service's `runtimeActions` manifest entry: the service adds and removes actions named
 * `<id>/<name>` while it runs (e.g. `mcp/<server>/<tool>` for the tools of an MCP server), through
 * `context.actions`. Users see here that the set of actions is not fixed and whether the model may call them.
 */
export const RuntimeActionsSchema = z
  .object({
    description: z.string().min(1).describe('What the runtime actions are, e.g. "The tools of the configured MCP servers".'),
    tool: z.boolean().default(false).describe('Whether the model may call them as tools (each action may still opt out).'),
  })
  .strict();

/** A validated `runtimeActions` manifest entry. */
export type RuntimeActionsManifest = z.output<typeof RuntimeActionsSchema>;
