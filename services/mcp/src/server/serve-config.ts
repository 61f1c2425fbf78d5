import { z } from 'zod';

/** The agent's MCP endpoint on its HTTP surface (`services.mcp.serve.http`). */
export const McpHttpServeConfigSchema = z
  .strictObject({
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be a URL path starting with "/", e.g. "/mcp"')
      .default('/mcp')
      .describe('The path of the streamable-HTTP MCP endpoint on the agent\'s HTTP surface (default "/mcp").'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65_535)
      .optional()
      .describe('A port of its own for the endpoint; by default it shares the agent\'s HTTP address (the `http` section).'),
    host: z.string().min(1).optional().describe('The host of its own listener, with `port`; by default the agent\'s HTTP host.'),
  })
  .describe(
    'Serves the agent\'s tool actions over streamable HTTP. Each request needs "Authorization: Bearer <token>", a per-user token (downcity auth token create <user>); the call runs as that user\'s principal, under the same guards as the model\'s tool calls. Needs @downcity/chat (its tokens).',
  );

/** How the agent serves its own tool actions to other MCP clients (`services.mcp.serve`). Off unless `http` is set. */
export const McpServeConfigSchema = z
  .strictObject({
    http: McpHttpServeConfigSchema.optional(),
  })
  .default({})
  .describe('How the agent serves its tool actions to other MCP clients. `downcity mcp` (stdio) needs no config; the HTTP endpoint is off unless `http` is set.');

/** The parsed `services.mcp.serve`. */
export type McpServeConfig = z.output<typeof McpServeConfigSchema>;

/** The parsed `services.mcp.serve.http`. */
export type McpHttpServeConfig = z.output<typeof McpHttpServeConfigSchema>;
