import { z } from 'zod';
import { McpApprovalsConfigSchema } from './client/approvals-config.js';
import { McpServersConfigSchema } from './client/servers-config.js';
import { McpServeConfigSchema } from './server/serve-config.js';

/** The `mcp` service's config: MCP servers whose tools the agent uses, and how the agent serves its own tools. */
export const McpConfigSchema = z
  .object({
    servers: McpServersConfigSchema,
    serve: McpServeConfigSchema,
    approvals: McpApprovalsConfigSchema,
  })
  .strict();

/** The parsed `mcp` config. */
export type McpConfig = z.output<typeof McpConfigSchema>;

/** The `mcp` config as written. */
export type McpConfigInput = z.input<typeof McpConfigSchema>;
