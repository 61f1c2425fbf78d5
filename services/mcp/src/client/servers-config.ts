import { z } from 'zod';

/** MCP servers whose tools become actions `mcp/<server>/<tool>`, by server name. (Owned by the MCP client work.) */
export const McpServersConfigSchema = z.record(z.string(), z.object({}).loose()).default({}).describe('MCP servers whose tools the agent uses, by name.');
