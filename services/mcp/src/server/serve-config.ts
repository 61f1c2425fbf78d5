import { z } from 'zod';

/** How the agent serves its own tool actions to other MCP clients. (Owned by the MCP server work.) */
export const McpServeConfigSchema = z.object({}).loose().default({}).describe('How the agent serves its tool actions to other MCP clients.');
